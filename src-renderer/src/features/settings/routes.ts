/**
 * The API routes of the OpenAPI document, grouped by family (the operation's first tag) for the
 * Settings page, which shows each family folded: 64 rows in one table made the page 3,000 px tall.
 */

/** An operation as the OpenAPI document lists it. */
export interface Operation {
  readonly summary?: string
  readonly tags?: readonly string[]
}

/** One route of a family. */
export interface Route {
  readonly method: string
  readonly path: string
  readonly summary: string
}

/** A family of routes, in the order the document lists them. */
export interface RouteFamily {
  readonly tag: string
  readonly title: string
  readonly routes: readonly Route[]
}

/** The families in the order the page shows them: the products' documented ones first. */
const FAMILIES: readonly (readonly [tag: string, title: string])[] = [
  ['bookings', 'Bookings (FluentBooking reports)'],
  ['workspaces', 'Workspaces, rooms and campaigns'],
  ['organisations', 'Organisations and calls'],
  ['console', "The console's own routes"],
  ['sync', 'Sync sources'],
  ['snapshots', 'Report snapshots'],
]

/** Groups the document's `paths` by family; untagged operations go to "Other", last. */
export function routeFamilies(
  paths: Readonly<Record<string, Readonly<Record<string, Operation>>>>,
): RouteFamily[] {
  const byTag = new Map<string, Route[]>()
  for (const [path, methods] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const tag = operation.tags?.[0] ?? ''
      const routes = byTag.get(tag) ?? []
      routes.push({ method: method.toUpperCase(), path, summary: operation.summary ?? '' })
      byTag.set(tag, routes)
    }
  }
  const known = FAMILIES.filter(([tag]) => byTag.has(tag)).map(([tag, title]) => ({
    tag,
    title,
    routes: byTag.get(tag)!,
  }))
  const named = new Set(FAMILIES.map(([tag]) => tag))
  const others = [...byTag.keys()]
    .filter((tag) => !named.has(tag) && tag !== '')
    .sort()
    .map((tag) => ({
      tag,
      title: tag.charAt(0).toUpperCase() + tag.slice(1),
      routes: byTag.get(tag)!,
    }))
  const untagged = byTag.has('') ? [{ tag: '', title: 'Other', routes: byTag.get('')! }] : []
  return [...known, ...others, ...untagged]
}
