/**
 * Contracts of the booking reports (API.md section 4, booking-reports.txt), with every field the
 * FluentBooking dashboard reads, typed as the plugin answers it; times in UTC, as the plugin's.
 */
import { Type, type Static } from 'typebox'
import { Count, Id, KIND_KEYWORD } from './kinds'

const NullableString = Type.Union([Type.String(), Type.Null()])
const NullableId = Type.Union([Id, Type.Null()])
const UtcTime = Type.String({ description: 'YYYY-MM-DD HH:mm:ss in UTC', [KIND_KEYWORD]: 'date' })
const IsoOffset = Type.String({ description: 'ISO 8601, +00:00', [KIND_KEYWORD]: 'date' })

const widget = {
  title: Type.String(),
  number: Count,
  content: Type.String(),
  icon: Type.String({ description: 'inline <svg>' }),
  stat: Type.Number({
    description: 'percent change against the comparison period, 2 decimals',
    [KIND_KEYWORD]: 'percent',
  }),
}
/** A widget; Total Guests has no `period` key (the seed's key order is kept). */
export const OverviewWidget = Type.Union([
  Type.Object({
    title: widget.title,
    period: Type.String(),
    number: widget.number,
    content: widget.content,
    icon: widget.icon,
    stat: widget.stat,
  }),
  Type.Object(widget),
])

const bookingFields = {
  id: Id,
  event_id: NullableId,
  host_id: NullableId,
  group_id: NullableString,
  status: Type.String(),
  first_name: NullableString,
  last_name: NullableString,
  email: NullableString,
  event_type: Type.String({
    description: "'group' for a guest of a multi-guest meeting (group_id set), else 'single'",
  }),
  start_time: UtcTime,
  end_time: UtcTime,
  created_at: UtcTime,
}

export const Booking = Type.Object(bookingFields)
export type Booking = Static<typeof Booking>

export const NextMeeting = Type.Object({
  ...bookingFields,
  title: Type.String(),
  author: Type.Object({ name: Type.String() }),
  slot: Type.Union([Type.Object({ id: Id, title: Type.String() }), Type.Object({})]),
  booked_count: Type.Optional(Count),
})
export type NextMeeting = Static<typeof NextMeeting>

export const Reports = Type.Object({
  overview: Type.Array(OverviewWidget),
  latest_books: Type.Array(Booking),
  next_meetings: Type.Array(NextMeeting),
})
export type Reports = Static<typeof Reports>

const Stats = Type.Record(Type.String(), Count)
export const GraphReports = Type.Object({
  booked_stats: Stats,
  completed_stats: Stats,
  cancelled_stats: Stats,
})
export type GraphReports = Static<typeof GraphReports>

export const Activity = Type.Object({
  id: Id,
  booking_id: NullableId,
  parent_id: NullableId,
  created_by: NullableId,
  status: Type.String(),
  type: Type.String(),
  title: Type.String(),
  description: NullableString,
  created_at: IsoOffset,
  updated_at: IsoOffset,
})
export const Activities = Type.Object({ activities: Type.Array(Activity) })
export type Activities = Static<typeof Activities>
