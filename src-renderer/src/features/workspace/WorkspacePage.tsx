/**
 * Workspace activity: bookings and room joins over the last 30 days, the event-type
 * breakdown, top booking pages and rooms, and new contacts over time (API.md section 1).
 */
import { KPI_DEFINITIONS, lastDaysChosen } from '../../../../src-shared/domain/kpi-definitions'
import { formatDuration, formatNumber, formatRate } from '../../../../src-shared/format'
import { api } from '../../api/endpoints'
import { useApi } from '../../api/useApi'
import { barChart, dateLabels, lineChart, pieChart } from '../../charts/options'
import { Chart } from '../../components/Chart'
import { Kpi } from '../../components/Kpi'
import { EmptyData, Panel } from '../../components/Panel'
import { useStore } from '../../stores/store'
import { useChartTheme } from '../../theme'
import { lastDates } from '../../../../src-shared/domain/time'
import { fillDates } from './shape'

export function WorkspacePage() {
  const workspaceId = useStore((state) => state.workspaceId)
  const days = useStore((state) => state.days)
  const theme = useChartTheme()
  const today = useStore((state) => state.today)
  const analytics = useApi(
    workspaceId === null ? null : (signal) => api.workspaceAnalytics(workspaceId, days, { signal }),
    [workspaceId, days],
    'workspace-analytics',
  )
  const timeZone = useStore((state) => state.timezone)
  if (workspaceId === null)
    return <EmptyData message="No workspace yet: import data on the Data page." />
  const chosen = lastDaysChosen(today, days, timeZone)
  return (
    <div className="grid">
      <Panel title="Workspace" id="workspace.kpis" state={analytics} wide>
        {(data) => (
          <div className="kpis">
            <Kpi
              definition={KPI_DEFINITIONS['workspace.rooms']}
              value={formatNumber(data.kpis.rooms)}
            />
            <Kpi
              definition={KPI_DEFINITIONS['workspace.recordings']}
              value={formatNumber(data.kpis.recordings)}
            />
            <Kpi
              definition={KPI_DEFINITIONS['workspace.recordedTime']}
              value={formatDuration(data.kpis.recordingDuration)}
            />
            <Kpi
              definition={KPI_DEFINITIONS['workspace.contacts']}
              value={formatNumber(data.kpis.contacts)}
            />
            <Kpi
              definition={KPI_DEFINITIONS['workspace.bookingEvents']}
              value={formatNumber(data.kpis.bookings)}
            />
            <Kpi
              definition={KPI_DEFINITIONS['workspace.newContacts']}
              chosen={chosen}
              value={formatNumber(data.contacts.new)}
            />
            <Kpi
              definition={KPI_DEFINITIONS['workspace.events']}
              chosen={chosen}
              value={formatNumber(data.events.total)}
            />
            <Kpi
              definition={KPI_DEFINITIONS['workspace.openRate']}
              chosen={chosen}
              value={formatRate(data.messages.openRate)}
            />
          </div>
        )}
      </Panel>
      <Panel
        title={`Bookings and room joins, last ${days} days`}
        id="workspace.activity"
        state={analytics}
        wide
        isEmpty={(data) => data.activityTimeline.length === 0}
      >
        {(data) => {
          const dates = lastDates(today, days)
          const rows = fillDates(data.activityTimeline, dates)
          return (
            <Chart
              name="workspace.activity"
              label="Bookings and room joins per day"
              option={lineChart({
                categories: dateLabels(dates),
                series: [
                  { name: 'Bookings', data: rows.map((row) => row?.bookings ?? 0) },
                  { name: 'Room joins', data: rows.map((row) => row?.room_joins ?? 0) },
                ],
                theme,
                area: true,
              })}
            />
          )
        }}
      </Panel>
      <Panel
        title="Event types (all time)"
        id="workspace.types"
        state={analytics}
        isEmpty={(data) => data.eventTypeBreakdown.length === 0}
      >
        {(data) => (
          <Chart
            name="workspace.types"
            label="Events per type"
            option={pieChart({
              items: data.eventTypeBreakdown.map((row) => ({ name: row.type, value: row.count })),
              theme,
            })}
          />
        )}
      </Panel>
      <Panel
        title={`New contacts, last ${days} days`}
        id="workspace.contacts"
        state={analytics}
        isEmpty={(data) => data.newContactsTimeline.length === 0}
      >
        {(data) => {
          const dates = lastDates(today, days)
          const rows = fillDates(data.newContactsTimeline, dates)
          return (
            <Chart
              name="workspace.contacts"
              label="New contacts per day"
              option={barChart({
                categories: dateLabels(dates),
                series: [{ name: 'New contacts', data: rows.map((row) => row?.count ?? 0) }],
                theme,
              })}
            />
          )
        }}
      </Panel>
      <Panel
        title="Top booking pages"
        id="workspace.pages"
        state={analytics}
        isEmpty={(data) => data.topBookingPages.length === 0}
      >
        {(data) => (
          <>
            <Chart
              name="workspace.pages"
              label="Bookings per booking page"
              height={200}
              option={barChart({
                categories: data.topBookingPages.map((page) => page.title),
                series: [
                  { name: 'Bookings', data: data.topBookingPages.map((page) => page.count) },
                ],
                theme,
                horizontal: true,
              })}
            />
            <table className="data">
              <thead>
                <tr>
                  <th>Page</th>
                  <th>Slug</th>
                  <th className="num">Bookings</th>
                </tr>
              </thead>
              <tbody>
                {data.topBookingPages.map((page) => (
                  <tr key={page.id}>
                    <td>{page.title}</td>
                    <td className="muted">{page.slug}</td>
                    <td className="num">{formatNumber(page.count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </Panel>
      <Panel
        title="Top rooms"
        id="workspace.rooms"
        state={analytics}
        isEmpty={(data) => data.topRooms.length === 0}
      >
        {(data) => (
          <>
            <Chart
              name="workspace.rooms"
              label="Joins per room"
              height={200}
              option={barChart({
                categories: data.topRooms.map((room) => room.display_name ?? room.name),
                series: [{ name: 'Joins', data: data.topRooms.map((room) => room.count) }],
                theme,
                horizontal: true,
              })}
            />
            <table className="data">
              <thead>
                <tr>
                  <th>Room</th>
                  <th>Name</th>
                  <th className="num">Joins</th>
                </tr>
              </thead>
              <tbody>
                {data.topRooms.map((room) => (
                  <tr key={room.id}>
                    <td>{room.display_name ?? room.name}</td>
                    <td className="muted">{room.name}</td>
                    <td className="num">{formatNumber(room.count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </Panel>
    </div>
  )
}
