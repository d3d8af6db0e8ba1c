/**
 * Capture schedules: the console captures a report by itself while it runs ("every Monday
 * 09:00, the Overview"), with the filters its dashboard shows now (relative to each capture's
 * day). Listed with their next and last run, deleted, and added with a small form.
 */
import { useMemo, useState, type FormEvent } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { Report } from '../../../../src-shared/api/snapshots'
import { formatCapturedAt } from '../../../../src-shared/reports/present'
import { api } from '../../api/endpoints'
import { failureMessage } from '../../api/client'
import { useApi } from '../../api/useApi'
import { Panel } from '../../components/Panel'
import { useStore } from '../../stores/store'
import { filtersOf } from './Capture'
import { REPORTS, REPORT_TITLES, filtersText, scheduleParams } from './params'
import {
  DEFAULT_FORM,
  FREQUENCIES,
  WEEK,
  describeSchedule,
  scheduleString,
  type Frequency,
  type ScheduleForm,
  type Weekday,
} from './schedules'

export function SchedulesPanel() {
  const schedules = useApi((signal) => api.snapshotSchedules({ signal }), [])
  const timezone = useStore((state) => state.timezone)
  const [error, setError] = useState<string | null>(null)
  const [removing, setRemoving] = useState<number | null>(null)
  const remove = async (id: number): Promise<void> => {
    setError(null)
    setRemoving(id)
    try {
      await api.deleteSnapshotSchedule(id)
      schedules.reload()
    } catch (failure) {
      setError(failureMessage(failure))
    } finally {
      setRemoving(null)
    }
  }
  const when = (iso: string | null): string =>
    iso === null ? '–' : formatCapturedAt(iso, timezone)
  return (
    <Panel title="Capture schedules" id="snapshots.schedules" state={schedules} wide>
      {(data) => (
        <>
          {data.schedules.length === 0 ? (
            <p className="muted" data-testid="no-schedules">
              No schedules: the console captures nothing by itself yet.
            </p>
          ) : (
            <table className="data schedules" data-testid="schedules">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Report</th>
                  <th scope="col">Schedule ({timezone})</th>
                  <th scope="col">Filters</th>
                  <th scope="col">Next run</th>
                  <th scope="col">Last run</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.schedules.map((schedule) => (
                  <tr key={schedule.id} data-schedule={schedule.id}>
                    <td>{schedule.name}</td>
                    <td>{REPORT_TITLES[schedule.report]}</td>
                    <td title={schedule.schedule}>{describeSchedule(schedule.schedule)}</td>
                    <td className="filters-cell">
                      {filtersText(schedule.report, schedule.params)}
                    </td>
                    <td className="nowrap" data-cell="next-run">
                      {when(schedule.nextRunAt)}
                    </td>
                    <td className="nowrap" data-cell="last-run">
                      {schedule.lastRunAt === null ? 'Not yet' : when(schedule.lastRunAt)}
                    </td>
                    <td>
                      <button
                        type="button"
                        className="danger"
                        aria-label={`Delete the schedule ${schedule.name}, ${describeSchedule(schedule.schedule)}`}
                        disabled={removing === schedule.id}
                        onClick={() => void remove(schedule.id)}
                      >
                        Delete
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {error !== null && (
            <p className="error-text" role="alert">
              {error}
            </p>
          )}
          <ScheduleAdder onAdded={schedules.reload} />
        </>
      )}
    </Panel>
  )
}

function ScheduleAdder({ onAdded }: { onAdded: () => void }) {
  const [report, setReport] = useState<Report>('overview')
  const [form, setForm] = useState<ScheduleForm>(DEFAULT_FORM)
  const [name, setName] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const filters = useStore(useShallow(filtersOf))
  const params = useMemo(() => scheduleParams(report, filters), [report, filters])
  const paramsText = filtersText(report, params)
  const change = (patch: Partial<ScheduleForm>): void => {
    setError(null)
    setForm((previous) => ({ ...previous, ...patch }))
  }
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    const schedule = scheduleString(form)
    if ('error' in schedule) {
      setError(schedule.error)
      return
    }
    setSaving(true)
    setError(null)
    try {
      await api.addSnapshotSchedule({
        report,
        params,
        schedule: schedule.value,
        name: name.trim() === '' ? undefined : name.trim(),
      })
      setName('')
      onAdded()
    } catch (failure) {
      setError(failureMessage(failure))
    } finally {
      setSaving(false)
    }
  }
  const { frequency } = form
  return (
    <form
      className="schedule-form"
      aria-label="Add a capture schedule"
      onSubmit={(event) => void submit(event)}
    >
      <h3>Add a schedule</h3>
      <div className="row">
        <label>
          Report
          <select
            value={report}
            data-testid="schedule-report"
            onChange={(event) => setReport(event.target.value as Report)}
          >
            {REPORTS.map((value) => (
              <option key={value} value={value}>
                {REPORT_TITLES[value]}
              </option>
            ))}
          </select>
        </label>
        <label>
          How often
          <select
            value={frequency}
            data-testid="schedule-frequency"
            onChange={(event) => change({ frequency: event.target.value as Frequency })}
          >
            {FREQUENCIES.map((entry) => (
              <option key={entry.value} value={entry.value}>
                {entry.label}
              </option>
            ))}
          </select>
        </label>
        {frequency === 'weekly' && (
          <label>
            Day
            <select
              value={form.weekday}
              data-testid="schedule-day"
              onChange={(event) => change({ weekday: event.target.value as Weekday })}
            >
              {WEEK.map((day) => (
                <option key={day.value} value={day.value}>
                  {day.label}
                </option>
              ))}
            </select>
          </label>
        )}
        {(frequency === 'weekly' || frequency === 'daily-at') && (
          <label>
            Time
            <input
              type="time"
              value={form.time}
              required
              data-testid="schedule-time"
              onChange={(event) => change({ time: event.target.value })}
            />
          </label>
        )}
        {frequency === 'every' && (
          <label>
            Minutes
            <input
              type="number"
              min={1}
              step={1}
              value={form.minutes}
              className="minutes"
              data-testid="schedule-minutes"
              onChange={(event) => change({ minutes: event.target.value })}
            />
          </label>
        )}
        <label>
          Name (optional)
          <input
            value={name}
            maxLength={120}
            placeholder={REPORT_TITLES[report]}
            data-testid="schedule-name"
            onChange={(event) => setName(event.target.value)}
          />
        </label>
        <button type="submit" className="primary" disabled={saving} data-testid="add-schedule">
          {saving ? 'Adding…' : 'Add schedule'}
        </button>
      </div>
      <p className="hint">
        Captures the {REPORT_TITLES[report]} with its dashboard’s filters now: {paramsText}. Times
        are in the console’s timezone; the console captures while it runs.
      </p>
      {error !== null && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </form>
  )
}
