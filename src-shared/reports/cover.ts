/**
 * The cover line of a report (the snapshot viewer, its HTML, PDF and PNG): the report and the
 * snapshot's name, its filters as a reader names them (the workspace, campaign, organisation and
 * contact space by name, read from the lists the snapshot captured; the id only when the name
 * was not captured), the period as dates, and when it was captured in which timezone. Pure.
 */
import type { Snapshot } from '../api/snapshots'
import { addDays, localDate } from '../domain/time'
import { formatDay } from '../format-dates'
import { REPORT_TITLES, formatCapturedAt, type ParamLabel } from './present'

export interface Cover {
  /** "Campaigns". */
  readonly report: string
  /** The snapshot's name. */
  readonly name: string
  /** In reading order: Period, then the filters. */
  readonly filters: readonly ParamLabel[]
  /** "Captured Dec 4, 2026, 09:00 (Europe/Paris)". */
  readonly captured: string
}

type Named = { id?: unknown; name?: unknown }

function bodyOf(snapshot: Pick<Snapshot, 'responses'>, key: string): unknown {
  return snapshot.responses.find((response) => response.key === key && response.status < 400)?.body
}

function listOf(body: unknown, field: string): readonly Record<string, unknown>[] {
  if (typeof body !== 'object' || body === null) return []
  const list = (body as Record<string, unknown>)[field]
  return Array.isArray(list)
    ? list.filter((item): item is Record<string, unknown> => typeof item === 'object')
    : []
}

function nameIn(
  list: readonly Record<string, unknown>[],
  field: string,
  value: string,
): string | undefined {
  const found = list.find((item) => item[field] === value) as Named | undefined
  return typeof found?.name === 'string' ? found.name : undefined
}

/** "Nov 5 – Dec 4, 2026" (the year once when both days share it). */
export function formatDays(from: string, to: string, locale?: string): string {
  if (from === to) return formatDay(from, { year: true, locale })
  const sameYear = from.slice(0, 4) === to.slice(0, 4)
  return `${formatDay(from, { year: !sameYear, locale })} – ${formatDay(to, { year: true, locale })}`
}

export function reportCover(snapshot: Snapshot, locale?: string): Cover {
  const { params, report } = snapshot
  const filters: ParamLabel[] = []
  const today = localDate(Date.parse(snapshot.capturedAt), snapshot.timezone)
  if (report === 'bookings' && params.from !== undefined && params.to !== undefined) {
    filters.push({ label: 'Period', value: formatDays(params.from, params.to, locale) })
  } else if (params.days !== undefined && report !== 'calls') {
    const from = addDays(today, -(params.days - 1))
    filters.push({
      label: 'Period',
      value: `Last ${params.days === 1 ? 'day' : `${params.days} days`} (${formatDays(from, today, locale)})`,
    })
  } else if (report === 'calls' && params.days !== undefined) {
    // The Calls page's figures are all time; only its daily chart follows the period.
    const from = addDays(today, -(params.days - 1))
    filters.push({
      label: 'Calls per day',
      value: `Last ${params.days} days (${formatDays(from, today, locale)})`,
    })
  }
  if (params.workspace !== undefined) {
    const workspaces = listOf(bodyOf(snapshot, 'workspaces'), 'workspaces')
    filters.push({
      label: 'Workspace',
      value: nameIn(workspaces, 'id', params.workspace) ?? params.workspace,
    })
  }
  if (params.campaign !== undefined) {
    const campaigns = listOf(bodyOf(snapshot, 'campaigns-list'), 'campaigns')
    filters.push({
      label: 'Campaign',
      value: nameIn(campaigns, 'id', params.campaign) ?? params.campaign,
    })
  }
  if (params.conversion !== undefined)
    filters.push({ label: 'Conversion event', value: params.conversion })
  if (params.steps !== undefined && params.steps.length > 0)
    filters.push({ label: 'Funnel', value: params.steps.join(' → ') })
  if (params.metric !== undefined)
    filters.push({
      label: 'Cohort activity',
      value: params.metric === 'events' ? 'Any event' : params.metric,
    })
  if (params.organisation !== undefined) {
    const organisations = listOf(bodyOf(snapshot, 'organisations'), 'organisations')
    const organisation = organisations.find((item) => item.domain_handle === params.organisation)
    filters.push({
      label: 'Organisation',
      value: typeof organisation?.name === 'string' ? organisation.name : params.organisation,
    })
    if (params.space !== undefined) {
      const spaces = Array.isArray(organisation?.spaces)
        ? (organisation.spaces as Record<string, unknown>[])
        : []
      filters.push({
        label: 'Contact space',
        value: nameIn(spaces, 'token', params.space) ?? params.space,
      })
    }
  } else if (params.space !== undefined)
    filters.push({ label: 'Contact space', value: params.space })
  return {
    report: REPORT_TITLES[report] ?? report,
    name: snapshot.name,
    filters,
    captured: `Captured ${formatCapturedAt(snapshot.capturedAt, snapshot.timezone)} (${snapshot.timezone})`,
  }
}
