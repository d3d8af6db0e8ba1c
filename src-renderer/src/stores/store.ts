/**
 * The UI's one store, made of slices: preferences that persist across pages and restarts
 * (theme, period, workspace, organisation, booking range) and the session state. Server data
 * stays in the panels' own hooks; the store holds only what the analyst chose.
 */
import { create, type StateCreator } from 'zustand'
import { createJSONStorage, persist } from 'zustand/middleware'

export type Theme = 'light' | 'dark' | 'system'

export interface PreferencesSlice {
  theme: Theme
  /** "The last N days" every windowed panel shows. */
  days: number
  workspaceId: string | null
  organisationHandle: string | null
  /** A contact space token of the organisation, or null for all spaces. */
  spaceToken: string | null
  /** The bookings chart's own range (YYYY-MM-DD), null = follow `days`. */
  bookingRange: { from: string; to: string } | null
  setTheme(theme: Theme): void
  setDays(days: number): void
  setWorkspace(id: string | null): void
  setOrganisation(handle: string | null): void
  setSpace(token: string | null): void
  setBookingRange(range: { from: string; to: string } | null): void
}

export interface SessionSlice {
  /** unknown until the console answered; 'signed-out' shows how to get a link. */
  session: 'unknown' | 'signed-in' | 'signed-out'
  /** The console's "today" (local date in its timezone, honouring SEXTANT_NOW) and timezone. */
  today: string
  timezone: string
  setSession(session: SessionSlice['session']): void
  setClock(clock: { today: string; timezone: string }): void
}

/**
 * What the Campaigns page shows beyond the top bar's filters (the campaign picked, the
 * conversion event, the cohort metric and the funnel steps, as shown: defaults included), for
 * the workspace it shows. The page publishes them; a snapshot capture sends them along. Not
 * persisted: the page starts from its defaults again when it mounts.
 */
export interface CampaignChoices {
  readonly workspace: string
  readonly campaign?: string
  readonly conversion?: string
  readonly metric?: string
  readonly steps?: readonly string[]
}

export interface ViewSlice {
  campaignChoices: CampaignChoices | null
  /** Merges choices made in `workspace` (choices of another workspace are dropped first). */
  setCampaignChoice(workspace: string, choice: Omit<CampaignChoices, 'workspace'>): void
}

export type Store = PreferencesSlice & SessionSlice & ViewSlice

const preferences: StateCreator<Store, [], [], PreferencesSlice> = (set) => ({
  theme: 'system',
  days: 30,
  workspaceId: null,
  organisationHandle: null,
  spaceToken: null,
  bookingRange: null,
  setTheme: (theme) => set({ theme }),
  setDays: (days) => set({ days }),
  setWorkspace: (workspaceId) => set({ workspaceId }),
  setOrganisation: (organisationHandle) => set({ organisationHandle, spaceToken: null }),
  setSpace: (spaceToken) => set({ spaceToken }),
  setBookingRange: (bookingRange) => set({ bookingRange }),
})

const session: StateCreator<Store, [], [], SessionSlice> = (set) => ({
  session: 'unknown',
  today: '1970-01-01',
  timezone: 'UTC',
  setSession: (value) => set({ session: value }),
  setClock: (clock) => set(clock),
})

const view: StateCreator<Store, [], [], ViewSlice> = (set) => ({
  campaignChoices: null,
  setCampaignChoice: (workspace, choice) =>
    set((state) => ({
      campaignChoices: {
        ...(state.campaignChoices?.workspace === workspace ? state.campaignChoices : {}),
        ...choice,
        workspace,
      },
    })),
})

export const useStore = create<Store>()(
  persist((...args) => ({ ...preferences(...args), ...session(...args), ...view(...args) }), {
    name: 'sextant.preferences',
    storage: createJSONStorage(() => localStorage),
    partialize: (state) => ({
      theme: state.theme,
      days: state.days,
      workspaceId: state.workspaceId,
      organisationHandle: state.organisationHandle,
      spaceToken: state.spaceToken,
      bookingRange: state.bookingRange,
    }),
  }),
)
