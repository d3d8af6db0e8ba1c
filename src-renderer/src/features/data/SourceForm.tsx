/**
 * Add or edit a sync source, in a modal dialog (Esc or Cancel closes it; focus stays inside).
 * The fields follow the kind; secrets are password fields that never show a stored value
 * ("set — leave empty to keep"). What the server says is wrong (400, 409) shows above the
 * buttons, and nothing is saved then.
 */
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react'
import type { Source } from '../../../../src-shared/api/sync'
import { ENTITY_NAMES } from '../../../../src-shared/domain/entities'
import { ApiError } from '../../api/client'
import { api } from '../../api/endpoints'
import { SCHEDULE_CHOICES, type ScheduleChoice } from './schedule'
import {
  buildInput,
  buildPatch,
  EMPTY_FORM,
  FORMATS,
  formFromSource,
  KINDS,
  PAGINATIONS,
  PRODUCT_NAMES,
  type HeaderRow,
  type SourceFormState,
} from './sourceForm'

const KEEP = 'set — leave empty to keep'

export function SourceForm(props: {
  /** The source to edit, or null to add one. */
  source: Source | null
  onClose: () => void
  onSaved: (source: Source) => void
}) {
  const { source } = props
  const dialog = useRef<HTMLDialogElement>(null)
  const [form, setForm] = useState<SourceFormState>(() =>
    source === null ? EMPTY_FORM : formFromSource(source),
  )
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)

  useEffect(() => {
    const node = dialog.current
    if (node !== null && !node.open) node.showModal()
    return () => node?.close()
  }, [])

  const set = <K extends keyof SourceFormState>(key: K, value: SourceFormState[K]): void =>
    setForm((previous) => ({ ...previous, [key]: value }))

  /** Sends the form: the saved source, or what is wrong with a field (nothing sent then). */
  const send = (): Promise<Source> | string => {
    if (source === null) {
      const input = buildInput(form)
      return 'error' in input ? input.error : api.createSource(input.value)
    }
    const patch = buildPatch(form, source)
    return 'error' in patch ? patch.error : api.updateSource(source.id, patch.value)
  }

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    setError(null)
    const sent = send()
    if (typeof sent === 'string') {
      setError(sent)
      return
    }
    setSaving(true)
    try {
      props.onSaved(await sent)
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : String(failure))
    } finally {
      setSaving(false)
    }
  }

  const title = source === null ? 'Add a sync source' : `Edit ${source.name}`
  return (
    <dialog
      ref={dialog}
      className="source-dialog"
      aria-labelledby="source-form-title"
      onCancel={(event) => {
        event.preventDefault()
        props.onClose()
      }}
      data-testid="source-form"
    >
      <form onSubmit={(event) => void submit(event)} className="source-form" noValidate>
        <h2 id="source-form-title">{title}</h2>
        <div className="fields">
          <label>
            Name
            <input
              value={form.name}
              onChange={(event) => set('name', event.target.value)}
              placeholder="e.g. team-console"
              maxLength={64}
              required
              autoFocus
              data-testid="source-name"
            />
          </label>
          <Schedule form={form} set={set} />
        </div>
        <fieldset className="kinds">
          <legend>Kind</legend>
          {KINDS.map((kind) => (
            <label key={kind.value} className="inline">
              <input
                type="radio"
                name="kind"
                value={kind.value}
                checked={form.kind === kind.value}
                onChange={() => set('kind', kind.value)}
                data-testid={`source-kind-${kind.value}`}
              />
              <span>
                {kind.label} <span className="muted">— {kind.hint}</span>
              </span>
            </label>
          ))}
        </fieldset>
        {form.kind === 'http' && <HttpFields form={form} set={set} />}
        {form.kind === 'sextant' && <SextantFields form={form} set={set} />}
        {form.kind === 'snapshot' && <SnapshotFields form={form} set={set} />}
        {error !== null && (
          <p className="import-status error" role="alert" data-testid="source-form-error">
            {error}
          </p>
        )}
        <div className="form-buttons">
          <button type="button" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={saving} data-testid="source-save">
            {saving ? 'Saving…' : source === null ? 'Add source' : 'Save changes'}
          </button>
        </div>
      </form>
    </dialog>
  )
}

type Set = <K extends keyof SourceFormState>(key: K, value: SourceFormState[K]) => void

function Schedule({ form, set }: { form: SourceFormState; set: Set }) {
  const { schedule } = form
  return (
    <>
      <label>
        Schedule
        <select
          value={schedule.choice}
          onChange={(event) =>
            set('schedule', { ...schedule, choice: event.target.value as ScheduleChoice })
          }
          data-testid="source-schedule"
        >
          {SCHEDULE_CHOICES.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
      </label>
      {schedule.choice === 'daily-at' && (
        <label>
          Time (console timezone)
          <input
            type="time"
            value={schedule.time}
            onChange={(event) => set('schedule', { ...schedule, time: event.target.value })}
            data-testid="source-schedule-time"
          />
        </label>
      )}
      {schedule.choice === 'every' && (
        <label>
          Minutes between runs
          <input
            type="number"
            min={1}
            step={1}
            value={schedule.minutes}
            onChange={(event) => set('schedule', { ...schedule, minutes: event.target.value })}
            data-testid="source-schedule-minutes"
          />
        </label>
      )}
    </>
  )
}

function Text(props: {
  label: ReactNode
  value: string
  onChange: (value: string) => void
  placeholder?: string
  testId?: string
  type?: 'text' | 'number' | 'password'
  wide?: boolean
}) {
  return (
    <label className={props.wide === true ? 'wide' : undefined}>
      {props.label}
      <input
        type={props.type ?? 'text'}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
        placeholder={props.placeholder}
        min={props.type === 'number' ? 1 : undefined}
        autoComplete={props.type === 'password' ? 'new-password' : 'off'}
        spellCheck={false}
        data-testid={props.testId}
      />
    </label>
  )
}

/** A labelled select over a list of values, each shown as itself unless `show` says otherwise. */
function Choice<T extends string>(props: {
  label: ReactNode
  value: T
  options: readonly T[]
  onChange: (value: T) => void
  show?: (value: T) => string
  testId?: string
}) {
  return (
    <label>
      {props.label}
      <select
        value={props.value}
        onChange={(event) => props.onChange(event.target.value as T)}
        data-testid={props.testId}
      >
        {props.options.map((option) => (
          <option key={option} value={option}>
            {props.show?.(option) ?? option}
          </option>
        ))}
      </select>
    </label>
  )
}

function Token({ form, set, label }: { form: SourceFormState; set: Set; label: string }) {
  return (
    <Text
      label={label}
      type="password"
      value={form.token}
      onChange={(value) => set('token', value)}
      placeholder={form.tokenStored && !form.removeToken ? KEEP : 'not set'}
      testId="source-token"
    />
  )
}

/** Below the fields: removing a stored token (leaving its field empty keeps it). */
function RemoveToken({ form, set, label }: { form: SourceFormState; set: Set; label: string }) {
  if (!form.tokenStored) return null
  return (
    <label className="inline remove-secret">
      <input
        type="checkbox"
        checked={form.removeToken}
        onChange={(event) => set('removeToken', event.target.checked)}
        data-testid="source-remove-token"
      />
      Remove the stored {label.toLowerCase()}
    </label>
  )
}

function SextantFields({ form, set }: { form: SourceFormState; set: Set }) {
  const toggle = (entity: string): void =>
    set(
      'entities',
      form.entities.includes(entity)
        ? form.entities.filter((item) => item !== entity)
        : ENTITY_NAMES.filter((item) => item === entity || form.entities.includes(item)),
    )
  return (
    <>
      <div className="fields">
        <Text
          label="Console URL"
          value={form.url}
          onChange={(value) => set('url', value)}
          placeholder="http://127.0.0.1:4478"
          testId="source-url"
          wide
        />
        <Token form={form} set={set} label="Token" />
        <Text
          label="Records per page"
          type="number"
          value={form.pageSize}
          onChange={(value) => set('pageSize', value)}
          placeholder="5000"
        />
      </div>
      <RemoveToken form={form} set={set} label="Token" />
      <p className="hint">
        A full-access token made on that console (<code>sextant token create</code>).
      </p>
      <details className="entities">
        <summary>Entities: {form.entities.length === 0 ? 'all' : form.entities.join(', ')}</summary>
        <div className="checks">
          {ENTITY_NAMES.map((entity) => (
            <label key={entity} className="inline">
              <input
                type="checkbox"
                checked={form.entities.includes(entity)}
                onChange={() => toggle(entity)}
              />
              {entity}
            </label>
          ))}
        </div>
        <p className="hint">None ticked pulls every entity.</p>
      </details>
    </>
  )
}

function SnapshotFields({ form, set }: { form: SourceFormState; set: Set }) {
  const { product } = form
  return (
    <>
      <div className="fields">
        <Choice
          label="Product"
          value={product}
          options={PRODUCT_NAMES}
          onChange={(value) => set('product', value)}
          testId="source-product"
        />
        <Text
          label="API base URL"
          value={form.url}
          onChange={(value) => set('url', value)}
          placeholder="https://api.example.com"
          testId="source-url"
          wide
        />
        <Token
          form={form}
          set={set}
          label={product === 'bookings' ? 'Application password' : 'Token'}
        />
        <Text
          label="Days (period)"
          type="number"
          value={form.days}
          onChange={(value) => set('days', value)}
          placeholder="30"
        />
        {(product === 'workspaces' || product === 'campaigns') && (
          <Text
            label="Workspace ids"
            value={form.workspaces}
            onChange={(value) => set('workspaces', value)}
            placeholder="ws_1, ws_2"
            testId="source-workspaces"
            wide
          />
        )}
        {product === 'campaigns' && (
          <Text
            label="Campaigns (workspace/campaign)"
            value={form.campaigns}
            onChange={(value) => set('campaigns', value)}
            placeholder="ws_1/cmp_1"
            wide
          />
        )}
        {product === 'calls' && (
          <>
            <Text
              label="Organisation handle"
              value={form.orgHandle}
              onChange={(value) => set('orgHandle', value)}
            />
            <Text
              label="Contact space tokens"
              value={form.spaces}
              onChange={(value) => set('spaces', value)}
              placeholder="optional, comma separated"
              wide
            />
          </>
        )}
        {product === 'bookings' && (
          <Text
            label="WordPress user"
            value={form.username}
            onChange={(value) => set('username', value)}
          />
        )}
      </div>
      <RemoveToken
        form={form}
        set={set}
        label={product === 'bookings' ? 'Application password' : 'Token'}
      />
      <p className="hint">
        Each run fetches the product’s documented analytics endpoints and keeps the answers as
        snapshots; their figures and trend show under the sources.
      </p>
    </>
  )
}

function HttpFields({ form, set }: { form: SourceFormState; set: Set }) {
  const pagination = form.pagination
  const setHeader = (index: number, change: Partial<HeaderRow>): void =>
    set(
      'headers',
      form.headers.map((row, at) => (at === index ? { ...row, ...change } : row)),
    )
  return (
    <>
      <div className="fields">
        <Text
          label="URL of the first page"
          value={form.url}
          onChange={(value) => set('url', value)}
          placeholder="https://api.example.com/v1/contacts"
          testId="source-url"
          wide
        />
        <Choice
          label="Entity"
          value={form.entity}
          options={ENTITY_NAMES as readonly string[]}
          onChange={(value) => set('entity', value)}
          testId="source-entity"
        />
        <Choice
          label="Format"
          value={form.format}
          options={FORMATS}
          onChange={(value) => set('format', value)}
        />
        <Text
          label="Records path"
          value={form.recordsPath}
          onChange={(value) => set('recordsPath', value)}
          placeholder="data (JSON bodies)"
        />
        <Choice
          label="Pagination"
          value={pagination}
          options={PAGINATIONS}
          onChange={(value) => set('pagination', value)}
          show={(type) => (type === 'link' ? 'Link header' : type)}
        />
        {(pagination === 'page' || pagination === 'offset') && (
          <>
            <Text
              label={pagination === 'page' ? 'Page parameter' : 'Offset parameter'}
              value={form.pageParam}
              onChange={(value) => set('pageParam', value)}
              placeholder={pagination}
            />
            <Text
              label="Size parameter"
              value={form.sizeParam}
              onChange={(value) => set('sizeParam', value)}
              placeholder={pagination === 'page' ? 'per_page' : 'limit'}
            />
            <Text
              label="Page size"
              type="number"
              value={form.size}
              onChange={(value) => set('size', value)}
              placeholder="100"
            />
          </>
        )}
        {pagination === 'page' && (
          <Text
            label="First page"
            type="number"
            value={form.first}
            onChange={(value) => set('first', value)}
            placeholder="1"
          />
        )}
        {pagination === 'cursor' && (
          <>
            <Text
              label="Next cursor path"
              value={form.cursorPath}
              onChange={(value) => set('cursorPath', value)}
              placeholder="meta.next_cursor"
            />
            <Text
              label="Cursor parameter"
              value={form.pageParam}
              onChange={(value) => set('pageParam', value)}
              placeholder="cursor"
            />
          </>
        )}
        <Text
          label="Incremental: since parameter"
          value={form.incrementalParam}
          onChange={(value) => set('incrementalParam', value)}
          placeholder="updated_since"
        />
        <Text
          label="Incremental: change-time field"
          value={form.incrementalField}
          onChange={(value) => set('incrementalField', value)}
          placeholder="updated_at"
        />
        <label className="inline">
          <input
            type="checkbox"
            checked={form.incrementalSorted}
            onChange={(event) => set('incrementalSorted', event.target.checked)}
          />
          Answers are sorted by the change time
        </label>
      </div>
      <label className="block">
        Mapping (JSON: column → &quot;dot.path&quot; or {'{path, const, map, timestamp}'})
        <textarea
          value={form.mapping}
          onChange={(event) => set('mapping', event.target.value)}
          rows={4}
          spellCheck={false}
          placeholder={
            '{\n  "email": "attributes.email",\n  "created_at": { "path": "created", "timestamp": "epoch-s" }\n}'
          }
          data-testid="source-mapping"
        />
      </label>
      <fieldset className="headers">
        <legend>Headers</legend>
        {form.headers.length === 0 && <p className="hint">No headers.</p>}
        {form.headers.map((row, index) => (
          <div className="header-row" key={index}>
            <label>
              Name
              <input
                value={row.name}
                readOnly={row.stored}
                onChange={(event) => setHeader(index, { name: event.target.value })}
                placeholder="Authorization"
                spellCheck={false}
              />
            </label>
            <label>
              Value
              <input
                type={row.secret ? 'password' : 'text'}
                value={row.value}
                onChange={(event) => setHeader(index, { value: event.target.value })}
                placeholder={row.stored ? KEEP : row.secret ? 'Bearer …' : ''}
                autoComplete={row.secret ? 'new-password' : 'off'}
                spellCheck={false}
              />
            </label>
            <label className="inline">
              <input
                type="checkbox"
                checked={row.secret}
                onChange={(event) =>
                  setHeader(index, {
                    secret: event.target.checked,
                    // a stored secret's value is unknown: it cannot become a plain header
                    stored: row.stored && event.target.checked,
                    value: row.stored ? '' : row.value,
                  })
                }
              />
              Secret
            </label>
            <button
              type="button"
              className="danger"
              aria-label={`Remove header ${row.name || index + 1}`}
              onClick={() =>
                set(
                  'headers',
                  form.headers.filter((_, at) => at !== index),
                )
              }
            >
              Remove
            </button>
          </div>
        ))}
        <button
          type="button"
          onClick={() =>
            set('headers', [...form.headers, { name: '', value: '', secret: true, stored: false }])
          }
        >
          Add header
        </button>
        <p className="hint">Secret headers are sealed on this computer and never shown again.</p>
      </fieldset>
    </>
  )
}
