/**
 * The choices the Campaigns dashboard starts from (which campaign, which conversion event,
 * which funnel), shared so a snapshot captured from the API or the CLI without them shows what
 * the dashboard would have shown.
 */

/** The minimal campaign the default needs. */
interface CampaignLike {
  readonly id: string
  readonly status: string
}

/** The picker's default: the first ACTIVE campaign, else the first, else none. */
export function defaultCampaignId(campaigns: readonly CampaignLike[]): string | null {
  return (campaigns.find((campaign) => campaign.status === 'ACTIVE') ?? campaigns[0])?.id ?? null
}

/** Event types arrive most frequent first; conversions default to purchases when tracked. */
export function defaultConversion(eventTypes: readonly string[]): string {
  if (eventTypes.includes('purchase')) return 'purchase'
  return eventTypes[0] ?? 'purchase'
}

/** Where a known event type sits on the way from first visit to purchase. */
const JOURNEY_ORDER = [
  'page_view',
  'video_play',
  'file_download',
  'email_open',
  'email_click',
  'form_submit',
  'signup',
  'room_join',
  'booking',
  'purchase',
]
/** Which types make the default funnel, best first. */
const DEFAULT_FUNNEL_PREFERENCE = [
  'page_view',
  'signup',
  'purchase',
  'form_submit',
  'booking',
  'email_click',
  'email_open',
]

/**
 * The funnel to start from: three of the present types, page_view -> signup -> purchase when
 * the workspace has them (other known steps, then the most frequent types, fill in), ordered
 * along the journey; a type the journey does not know goes just before 'purchase'.
 */
export function defaultFunnelSteps(eventTypes: readonly string[]): string[] {
  const present = new Set(eventTypes)
  const candidates = [
    ...DEFAULT_FUNNEL_PREFERENCE.filter((type) => present.has(type)),
    ...eventTypes.filter((type) => !DEFAULT_FUNNEL_PREFERENCE.includes(type)),
  ]
  const chosen = [...new Set(candidates)].slice(0, 3)
  const rank = (type: string): number => {
    const index = JOURNEY_ORDER.indexOf(type)
    return index === -1 ? JOURNEY_ORDER.indexOf('purchase') - 0.5 : index
  }
  return chosen.sort((a, b) => rank(a) - rank(b))
}
