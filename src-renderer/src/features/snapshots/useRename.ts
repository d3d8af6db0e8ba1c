/**
 * Renaming a snapshot in place (the capture notice and the library's name cell): the editing
 * state, the 1-120 character rule the server keeps, Escape to cancel, and focus back on the
 * Rename button when done.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react'
import type { SnapshotSummary } from '../../../../src-shared/api/snapshots'
import { failureMessage } from '../../api/client'
import { api } from '../../api/endpoints'

export function useRename(
  snapshot: SnapshotSummary,
  onRenamed: (renamed: SnapshotSummary) => void,
) {
  const [editing, setEditing] = useState(false)
  const [name, setName] = useState(snapshot.name)
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const input = useRef<HTMLInputElement>(null)
  const trigger = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    if (editing) input.current?.select()
  }, [editing])
  const start = (): void => {
    setName(snapshot.name)
    setError(null)
    setEditing(true)
  }
  const stop = (): void => {
    setEditing(false)
    setError(null)
    requestAnimationFrame(() => trigger.current?.focus())
  }
  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    const trimmed = name.trim()
    if (trimmed === snapshot.name) return stop()
    if (trimmed === '' || trimmed.length > 120) {
      setError('A name has 1 to 120 characters.')
      return
    }
    setSaving(true)
    try {
      onRenamed(await api.renameSnapshot(snapshot.id, trimmed))
      stop()
    } catch (failure) {
      setError(failureMessage(failure))
    } finally {
      setSaving(false)
    }
  }
  return { editing, name, setName, error, saving, input, trigger, start, stop, save }
}
