/** Contracts of the console's own routes (API.md section 5), under /api/v1/. */
import { Type, type Static } from 'typebox'
import { Count, Id, Iso } from './kinds'

export const Counts = Type.Object({ counts: Type.Record(Type.String(), Count) })
export const Workspaces = Type.Object({
  workspaces: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), created_at: Iso })),
})
export type Workspaces = Static<typeof Workspaces>
export const Campaigns = Type.Object({
  campaigns: Type.Array(
    Type.Object({ id: Type.String(), name: Type.String(), status: Type.String(), created_at: Iso }),
  ),
})
export type Campaigns = Static<typeof Campaigns>
export const EventTypes = Type.Object({
  eventTypes: Type.Array(Type.Object({ type: Type.String(), count: Count })),
})
export const Organisations = Type.Object({
  organisations: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      domain_handle: Type.String(),
      spaces: Type.Array(
        Type.Object({
          id: Type.String(),
          name: Type.String(),
          token: Type.String(),
          content_type: Type.String(),
        }),
      ),
    }),
  ),
})
export type Organisations = Static<typeof Organisations>
export const Hosts = Type.Object({
  hosts: Type.Array(
    Type.Object({
      id: Id,
      name: Type.String(),
      email: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
})
export const TokenInfo = Type.Object({
  name: Type.String(),
  workspaces: Type.Array(Type.String()),
  organisations: Type.Array(Type.String()),
  fullAccess: Type.Boolean(),
  createdAt: Iso,
  lastUsedAt: Type.Union([Iso, Type.Null()]),
})
export const Tokens = Type.Object({ tokens: Type.Array(TokenInfo) })
export const CreatedToken = Type.Object({
  token: Type.String({ description: 'shown once' }),
  info: TokenInfo,
})
export const ImportResult = Type.Object({
  entities: Type.Array(
    Type.Object({
      entity: Type.String(),
      records: Count,
      added: Count,
      updated: Count,
    }),
  ),
  records: Count,
})
