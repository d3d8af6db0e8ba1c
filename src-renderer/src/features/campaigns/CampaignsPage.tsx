/**
 * The campaigns dashboard (API.md section 2) for the workspace and period chosen in the top
 * bar: the workspace's campaigns and the picked campaign's figures, messages, breakdowns and
 * A/B tests; the daily series; UTM attribution; a funnel the analyst builds; cohort retention.
 * Choices made here (campaign, conversion event, funnel steps, cohort metric) belong to the
 * workspace they were made in: the page remounts per workspace, so they and every loaded answer
 * start afresh (no default derived from one workspace's list is ever sent with another's id).
 */
import { useEffect, useMemo, useRef, useState } from 'react'
import { api } from '../../api/endpoints'
import { useReportMode } from '../../api/source'
import { useApi, type Loaded } from '../../api/useApi'
import {
  barChart,
  dateLabels,
  funnelChart,
  heatmapChart,
  lineChart,
  pieChart,
} from '../../charts/options'
import { Chart } from '../../components/Chart'
import { Kpi } from '../../components/Kpi'
import { Panel } from '../../components/Panel'
import { useStore } from '../../stores/store'
import { useChartTheme } from '../../theme'
import {
  KPI_DEFINITIONS,
  campaignStatusKpi,
  lastDaysChosen,
  undefinedKpi,
} from '../../../../src-shared/domain/kpi-definitions'
import { formatNumber, formatRate } from '../../../../src-shared/format'
import type { Campaigns } from '../../../../src-shared/api/console'
import type {
  Attribution,
  CampaignAnalytics,
  Funnel,
  Timeseries,
} from '../../../../src-shared/api/workspaces'
import {
  MAX_FUNNEL_STEPS,
  MIN_FUNNEL_STEPS,
  NONE,
  abChartInput,
  abVariantRows,
  addStep,
  attributionChartInput,
  breakdownItems,
  campaignStatusCounts,
  canAddStep,
  cohortHeatmapInput,
  defaultFunnelSteps,
  funnelChartSteps,
  hasActivity,
  humanize,
  messageMilestones,
  moveStep,
  pickCampaignId,
  pickConversion,
  pickMetric,
  removeStep,
  timeseriesChartInput,
} from './shape'

type EventTypes = { type: string; count: number }[]

const NO_WORKSPACE =
  'No workspace selected: import data on the Data page, or pick a workspace in the top bar.'
const NO_CAMPAIGNS = 'This workspace has no campaigns yet.'

/**
 * Publishes a choice this page shows (defaults included) to the store, for the workspace, so a
 * snapshot capture sends what is on screen.
 */
function usePublishedChoice(
  workspaceId: string,
  key: 'campaign' | 'conversion' | 'metric' | 'steps',
  value: string | readonly string[] | undefined,
): void {
  const setChoice = useStore((state) => state.setCampaignChoice)
  // by value: a new array of the same steps is no new choice
  const json = JSON.stringify(value ?? null)
  useEffect(() => {
    const parsed = JSON.parse(json) as string | string[] | null
    setChoice(workspaceId, { [key]: parsed ?? undefined })
  }, [setChoice, workspaceId, key, json])
}

/** A state that is already settled on `data` (a panel with nothing to fetch). */
function settled<T>(data: T): Loaded<T> {
  return { data, error: undefined, loading: false, reload: () => undefined }
}

/** A panel waiting on what it depends on: that input's loading and error, no data yet. */
function waitingOn<T>(input: Loaded<unknown>): Loaded<T> {
  return { data: undefined, error: input.error, loading: input.loading, reload: input.reload }
}

export function CampaignsPage() {
  const workspaceId = useStore((state) => state.workspaceId)
  if (workspaceId === null) {
    return (
      <div className="grid">
        <Panel
          title="Campaigns"
          state={settled(null)}
          isEmpty={() => true}
          empty={NO_WORKSPACE}
          wide
        >
          {() => null}
        </Panel>
      </div>
    )
  }
  return <WorkspaceCampaigns key={workspaceId} workspaceId={workspaceId} />
}

function WorkspaceCampaigns({ workspaceId }: { workspaceId: string }) {
  const days = useStore((state) => state.days)
  const campaigns = useApi(
    (signal) => api.campaigns(workspaceId, { signal }),
    [workspaceId],
    'campaigns',
  )
  const eventTypes = useApi(
    async (signal) => (await api.eventTypes(workspaceId, { signal })).eventTypes,
    [workspaceId],
    'event-types',
  )

  // A report starts from the choices its snapshot captured; the live page from its defaults.
  const report = useReportMode()
  const [chosenCampaign, chooseCampaign] = useState<string | null>(report?.params.campaign ?? null)
  const campaignId =
    campaigns.data === undefined
      ? undefined
      : pickCampaignId(campaigns.data.campaigns, chosenCampaign)
  const fetchedDetail = useApi(
    typeof campaignId === 'string'
      ? (signal) => api.campaign(workspaceId, campaignId, days, { signal })
      : null,
    [workspaceId, campaignId, days],
    'campaign',
  )
  // null = the workspace has no campaign to show
  const detail: Loaded<CampaignAnalytics | null> =
    campaignId === undefined
      ? waitingOn(campaigns)
      : campaignId === null
        ? settled(null)
        : fetchedDetail

  usePublishedChoice(
    workspaceId,
    'campaign',
    typeof campaignId === 'string' ? campaignId : undefined,
  )

  const timeseries = useApi(
    (signal) => api.timeseries(workspaceId, days, { signal }),
    [workspaceId, days],
    'timeseries',
  )

  return (
    <div className="grid">
      <SummaryPanel campaigns={campaigns} campaignId={campaignId ?? null} onPick={chooseCampaign} />
      <CampaignFiguresPanel
        detail={detail}
        status={campaigns.data?.campaigns.find((campaign) => campaign.id === campaignId)?.status}
      />
      <MessagesPanel detail={detail} />
      <BreakdownPanel detail={detail} kind="status" />
      <BreakdownPanel detail={detail} kind="channel" />
      <AbTestsPanel detail={detail} />
      <TimeseriesPanel state={timeseries} />
      <AttributionPanel workspaceId={workspaceId} days={days} eventTypes={eventTypes} />
      <FunnelPanels workspaceId={workspaceId} days={days} eventTypes={eventTypes} />
      <CohortsPanel workspaceId={workspaceId} days={days} eventTypes={eventTypes} />
    </div>
  )
}

// Campaigns and the picked campaign ------------------------------------------------------

function SummaryPanel(props: {
  campaigns: Loaded<Campaigns>
  campaignId: string | null
  onPick: (id: string) => void
}) {
  const list = props.campaigns.data?.campaigns ?? []
  const picker = (
    <label>
      Campaign{' '}
      <select
        data-testid="campaign"
        value={props.campaignId ?? ''}
        onChange={(event) => props.onPick(event.target.value)}
        disabled={list.length === 0}
      >
        {list.length === 0 && (
          <option value="">
            {props.campaigns.error !== undefined
              ? 'Unavailable'
              : props.campaigns.data === undefined
                ? 'Loading…'
                : 'No campaigns'}
          </option>
        )}
        {list.map((campaign) => (
          <option key={campaign.id} value={campaign.id}>
            {campaign.name} ({humanize(campaign.status)})
          </option>
        ))}
      </select>
    </label>
  )
  return (
    <Panel
      title="Campaigns"
      id="campaigns.summary"
      state={props.campaigns}
      isEmpty={(data) => data.campaigns.length === 0}
      empty={NO_CAMPAIGNS}
      actions={picker}
      wide
    >
      {(data) => (
        <div className="kpis">
          <Kpi
            definition={KPI_DEFINITIONS['campaigns.count']}
            value={formatNumber(data.campaigns.length)}
          />
          {campaignStatusCounts(data.campaigns).map(({ status, count }) => (
            <Kpi
              key={status}
              definition={
                campaignStatusKpi(status) ??
                undefinedKpi(humanize(status), 'GET /api/v1/workspaces/:id/campaigns · status')
              }
              value={formatNumber(count)}
            />
          ))}
        </div>
      )}
    </Panel>
  )
}

/** The campaign's figures; its status comes from the console's campaign list (not in the seed). */
function CampaignFiguresPanel({
  detail,
  status,
}: {
  detail: Loaded<CampaignAnalytics | null>
  status: string | undefined
}) {
  const name = detail.data?.campaign.name
  const today = useStore((state) => state.today)
  const days = useStore((state) => state.days)
  const timeZone = useStore((state) => state.timezone)
  const chosen = lastDaysChosen(today, days, timeZone)
  return (
    <Panel
      title={name === undefined ? 'Campaign' : `Campaign: ${name}`}
      id="campaigns.campaign"
      state={detail}
      isEmpty={(data) => data === null}
      empty={NO_CAMPAIGNS}
      wide
    >
      {(data) =>
        data !== null && (
          <div className="kpis">
            <Kpi
              definition={KPI_DEFINITIONS['campaign.status']}
              value={status === undefined ? '' : humanize(status)}
            />
            <Kpi
              definition={KPI_DEFINITIONS['campaign.enrollments']}
              chosen={chosen}
              value={formatNumber(data.enrollments.total)}
            />
            <Kpi
              definition={KPI_DEFINITIONS['campaign.activeEnrollments']}
              chosen={chosen}
              value={formatNumber(data.enrollments.active)}
            />
            <Kpi
              definition={KPI_DEFINITIONS['campaign.completedEnrollments']}
              chosen={chosen}
              value={formatNumber(data.enrollments.completed)}
            />
            <Kpi
              definition={KPI_DEFINITIONS['campaign.messages']}
              chosen={chosen}
              value={formatNumber(data.messages.total)}
            />
            <Kpi
              definition={KPI_DEFINITIONS['campaign.openRate']}
              chosen={chosen}
              value={formatRate(data.messages.openRate)}
            />
            <Kpi
              definition={KPI_DEFINITIONS['campaign.clickRate']}
              chosen={chosen}
              value={formatRate(data.messages.clickRate)}
            />
            <Kpi
              definition={KPI_DEFINITIONS['campaign.bounceRate']}
              chosen={chosen}
              value={formatRate(data.messages.bounceRate)}
            />
          </div>
        )
      }
    </Panel>
  )
}

function MessagesPanel({ detail }: { detail: Loaded<CampaignAnalytics | null> }) {
  const theme = useChartTheme()
  const messages = detail.data?.messages
  const option = useMemo(
    () => (messages === undefined ? null : barChart({ ...messageMilestones(messages), theme })),
    [messages, theme],
  )
  return (
    <Panel
      title="Messages"
      id="campaigns.messages"
      state={detail}
      isEmpty={(data) => data === null || data.messages.total === 0}
      empty={detail.data === null ? NO_CAMPAIGNS : 'No messages created in this period.'}
    >
      {(data) =>
        data !== null &&
        option !== null && (
          <>
            <Chart
              name="campaigns.messages"
              option={option}
              label={`Messages sent ${data.messages.sent}, delivered ${data.messages.delivered}, opened ${data.messages.opened}, clicked ${data.messages.clicked}`}
            />
            <p className="muted">
              {formatNumber(data.messages.total)} messages created; open, click and bounce rates are
              of the {formatNumber(data.messages.delivered)} delivered.{' '}
              {formatNumber(data.messages.bounced)} bounced, {formatNumber(data.messages.failed)}{' '}
              failed.
            </p>
          </>
        )
      }
    </Panel>
  )
}

function BreakdownPanel(props: {
  detail: Loaded<CampaignAnalytics | null>
  kind: 'status' | 'channel'
}) {
  const theme = useChartTheme()
  const { kind } = props
  const data = props.detail.data
  const items = useMemo(() => {
    if (data === undefined || data === null) return []
    return kind === 'status'
      ? breakdownItems(data.statusBreakdown, 'status')
      : breakdownItems(data.channelBreakdown, 'channel')
  }, [data, kind])
  const option = useMemo(() => pieChart({ items, theme }), [items, theme])
  const name = kind === 'status' ? 'campaigns.status' : 'campaigns.channels'
  const title = kind === 'status' ? 'Messages by status' : 'Messages by channel'
  return (
    <Panel
      title={title}
      id={name}
      state={props.detail}
      isEmpty={(detail) => detail === null || items.length === 0}
      empty={props.detail.data === null ? NO_CAMPAIGNS : 'No messages created in this period.'}
    >
      {() => (
        <Chart
          name={name}
          option={option}
          label={`${title}: ${items.map((item) => `${item.name} ${item.value}`).join(', ')}`}
        />
      )}
    </Panel>
  )
}

function AbTestsPanel({ detail }: { detail: Loaded<CampaignAnalytics | null> }) {
  const theme = useChartTheme()
  const tests = detail.data?.abTests
  const option = useMemo(
    () => (tests === undefined ? null : barChart({ ...abChartInput(tests), theme })),
    [tests, theme],
  )
  return (
    <Panel
      title="A/B tests"
      id="campaigns.ab"
      state={detail}
      isEmpty={(data) => data === null || data.abTests.length === 0}
      empty={detail.data === null ? NO_CAMPAIGNS : 'This campaign has no A/B tests.'}
      wide
    >
      {(data) =>
        data !== null &&
        option !== null && (
          <>
            <Chart
              name="campaigns.ab"
              option={option}
              label="Sent and opened messages per variant"
            />
            <table className="data">
              <caption className="muted">Open rate = opened / sent, per variant.</caption>
              <thead>
                <tr>
                  <th scope="col">Test</th>
                  <th scope="col">Variant</th>
                  <th scope="col" className="num">
                    Sent
                  </th>
                  <th scope="col" className="num">
                    Opened
                  </th>
                  <th scope="col" className="num">
                    Open rate
                  </th>
                </tr>
              </thead>
              <tbody>
                {abVariantRows(data.abTests).map((row, index) => (
                  <tr key={index}>
                    <td>{row.test}</td>
                    <td>{row.variant}</td>
                    <td className="num">{formatNumber(row.sent)}</td>
                    <td className="num">{formatNumber(row.opened)}</td>
                    <td className="num">
                      {row.openRate === null ? NONE : formatRate(row.openRate)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )
      }
    </Panel>
  )
}

// Daily series ---------------------------------------------------------------------------

function TimeseriesPanel({ state }: { state: Loaded<Timeseries> }) {
  const theme = useChartTheme()
  const series = state.data?.series
  const option = useMemo(() => {
    if (series === undefined) return null
    const input = timeseriesChartInput(series)
    return lineChart({ ...input, categories: dateLabels(input.categories), theme })
  }, [series, theme])
  return (
    <Panel
      title="Daily activity"
      id="campaigns.timeseries"
      state={state}
      isEmpty={(data) => !hasActivity(data.series)}
      empty="No events, contacts or messages in this period."
      wide
    >
      {() =>
        option !== null && (
          <Chart
            name="campaigns.timeseries"
            option={option}
            height={300}
            label="Events, new contacts, messages, opens and clicks per day"
          />
        )
      }
    </Panel>
  )
}

// Attribution ----------------------------------------------------------------------------

function AttributionPanel(props: {
  workspaceId: string
  days: number
  eventTypes: Loaded<EventTypes>
}) {
  const { workspaceId, days } = props
  const theme = useChartTheme()
  const report = useReportMode()
  const [chosen, choose] = useState<string | null>(report?.params.conversion ?? null)
  const types = props.eventTypes.data?.map((entry) => entry.type)
  const conversion = types === undefined ? undefined : pickConversion(types, chosen)
  const fetched = useApi(
    conversion === undefined
      ? null
      : (signal) => api.attribution(workspaceId, days, conversion, { signal }),
    [workspaceId, days, conversion],
    'attribution',
  )
  usePublishedChoice(workspaceId, 'conversion', conversion)
  const state: Loaded<Attribution> =
    conversion === undefined ? waitingOn(props.eventTypes) : fetched
  const sources = state.data?.sources
  const input = useMemo(
    () => (sources === undefined ? null : attributionChartInput(sources)),
    [sources],
  )
  const option = useMemo(
    () => (input === null ? null : barChart({ ...input, theme, horizontal: true })),
    [input, theme],
  )
  const picker = (
    <label>
      Conversion event{' '}
      <select
        data-testid="conversion"
        value={conversion ?? ''}
        onChange={(event) => choose(event.target.value)}
        disabled={types === undefined || types.length === 0}
      >
        {(types === undefined || types.length === 0) && (
          <option value={conversion ?? ''}>{conversion ?? 'Loading…'}</option>
        )}
        {types?.map((type) => (
          <option key={type} value={type}>
            {type}
          </option>
        ))}
      </select>
    </label>
  )
  const chartHeight = Math.max(160, 28 * (input?.categories.length ?? 0) + 40)
  return (
    <Panel
      title="UTM attribution"
      id="campaigns.attribution"
      state={state}
      isEmpty={(data) => data.sources.length === 0}
      empty="No events with UTM parameters in this period."
      actions={picker}
      wide
    >
      {(data) => (
        <>
          <p className="muted">
            {formatNumber(data.totalAttributedEvents)} attributed events;{' '}
            {formatNumber(data.conversions)} “{conversion}” conversions credited to the last UTM
            touch before them.
          </p>
          {option !== null && (
            <Chart
              name="campaigns.attribution"
              option={option}
              height={chartHeight}
              label="Conversions per source (source / medium / campaign)"
            />
          )}
          <table className="data">
            <thead>
              <tr>
                <th scope="col">Source</th>
                <th scope="col">Medium</th>
                <th scope="col">Campaign</th>
                <th scope="col" className="num">
                  Unique visitors
                </th>
                <th scope="col" className="num">
                  Events
                </th>
                <th scope="col" className="num">
                  Conversions
                </th>
              </tr>
            </thead>
            <tbody>
              {data.sources.map((source) => (
                <tr key={`${source.source}\u0000${source.medium}\u0000${source.campaign}`}>
                  <td>{source.source}</td>
                  <td>{source.medium ?? NONE}</td>
                  <td>{source.campaign ?? NONE}</td>
                  <td className="num">{formatNumber(source.uniqueVisitors)}</td>
                  <td className="num">{formatNumber(source.totalEvents)}</td>
                  <td className="num">{formatNumber(source.conversions)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Panel>
  )
}

// Funnel ---------------------------------------------------------------------------------

function FunnelPanels(props: {
  workspaceId: string
  days: number
  eventTypes: Loaded<EventTypes>
}) {
  const { workspaceId, days, eventTypes } = props
  const theme = useChartTheme()
  const report = useReportMode()
  const [chosen, choose] = useState<string[] | null>(
    report?.params.steps === undefined ? null : [...report.params.steps],
  )
  const types = useMemo(() => eventTypes.data?.map((entry) => entry.type), [eventTypes.data])
  const steps = useMemo(
    () => chosen ?? (types === undefined ? [] : defaultFunnelSteps(types)),
    [chosen, types],
  )
  const ready = types !== undefined && steps.length >= MIN_FUNNEL_STEPS
  usePublishedChoice(workspaceId, 'steps', ready ? steps : undefined)
  const fetched = useApi(
    ready ? (signal) => api.funnel(workspaceId, days, steps, { signal }) : null,
    [workspaceId, days, steps.join(',')],
    'funnel',
  )
  // null = fewer than two steps: a hint, not a request
  const state: Loaded<Funnel | null> =
    types === undefined ? waitingOn(eventTypes) : ready ? fetched : settled(null)
  const result = state.data
  const option = useMemo(
    () =>
      result === undefined || result === null
        ? null
        : funnelChart({ steps: funnelChartSteps(result), theme }),
    [result, theme],
  )
  return (
    <>
      {/* The step picker is a control: a report shows the funnel it captured, not the picker. */}
      {report === null && (
        <Panel
          title="Funnel steps"
          id="campaigns.funnel-steps"
          state={eventTypes}
          isEmpty={(data) => data.length === 0}
          empty="No events recorded in this workspace yet."
        >
          {(data) => (
            <FunnelBuilder
              types={data.map((entry) => entry.type)}
              steps={steps}
              onChange={choose}
            />
          )}
        </Panel>
      )}
      <Panel
        title="Funnel"
        id="campaigns.funnel"
        state={state}
        isEmpty={(data) => data === null || data.steps.every((step) => step.count === 0)}
        empty={
          result === null
            ? `Pick at least ${MIN_FUNNEL_STEPS} steps to see the funnel.`
            : 'No actor reached the first step in this period.'
        }
      >
        {(data) =>
          data !== null &&
          option !== null && (
            <>
              <p>
                Overall conversion: <strong>{formatRate(data.overallConversion)}</strong>{' '}
                <span className="muted">
                  ({formatNumber(data.steps.at(-1)?.count ?? 0)} of{' '}
                  {formatNumber(data.steps[0]?.count ?? 0)})
                </span>
              </p>
              <Chart
                name="campaigns.funnel"
                option={option}
                label={`Funnel: ${data.steps.map((step) => `${step.step} ${step.count}`).join(', ')}`}
              />
              <table className="data">
                <thead>
                  <tr>
                    <th scope="col">Step</th>
                    <th scope="col" className="num">
                      Count
                    </th>
                    <th scope="col" className="num">
                      Dropoff
                    </th>
                    <th scope="col" className="num">
                      From previous
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.steps.map((step, index) => (
                    <tr key={index}>
                      <td>
                        {index + 1}. {step.step}
                      </td>
                      <td className="num">{formatNumber(step.count)}</td>
                      <td className="num">{formatNumber(step.dropoff)}</td>
                      <td className="num">{formatRate(step.conversionFromPrevious)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )
        }
      </Panel>
    </>
  )
}

function FunnelBuilder(props: {
  types: string[]
  steps: string[]
  onChange: (steps: string[]) => void
}) {
  const { types, steps, onChange } = props
  const builder = useRef<HTMLDivElement>(null)
  // An edit re-renders the list under the keyboard user's focus: the removed button is gone,
  // a moved one may become disabled. Focus the first of these test ids that is still usable.
  const [focusNext, setFocusNext] = useState<string[] | null>(null)
  useEffect(() => {
    if (focusNext === null) return
    for (const testId of focusNext) {
      const button = builder.current?.querySelector<HTMLButtonElement>(
        `[data-testid="${testId}"]:not(:disabled)`,
      )
      if (button !== null && button !== undefined) {
        button.focus()
        break
      }
    }
    setFocusNext(null)
  }, [focusNext])
  const remove = (index: number): void => {
    const next = removeStep(steps, index)
    onChange(next)
    const at = Math.min(index, next.length - 1)
    setFocusNext([`funnel-remove-${at}`, `funnel-add-${steps[index]}`])
  }
  const move = (index: number, offset: -1 | 1): void => {
    onChange(moveStep(steps, index, offset))
    const at = index + offset
    const [same, other] = offset === -1 ? ['up', 'down'] : ['down', 'up']
    setFocusNext([`funnel-${same}-${at}`, `funnel-${other}-${at}`])
  }
  return (
    <div ref={builder}>
      <p className="muted" id="funnel-add-help">
        Add {MIN_FUNNEL_STEPS} to {MAX_FUNNEL_STEPS} event types, in the order an actor reaches
        them.
      </p>
      <div
        className="chips"
        role="group"
        aria-label="Add a step"
        aria-describedby="funnel-add-help"
      >
        {types.map((type) => (
          <button
            key={type}
            type="button"
            className="chip"
            data-testid={`funnel-add-${type}`}
            aria-pressed={steps.includes(type)}
            // aria-disabled, not disabled: the chip keeps the focus it had when it was pressed
            aria-disabled={!canAddStep(steps, type)}
            title={
              steps.includes(type)
                ? 'Already a step'
                : canAddStep(steps, type)
                  ? `Add ${type} as step ${steps.length + 1}`
                  : `At most ${MAX_FUNNEL_STEPS} steps`
            }
            onClick={() => {
              if (canAddStep(steps, type)) onChange(addStep(steps, type))
            }}
          >
            + {type}
          </button>
        ))}
      </div>
      {steps.length === 0 ? (
        <p className="muted" data-testid="funnel-steps">
          No steps chosen.
        </p>
      ) : (
        <ol data-testid="funnel-steps" aria-label="Funnel steps">
          {steps.map((step, index) => (
            <li key={step} className="row">
              <span>{step}</span>
              <button
                type="button"
                data-testid={`funnel-up-${index}`}
                aria-label={`Move ${step} up`}
                disabled={index === 0}
                onClick={() => move(index, -1)}
              >
                ↑
              </button>
              <button
                type="button"
                data-testid={`funnel-down-${index}`}
                aria-label={`Move ${step} down`}
                disabled={index === steps.length - 1}
                onClick={() => move(index, 1)}
              >
                ↓
              </button>
              <button
                type="button"
                data-testid={`funnel-remove-${index}`}
                aria-label={`Remove ${step}`}
                onClick={() => remove(index)}
              >
                Remove
              </button>
            </li>
          ))}
        </ol>
      )}
    </div>
  )
}

// Cohorts --------------------------------------------------------------------------------

function CohortsPanel(props: {
  workspaceId: string
  days: number
  eventTypes: Loaded<EventTypes>
}) {
  const { workspaceId, days } = props
  const theme = useChartTheme()
  const report = useReportMode()
  const [chosen, choose] = useState<string | null>(report?.params.metric ?? null)
  const types = props.eventTypes.data?.map((entry) => entry.type) ?? []
  // 'events' needs no list, so retention loads without waiting for the event types
  const metric = pickMetric(types, chosen)
  usePublishedChoice(workspaceId, 'metric', metric)
  const state = useApi(
    (signal) => api.cohorts(workspaceId, days, metric, { signal }),
    [workspaceId, days, metric],
    'cohorts',
  )
  const cohorts = state.data?.cohorts
  const input = useMemo(
    () => (cohorts === undefined ? null : cohortHeatmapInput(cohorts)),
    [cohorts],
  )
  const option = useMemo(
    () => (input === null ? null : heatmapChart({ ...input, theme })),
    [input, theme],
  )
  const picker = (
    <label>
      Activity{' '}
      <select
        data-testid="cohort-metric"
        value={metric}
        onChange={(event) => choose(event.target.value)}
      >
        <option value="events">Any event</option>
        {types.map((type) => (
          <option key={type} value={type}>
            {type}
          </option>
        ))}
      </select>
    </label>
  )
  return (
    <Panel
      title="Cohort retention"
      id="campaigns.cohorts"
      state={state}
      isEmpty={(data) => data.cohorts.length === 0}
      empty="No new contacts in this period."
      actions={picker}
      wide
    >
      {() =>
        option !== null &&
        input !== null && (
          <>
            <p className="muted">
              Share of each day's new contacts with{' '}
              {metric === 'events' ? 'any event' : `a “${metric}” event`} in each week after they
              joined; blank weeks have not happened yet.
            </p>
            <Chart
              name="campaigns.cohorts"
              option={option}
              height={Math.max(220, input.rows.length * 22 + 90)}
              label="Cohort retention by week"
            />
          </>
        )
      }
    </Panel>
  )
}
