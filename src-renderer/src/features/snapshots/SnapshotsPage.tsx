/**
 * Snapshots (issue #7): the library of captured reports (rename, open, export, delete), the
 * open snapshot as its own page in a frame (`#/snapshots/<id>`), two snapshots of one report
 * compared figure by figure, and the capture schedules.
 */
import { useCallback, useEffect, useState } from 'react'
import type { SnapshotSummary } from '../../../../src-shared/api/snapshots'
import { api } from '../../api/endpoints'
import { useApi, type Loaded } from '../../api/useApi'
import { useResolvedTheme } from '../../theme'
import { ComparePanel } from './ComparePanel'
import { openedId } from './exports'
import { LibraryPanel } from './LibraryPanel'
import { SchedulesPanel } from './SchedulesPanel'
import { SnapshotView } from './SnapshotView'

function useOpened(): [number | null, (id: number | null) => void] {
  const [id, setId] = useState(() => openedId(window.location.hash))
  useEffect(() => {
    const listener = (): void => setId(openedId(window.location.hash))
    window.addEventListener('hashchange', listener)
    return () => window.removeEventListener('hashchange', listener)
  }, [])
  const open = useCallback((next: number | null) => {
    window.location.hash = next === null ? '#/snapshots' : `#/snapshots/${next}`
  }, [])
  return [id, open]
}

export function SnapshotsPage() {
  const library = useApi((signal) => api.snapshots({ signal }), [])
  const [opened, open] = useOpened()
  const theme = useResolvedTheme()
  const snapshots = library.data?.snapshots
  // the open snapshot's summary, from the library (its responses stay in the frame)
  const summary: Loaded<SnapshotSummary | null> = {
    data:
      snapshots === undefined
        ? undefined
        : (snapshots.find((snapshot) => snapshot.id === opened) ?? null),
    error: library.error,
    loading: library.loading && snapshots === undefined,
    reload: library.reload,
  }
  return (
    <div className="grid snapshots-page">
      {opened !== null && (
        <SnapshotView id={opened} summary={summary} theme={theme} onClose={() => open(null)} />
      )}
      <LibraryPanel
        library={library}
        opened={opened}
        theme={theme}
        onOpen={open}
        onDeleted={(id) => {
          if (id === opened) open(null)
          library.reload()
        }}
      />
      <ComparePanel snapshots={snapshots} />
      <SchedulesPanel />
    </div>
  )
}
