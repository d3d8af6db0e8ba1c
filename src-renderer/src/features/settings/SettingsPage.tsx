/**
 * Settings: API tokens for local apps (create with an optional scope, shown once with a copy
 * button, listed, revoked), the timezone days are counted in, and the address local apps call
 * with an example request. The theme is chosen in the header, on every page (one control, so
 * two never disagree about where it is set).
 */
import { useMemo, useState, type FormEvent } from 'react'
import { formatInstant } from '../../../../src-shared/format-dates'
import { ApiError, failureMessage } from '../../api/client'
import { api, type Settings } from '../../api/endpoints'
import { forgetAnswers, useApi, type Loaded } from '../../api/useApi'
import { Panel } from '../../components/Panel'
import { uiLocale } from '../../locale'
import { useStore } from '../../stores/store'
import { routeFamilies } from './routes'

export function SettingsPage() {
  // One answer feeds both panels that show settings, and both reload it after a change.
  const settings = useApi((signal) => api.settings({ signal }), [], 'settings')
  return (
    <div className="grid">
      <Tokens />
      <ApiAddress settings={settings} />
      <BrowserApps settings={settings} />
      <TimeZone settings={settings} />
      <ApiRoutes />
    </div>
  )
}

function Tokens() {
  const tokens = useApi((signal) => api.tokens({ signal }), [])
  const workspaces = useApi((signal) => api.workspaces({ signal }), [])
  const organisations = useApi((signal) => api.organisations({ signal }), [])
  const timezone = useStore((state) => state.timezone)
  const [name, setName] = useState('')
  const [scoped, setScoped] = useState(false)
  const [chosenWorkspaces, setChosenWorkspaces] = useState<string[]>([])
  const [chosenOrganisations, setChosenOrganisations] = useState<string[]>([])
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null)
  const [copied, setCopied] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    setError(null)
    try {
      const result = await api.createToken({
        name: name.trim() === '' ? undefined : name.trim(),
        ...(scoped ? { workspaces: chosenWorkspaces, organisations: chosenOrganisations } : {}),
      })
      setCreated({ name: result.info.name, token: result.token })
      setCopied(false)
      setName('')
      tokens.reload()
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : String(failure))
    }
  }
  const toggle = (list: string[], value: string): string[] =>
    list.includes(value) ? list.filter((item) => item !== value) : [...list, value]

  return (
    <Panel
      title="API tokens"
      id="settings.tokens"
      state={tokens}
      wide
      actions={<span className="muted">For local apps calling this console</span>}
    >
      {(data) => (
        <>
          <form className="token-form" onSubmit={(event) => void submit(event)}>
            <label>
              Name
              <input
                value={name}
                onChange={(event) => setName(event.target.value)}
                placeholder="e.g. reporting-script"
                maxLength={64}
                data-testid="token-name"
              />
            </label>
            <label className="inline">
              <input
                type="checkbox"
                checked={scoped}
                onChange={(event) => setScoped(event.target.checked)}
                data-testid="token-scoped"
              />
              Limit to some workspaces and organisations
            </label>
            {scoped && (
              <fieldset className="scope">
                <legend>Scope</legend>
                {(workspaces.data?.workspaces ?? []).map((workspace) => (
                  <label key={workspace.id} className="inline">
                    <input
                      type="checkbox"
                      checked={chosenWorkspaces.includes(workspace.id)}
                      onChange={() => setChosenWorkspaces(toggle(chosenWorkspaces, workspace.id))}
                    />
                    Workspace {workspace.name}
                  </label>
                ))}
                {(organisations.data?.organisations ?? []).map((organisation) => (
                  <label key={organisation.id} className="inline">
                    <input
                      type="checkbox"
                      checked={chosenOrganisations.includes(organisation.domain_handle)}
                      onChange={() =>
                        setChosenOrganisations(
                          toggle(chosenOrganisations, organisation.domain_handle),
                        )
                      }
                    />
                    Organisation {organisation.name}
                  </label>
                ))}
              </fieldset>
            )}
            <button type="submit" className="primary" data-testid="token-create">
              Create token
            </button>
          </form>
          {error !== null && (
            <p className="import-status error" role="alert">
              {error}
            </p>
          )}
          {created !== null && (
            <div className="created-token" role="status" data-testid="token-created">
              <p>
                Token <strong>{created.name}</strong>: copy it now, it is not shown again.
              </p>
              <div className="row">
                <code className="secret" data-testid="token-secret">
                  {created.token}
                </code>
                <button
                  type="button"
                  onClick={() =>
                    void navigator.clipboard.writeText(created.token).then(
                      () => setCopied(true),
                      () => setCopied(false),
                    )
                  }
                >
                  {copied ? 'Copied' : 'Copy'}
                </button>
                <button type="button" onClick={() => setCreated(null)}>
                  Done
                </button>
              </div>
            </div>
          )}
          {data.tokens.length === 0 ? (
            <p className="panel-state empty">No tokens yet.</p>
          ) : (
            <table className="data" data-testid="tokens">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Scope</th>
                  <th>Created</th>
                  <th>Last used</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {data.tokens.map((token) => (
                  <tr key={token.name} data-token={token.name}>
                    <td>{token.name}</td>
                    <td>
                      {token.fullAccess
                        ? 'Full access'
                        : [
                            ...token.workspaces.map((id) => `workspace ${id}`),
                            ...token.organisations.map((handle) => `org ${handle}`),
                          ].join(', ')}
                    </td>
                    <td>{formatInstant(token.createdAt, timezone, { locale: uiLocale() })}</td>
                    <td>
                      {token.lastUsedAt === null
                        ? 'never'
                        : formatInstant(token.lastUsedAt, timezone, { locale: uiLocale() })}
                    </td>
                    <td>
                      <button
                        type="button"
                        className="danger"
                        onClick={() => {
                          if (
                            window.confirm(
                              `Revoke the token "${token.name}"? Apps using it stop working.`,
                            )
                          )
                            void api.revokeToken(token.name).then(tokens.reload, tokens.reload)
                        }}
                      >
                        Revoke
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </Panel>
  )
}

function ApiAddress({ settings }: { settings: Loaded<Settings> }) {
  const [copied, setCopied] = useState(false)
  const [port, setPort] = useState('')
  const [message, setMessage] = useState<string | null>(null)
  return (
    <Panel title="API address" id="settings.api" state={settings}>
      {(data) => {
        const origin = `http://127.0.0.1:${data.port}`
        const example = `curl -H "Authorization: Bearer <token>" ${origin}/reports/graph-reports`
        return (
          <>
            <p>
              Local apps call <code data-testid="api-origin">{origin}</code> (loopback only). The
              desktop app also writes the address to <code>sextant.json</code> in its user-data
              folder.
            </p>
            <pre className="example" data-testid="api-example">
              {example}
            </pre>
            <button
              type="button"
              onClick={() =>
                void navigator.clipboard.writeText(example).then(() => setCopied(true))
              }
            >
              {copied ? 'Copied' : 'Copy example'}
            </button>
            <form
              className="row port-form"
              onSubmit={(event) => {
                event.preventDefault()
                setMessage(null)
                api.setPort(Number(port)).then(
                  (next) => {
                    setMessage(
                      `The desktop app asks for port ${next.preferredPort} at its next start.`,
                    )
                    settings.reload()
                  },
                  (failure: unknown) => setMessage(failureMessage(failure)),
                )
              }}
            >
              <label>
                Port at next start (desktop app)
                <input
                  type="number"
                  min={1}
                  max={65535}
                  placeholder={String(data.preferredPort)}
                  value={port}
                  onChange={(event) => setPort(event.target.value)}
                  data-testid="port"
                />
              </label>
              <button type="submit" disabled={port === ''}>
                Save
              </button>
            </form>
            {message !== null && <p role="status">{message}</p>}
            <p className="muted">
              Sextant {data.version}. <code>sextant serve</code> takes <code>--port</code> or{' '}
              <code>SEXTANT_PORT</code> instead.
            </p>
          </>
        )
      }}
    </Panel>
  )
}

/**
 * The CORS allow-list (issue #13 item 7): web pages of these origins, such as a WordPress admin
 * or a Next.js front end, may read the documented endpoints with an API token.
 */
function BrowserApps({ settings }: { settings: Loaded<Settings> }) {
  const [origin, setOrigin] = useState('')
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null)
  const save = (next: string[], done: string): void => {
    setMessage(null)
    api.setAllowedOrigins(next).then(
      () => {
        setMessage({ text: done, error: false })
        setOrigin('')
        settings.reload()
      },
      (failure: unknown) => setMessage({ text: failureMessage(failure), error: true }),
    )
  }
  return (
    <Panel title="Browser apps on other origins" id="settings.cors" state={settings}>
      {(data) => {
        const stored = data.allowedOrigins
          .filter((item) => item.source === 'setting')
          .map((item) => item.origin)
        return (
          <>
            <p>
              Web pages served from these origins may read the products&apos; endpoints (
              <code>/reports</code>, <code>/wp-json/…</code>, <code>/api/workspaces/…</code>,{' '}
              <code>/api/v2/…</code>) with an API token sent in a header. They never reach the
              console&apos;s own routes, and no cookie is accepted from them.
            </p>
            {data.allowedOrigins.length === 0 ? (
              <p className="muted" data-testid="cors-none">
                No origin is allowed: only local programs call.
              </p>
            ) : (
              <ul className="origin-list" data-testid="cors-origins">
                {data.allowedOrigins.map((item) => (
                  <li key={item.origin} data-origin={item.origin}>
                    <code>{item.origin}</code>
                    {item.source === 'setting' ? (
                      <button
                        type="button"
                        className="danger"
                        onClick={() =>
                          save(
                            stored.filter((entry) => entry !== item.origin),
                            `${item.origin} can no longer read.`,
                          )
                        }
                      >
                        Remove
                      </button>
                    ) : (
                      <span className="muted">from --allow-origin, this run only</span>
                    )}
                  </li>
                ))}
              </ul>
            )}
            <form
              className="row port-form"
              onSubmit={(event) => {
                event.preventDefault()
                save([...stored, origin.trim()], `${origin.trim()} may now read with a token.`)
              }}
            >
              <label>
                Allow an origin
                <input
                  value={origin}
                  onChange={(event) => setOrigin(event.target.value)}
                  placeholder="https://wp.example.com"
                  spellCheck={false}
                  data-testid="cors-origin"
                />
              </label>
              <button type="submit" disabled={origin.trim() === ''} data-testid="cors-add">
                Allow
              </button>
            </form>
            {message !== null && (
              <p
                role={message.error ? 'alert' : 'status'}
                className={message.error ? 'error-text' : ''}
              >
                {message.text}
              </p>
            )}
            <p className="muted">
              Also <code>sextant cors add ORIGIN</code>, or <code>--allow-origin</code> on{' '}
              <code>sextant serve</code> for one run.
            </p>
          </>
        )
      }}
    </Panel>
  )
}

/**
 * Every route of the loopback API, from its OpenAPI document (Help > API Documentation), one
 * folded family each: the page stays short, and a family opens to its table.
 */
function ApiRoutes() {
  const document = useApi((signal) => api.openApi({ signal }), [], 'openapi')
  return (
    <Panel title="API routes" id="settings.routes" state={document} wide>
      {(data) => (
        <>
          <p className="muted">
            The OpenAPI 3.1 document is at <code>/api/openapi.json</code> (with a token); every
            choice where the products' docs are silent is in docs/api.md.
          </p>
          <div data-testid="api-routes">
            {routeFamilies(data.paths).map((family) => (
              <details key={family.tag} className="route-family" data-family={family.tag}>
                <summary>
                  {family.title}{' '}
                  <span className="muted">
                    {family.routes.length === 1 ? '1 route' : `${family.routes.length} routes`}
                  </span>
                </summary>
                <table className="data">
                  <thead>
                    <tr>
                      <th>Method</th>
                      <th>Path</th>
                      <th>What it answers</th>
                    </tr>
                  </thead>
                  <tbody>
                    {family.routes.map((route) => (
                      <tr key={`${route.method} ${route.path}`}>
                        <td>
                          <code>{route.method}</code>
                        </td>
                        <td>
                          <code>{route.path}</code>
                        </td>
                        <td>{route.summary}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </details>
            ))}
          </div>
        </>
      )}
    </Panel>
  )
}

function TimeZone({ settings }: { settings: Loaded<Settings> }) {
  const setClock = useStore((state) => state.setClock)
  const zones = useMemo(() => Intl.supportedValuesOf('timeZone'), [])
  const [error, setError] = useState<string | null>(null)
  return (
    <Panel title="Timezone" id="settings.timezone" state={settings}>
      {(data) => (
        <>
          <label>
            Days are counted in
            <select
              value={data.timezone}
              disabled={data.timezoneSource === 'environment'}
              data-testid="timezone"
              onChange={(event) => {
                setError(null)
                api.setTimezone(event.target.value).then(
                  (next) => {
                    setClock({ today: next.today, timezone: next.timezone })
                    forgetAnswers() // reloads the settings panels too
                  },
                  (failure: unknown) => setError(failureMessage(failure)),
                )
              }}
            >
              {[...new Set(['UTC', ...zones, data.timezone])].map((zone) => (
                <option key={zone} value={zone}>
                  {zone}
                </option>
              ))}
            </select>
          </label>
          {data.timezoneSource === 'environment' && (
            <p className="muted">Set by SEXTANT_TZ when the console started.</p>
          )}
          {error !== null && <p role="alert">{error}</p>}
        </>
      )}
    </Panel>
  )
}
