/**
 * What each number of a response is (issue #14 item 3), declared once on the contracts' own
 * primitives: every numeric field of a response in src-shared/api is one of these, so a view
 * (dashboard, snapshot viewer, export, comparison) reads a field's kind from its schema
 * (src-shared/reports/units.ts) and never guesses it from the field's name or value.
 *
 * The annotation is the JSON Schema extension keyword `x-kind` (it reaches the OpenAPI
 * document too). Request schemas carry none: Fastify validates them with Ajv in strict mode,
 * which refuses unknown keywords, and their numbers are parameters, not figures.
 */
import { Type } from 'typebox'

/**
 * - count: how many (integers, thousands separated: "1,234");
 * - rate: a fraction 0..1 shown as a percentage (0.4022 -> "40.22%");
 * - percent: already in percent, 0..100 or a percent change (38.98 -> "38.98%");
 * - duration: seconds, shown as "1h 05m";
 * - money: an amount in the account's currency, 2 decimals;
 * - date: a date or an instant (strings: `YYYY-MM-DD`, ISO 8601);
 * - change: a relative change as a fraction ((value - previous) / previous: 0.125 -> "+12.5%");
 * - score: a plain measure without a unit (an average score), up to 2 decimals;
 * - id: a number that names something (a row's id, an HTTP status): shown as written, never
 *   summed, charted or compared.
 */
export const FIGURE_KINDS = [
  'count',
  'rate',
  'percent',
  'duration',
  'money',
  'date',
  'change',
  'score',
  'id',
] as const
export type FigureKind = (typeof FIGURE_KINDS)[number]

/** The keyword that declares a schema's kind. */
export const KIND_KEYWORD = 'x-kind'
/** The keyword of a number whose kind a field of an enclosing object names (`KindFrom`). */
export const KIND_FROM_KEYWORD = 'x-kind-from'

/** `x-kind-from`: the enclosing object's `field` names the kind, through `kinds` when given. */
export interface KindFromField {
  readonly field: string
  /** The field's values -> kinds; without it the field's value is a kind itself. */
  readonly kinds?: Readonly<Record<string, FigureKind>>
}

export const Count = Type.Integer({ minimum: 0, [KIND_KEYWORD]: 'count' })
/** A count that may be written without a lower bound (a funnel step's drop-off). */
export const Difference = Type.Integer({ [KIND_KEYWORD]: 'count' })
export const Rate = Type.Number({
  description: 'a fraction 0..1, rounded to 4 decimals',
  [KIND_KEYWORD]: 'rate',
})
export const Percent = Type.Number({
  description: 'percent (0..100, or a percent change), 2 decimals',
  [KIND_KEYWORD]: 'percent',
})
export const Seconds = Type.Number({ description: 'seconds', [KIND_KEYWORD]: 'duration' })
export const WholeSeconds = Type.Integer({ description: 'seconds', [KIND_KEYWORD]: 'duration' })
export const Money = Type.Number({
  description: "an amount in the account's currency, 2 decimals",
  [KIND_KEYWORD]: 'money',
})
export const Change = Type.Number({
  description: '(value - previous) / previous, rounded to 4 decimals',
  [KIND_KEYWORD]: 'change',
})
export const Score = Type.Number({ description: 'a unitless measure', [KIND_KEYWORD]: 'score' })
export const Id = Type.Integer({ [KIND_KEYWORD]: 'id' })
/** An HTTP status code in a body (`status_code`, a captured response's `status`). */
export const HttpStatus = Type.Integer({ description: 'HTTP status', [KIND_KEYWORD]: 'id' })

export const DateString = Type.String({
  description: 'local date YYYY-MM-DD',
  [KIND_KEYWORD]: 'date',
})
export const Iso = Type.String({ description: 'ISO 8601, UTC', [KIND_KEYWORD]: 'date' })

/**
 * A number whose kind a field of its enclosing object names, e.g. the overview KPI's `value`,
 * `previous` and `trend` items by its `unit`; the nearest enclosing object holding `field` is
 * read.
 */
export function KindFrom(field: string, kinds?: Readonly<Record<string, FigureKind>>) {
  const from: KindFromField = kinds === undefined ? { field } : { field, kinds }
  return Type.Number({ [KIND_FROM_KEYWORD]: from })
}
