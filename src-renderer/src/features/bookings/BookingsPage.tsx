/**
 * Bookings (API.md section 4): the four overview widgets for the chosen range against the same
 * length before it, booked / completed / cancelled per day, week or month (the API picks the
 * bucket by the range's length), the latest bookings, the next meetings and the activity feed.
 */
import type { NextMeeting } from '../../../../src-shared/api/bookings'
import {
  BOOKING_WIDGET_TILES,
  KPI_DEFINITIONS,
  undefinedKpi,
  type ChosenDays,
} from '../../../../src-shared/domain/kpi-definitions'
import { addDays, daysBetween } from '../../../../src-shared/domain/time'
import { formatNumber, periodChange } from '../../../../src-shared/format'
import { formatInstant } from '../../../../src-shared/format-dates'
import { uiLocale } from '../../locale'
import { api } from '../../api/endpoints'
import { useReportMode } from '../../api/source'
import { useApi, type Loaded } from '../../api/useApi'
import { barChart, dateLabels } from '../../charts/options'
import { Chart } from '../../components/Chart'
import { Kpi } from '../../components/Kpi'
import { Panel } from '../../components/Panel'
import { useStore } from '../../stores/store'
import { useChartTheme } from '../../theme'
import { bucketName, comparisonPeriod, graphSeries, maxDate, minDate, orderedRange } from './shape'

const PRESETS = [7, 30, 90, 365] as const

export function BookingsPage() {
  const today = useStore((state) => state.today)
  const timeZone = useStore((state) => state.timezone)
  const days = useStore((state) => state.days)
  const chosen = useStore((state) => state.bookingRange)
  const setRange = useStore((state) => state.setBookingRange)
  const report = useReportMode()
  // A range is always ordered: a typed From after To moves To along (and the other way round),
  // and a stored range from an older version is put in order.
  const range = orderedRange(chosen ?? { from: addDays(today, -(days - 1)), to: today })
  const length = daysBetween(range.from, range.to) + 1
  const theme = useChartTheme()
  const reports = useApi(
    (signal) => api.reports(range.from, range.to, { signal }),
    [range.from, range.to],
    'reports',
  )
  // The widgets' own comparison period, asked for its numbers: a change is read from both counts
  // by the one rule (`periodChange`: "new" against 0), not from the plugin's `stat`, which says
  // 100 whenever the comparison is 0.
  const comparison = comparisonPeriod(range, timeZone)
  // A range reaching before 1970 (a year half typed, 0002) has no comparison to ask for; one
  // that cannot be had leaves the widgets without a change, never in an error or loading state.
  const before = useApi(
    (signal) =>
      comparison === null
        ? Promise.resolve(null)
        : api.reportsBetween(comparison.startTime, comparison.endTime, { signal }),
    [comparison?.startTime, comparison?.endTime],
    'reports-before',
  )
  const widgets = withComparison(reports, before)
  const chosenDays: ChosenDays = {
    from: range.from,
    to: range.to,
    days: length,
    timeZone,
    upToNow: false,
    name: `the ${length === 1 ? 'day' : `${length} days`} chosen above`,
  }
  const graph = useApi(
    // The plugin's date_range leaves its end day out (DatePeriod): ask for the day after `to`.
    (signal) => api.graphReports(range.from, addDays(range.to, 1), { signal }),
    [range.from, range.to],
    'graph-reports',
  )
  const activities = useApi((signal) => api.activities({ signal }), [], 'activities')
  return (
    <div className="grid">
      {/* The range picker is a control: a report shows the range it captured. */}
      {report === null && (
        <section className="panel wide range-picker" aria-label="Date range">
          <div className="row">
            <label>
              From
              <input
                type="date"
                value={range.from}
                max={range.to}
                onChange={(event) =>
                  event.target.value !== '' &&
                  setRange({ from: event.target.value, to: maxDate(event.target.value, range.to) })
                }
                data-testid="booking-from"
              />
            </label>
            <label>
              To
              <input
                type="date"
                value={range.to}
                min={range.from}
                onChange={(event) =>
                  event.target.value !== '' &&
                  setRange({
                    from: minDate(range.from, event.target.value),
                    to: event.target.value,
                  })
                }
                data-testid="booking-to"
              />
            </label>
            <div className="chips" role="group" aria-label="Presets">
              {PRESETS.map((preset) => (
                <button
                  key={preset}
                  type="button"
                  className="chip"
                  aria-pressed={range.to === today && length === preset}
                  onClick={() => setRange({ from: addDays(today, -(preset - 1)), to: today })}
                >
                  {preset} days
                </button>
              ))}
            </div>
            <span className="muted">
              {formatNumber(length)} days, by {bucketName(length)}
            </span>
          </div>
        </section>
      )}
      <Panel title="Overview" id="bookings.overview" state={widgets} wide>
        {([data, previous]) => (
          <div className="kpis">
            {data.overview.map((widget) => {
              const id = BOOKING_WIDGET_TILES[widget.title]
              const before = previous?.overview.find((other) => other.title === widget.title)
              return (
                <Kpi
                  key={widget.title}
                  definition={
                    id === undefined
                      ? undefinedKpi(widget.title, `GET /reports · ${widget.title}`)
                      : KPI_DEFINITIONS[id]
                  }
                  chosen={chosenDays}
                  value={formatNumber(widget.number)}
                  change={
                    before === undefined ? undefined : periodChange(widget.number, before.number)
                  }
                  hint={
                    before === undefined
                      ? undefined
                      : `previous ${length} days: ${formatNumber(before.number)}`
                  }
                />
              )
            })}
          </div>
        )}
      </Panel>
      <Panel
        title="Booked, completed and cancelled"
        id="bookings.graph"
        state={graph}
        wide
        isEmpty={(data) => Object.keys(data.booked_stats).length === 0}
      >
        {(data) => {
          const shaped = graphSeries(data)
          return (
            <Chart
              name="bookings.graph"
              label={`Bookings per ${bucketName(length)}`}
              option={barChart({
                categories: dateLabels(shaped.buckets),
                series: shaped.series,
                theme,
              })}
            />
          )
        }}
      </Panel>
      <Panel
        title="Latest bookings"
        id="bookings.latest"
        state={reports}
        isEmpty={(data) => data.latest_books.length === 0}
        empty="No bookings yet."
      >
        {(data) => (
          <table className="data">
            <thead>
              <tr>
                <th>Guest</th>
                <th>Status</th>
                <th>Starts</th>
                <th>Booked</th>
              </tr>
            </thead>
            <tbody>
              {data.latest_books.map((booking) => (
                <tr key={booking.id}>
                  <td>{guestName(booking)}</td>
                  <td>
                    <span className={`status ${booking.status}`}>{booking.status}</span>
                  </td>
                  <td>{formatInstant(booking.start_time, timeZone, { locale: uiLocale() })}</td>
                  <td className="muted">
                    {formatInstant(booking.created_at, timeZone, { locale: uiLocale() })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>
      <Panel
        title="Next meetings"
        id="bookings.next"
        state={reports}
        isEmpty={(data) => data.next_meetings.length === 0}
        empty="No meetings ahead."
      >
        {(data) => (
          <table className="data">
            <thead>
              <tr>
                <th>Meeting</th>
                <th>Host</th>
                <th>Starts</th>
                <th className="num">Guests</th>
              </tr>
            </thead>
            <tbody>
              {data.next_meetings.map((meeting) => (
                <tr key={meeting.id}>
                  <td>{meeting.title}</td>
                  <td>{meeting.author.name}</td>
                  <td>{formatInstant(meeting.start_time, timeZone, { locale: uiLocale() })}</td>
                  <td className="num">{groupSize(meeting)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>
      <Panel
        title="Activity"
        id="bookings.activity"
        state={activities}
        wide
        isEmpty={(data) => data.activities.length === 0}
        empty="No activity yet."
      >
        {(data) => (
          // scrolls past 420px: focusable so the keyboard can scroll it (axe
          // scrollable-region-focusable), named for the screen reader that lands on it
          <ol className="feed" tabIndex={0} aria-label="Latest booking activity">
            {data.activities.slice(0, 30).map((activity) => {
              const record = activity as typeof activity & {
                created_at?: string
                description?: string | null
              }
              // Stamped +00:00 by the API: read in the console's timezone.
              return (
                <li key={activity.id}>
                  <span className="feed-time">
                    {record.created_at === undefined
                      ? ''
                      : formatInstant(record.created_at, timeZone, { locale: uiLocale() })}
                  </span>
                  <span className={`status ${activity.status}`}>{activity.type}</span>
                  <span>{activity.title}</span>
                  {record.description !== undefined && record.description !== null && (
                    <span className="muted">{record.description}</span>
                  )}
                </li>
              )
            })}
          </ol>
        )}
      </Panel>
    </div>
  )
}

/** Both answers once both are in; loading while either is; the first error. */
/** The range's answer with its comparison's, which may be missing (null) or have failed. */
function withComparison<A, B>(a: Loaded<A>, b: Loaded<B | null>): Loaded<[A, B | null]> {
  const settled = b.data !== undefined || b.error !== undefined
  return {
    data: a.data === undefined || !settled ? undefined : [a.data, b.data ?? null],
    error: a.error,
    loading: a.loading || !settled,
    reload: () => {
      a.reload()
      b.reload()
    },
  }
}

function guestName(booking: {
  first_name: string | null
  last_name: string | null
  email: string | null
}): string {
  const name = [booking.first_name, booking.last_name]
    .filter((part) => part !== null && part !== '')
    .join(' ')
  return name !== '' ? name : (booking.email ?? 'unknown guest')
}

function groupSize(meeting: NextMeeting): string {
  return meeting.booked_count === undefined ? '1' : formatNumber(meeting.booked_count)
}
