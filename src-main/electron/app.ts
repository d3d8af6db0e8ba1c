/**
 * The desktop app's main process: the same core as `sextant serve` (the database in its
 * worker, the loopback API that local apps call) and one locked-down window showing the UI.
 * Security decisions live in policy.ts (tested under Node); this file wires them to Electron.
 */
import {
  BrowserWindow,
  Menu,
  app,
  dialog,
  ipcMain,
  nativeTheme,
  screen,
  session,
  safeStorage,
  shell,
  type WebContents,
} from 'electron'
import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { CHANNELS, type DesktopCommand } from '../../src-shared/desktop'
import { clockFromEnv } from '../core/clock'
import { DbClient } from '../core/db/client'
import { acquireLock } from '../core/db/lock'
import { removeDiscovery, writeDiscovery } from '../core/discovery'
import { UI_CSP } from '../core/http/routes'
import { VIEW_CSP } from '../core/http/snapshot-routes'
import { electronReportRenderer } from './report-renderer'
import { readPortSetting } from '../core/settings'
import { DEFAULT_PORT, startConsole } from '../core/host'
import { menuTemplate, type Theme } from './menu'
import {
  canOpenExternally,
  contentSecurityPolicy,
  consoleOrigin,
  isTrustedSender,
  navigationDecision,
  permissionGranted,
  restoredWindowState,
  windowOptions,
} from './policy'
import { readWindowState, writeWindowState } from './window-state'

const here = fileURLToPath(new URL('.', import.meta.url))

/** Files the worker thread loads must sit outside the asar archive (see electron-builder.yml). */
function unpacked(url: URL): URL {
  return new URL(url.href.replace('/app.asar/', '/app.asar.unpacked/'))
}

export interface Desktop {
  /** Shows and focuses the window (a second launch calls this). */
  focus(): void
}

export async function startDesktop(): Promise<Desktop> {
  const userData = app.getPath('userData')
  const file = process.env.SEXTANT_DB || join(userData, 'sextant.db')
  const lock = acquireLock(file, 'desktop')
  const db = await DbClient.open(file, {
    workerUrl: unpacked(new URL('./db-worker.js', import.meta.url)),
  })
  const envPort = process.env.SEXTANT_PORT
  const preferred = envPort ? Number(envPort) : ((await readPortSetting(db)) ?? DEFAULT_PORT)
  const running = await startConsole({
    db,
    lock,
    clock: clockFromEnv(),
    version: app.getVersion(),
    uiRoot: fileURLToPath(new URL('../renderer/', import.meta.url)),
    port: preferred,
    fallback: true,
    databaseFile: file,
    // PDF and PNG exports: printToPDF and capturePage in a hidden window (report-renderer.ts).
    renderer: () => electronReportRenderer,
    // The secret key is kept encrypted by the OS where it offers that (Keychain, DPAPI, libsecret).
    keyWrap: safeStorage.isEncryptionAvailable()
      ? {
          name: 'safeStorage',
          encrypt: (plain) => safeStorage.encryptString(plain.toString('base64')),
          decrypt: (sealed) => Buffer.from(safeStorage.decryptString(sealed), 'base64'),
        }
      : undefined,
  })
  const { port, sessions } = running
  const origin = consoleOrigin(port)
  const discovery = writeDiscovery(userData, {
    port,
    url: origin,
    pid: process.pid,
    version: app.getVersion(),
    database: file,
    startedAt: new Date().toISOString(),
  })

  // Guards for every web contents this app ever creates.
  app.on('web-contents-created', (_event, contents) => guard(contents, origin))
  // The server sends the UI's CSP; the shell enforces it on every response too (the snapshot
  // view gets its own, stricter one: no network at all, its inline viewer only).
  session.defaultSession.webRequest.onHeadersReceived((details, callback) =>
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [
          contentSecurityPolicy(details.url, origin, { ui: UI_CSP, view: VIEW_CSP }),
        ],
      },
    }),
  )
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(permissionGranted(permission, details.requestingUrl, origin)),
  )
  session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    permissionGranted(permission, requestingOrigin, origin),
  )

  let theme: Theme = 'system'
  let window: BrowserWindow | null = null
  const send = (command: DesktopCommand): void =>
    window?.webContents.send(CHANNELS.command, command)

  ipcMain.handle(CHANNELS.signInCode, (event) => {
    if (!isTrustedSender(event.senderFrame, origin)) throw new Error('refused: not the console')
    return sessions.createLoginCode()
  })
  ipcMain.on(CHANNELS.theme, (event, value: unknown) => {
    if (!isTrustedSender(event.senderFrame, origin)) return
    if (value !== 'light' && value !== 'dark' && value !== 'system') return
    theme = value
    nativeTheme.themeSource = value
    buildMenu()
  })

  async function importFiles(): Promise<void> {
    if (window === null) return
    const chosen = await dialog.showOpenDialog(window, {
      title: 'Import data',
      buttonLabel: 'Import',
      properties: ['openFile', 'multiSelections'],
      filters: [
        { name: 'Data files', extensions: ['csv', 'json', 'ndjson', 'jsonl', 'zip'] },
        { name: 'All files', extensions: ['*'] },
      ],
    })
    if (chosen.canceled || chosen.filePaths.length === 0) return
    const target = window
    target.setProgressBar(2)
    try {
      const result = await db.import(
        chosen.filePaths.map((path) => ({ path })),
        (progress) =>
          target.setProgressBar(progress.total > 0 ? progress.done / progress.total : 2),
      )
      send({ type: 'data-changed' })
      await dialog.showMessageBox(target, {
        type: 'info',
        message: `Imported ${result.records.toLocaleString('en-US')} records`,
        detail: result.entities
          .map((entity) => `${entity.entity}: ${entity.added} added, ${entity.updated} updated`)
          .join('\n'),
      })
    } catch (error) {
      await dialog.showMessageBox(target, {
        type: 'error',
        message: 'Nothing was imported',
        detail: (error as Error).message,
      })
    } finally {
      target.setProgressBar(-1)
    }
  }

  async function exportDatabase(): Promise<void> {
    if (window === null) return
    const chosen = await dialog.showSaveDialog(window, {
      title: 'Export a copy of the database',
      defaultPath: `sextant-${new Date().toISOString().slice(0, 10)}.db`,
      filters: [{ name: 'Sextant database', extensions: ['db'] }],
    })
    if (chosen.canceled || chosen.filePath === undefined) return
    try {
      await db.save() // every write is saved already; this makes sure
      copyFileSync(file, chosen.filePath)
    } catch (error) {
      await dialog.showMessageBox(window, {
        type: 'error',
        message: 'The copy was not written',
        detail: (error as Error).message,
      })
    }
  }

  function showAbout(): void {
    void dialog.showMessageBox({
      title: 'About Sextant',
      message: `Sextant ${app.getVersion()}`,
      detail: [
        'The offline analytics console.',
        `Database: ${file}`,
        `Loopback API: ${origin} (also in ${discovery})`,
        `Electron ${process.versions.electron}, Chromium ${process.versions.chrome}, Node ${process.versions.node}`,
      ].join('\n'),
    })
  }

  function buildMenu(): void {
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        menuTemplate(
          {
            importFiles: () => void importFiles(),
            captureSnapshot: () => send({ type: 'capture-snapshot' }),
            exportDatabase: () => void exportDatabase(),
            navigate: (page) => send({ type: 'navigate', page }),
            setTheme: (value) => send({ type: 'theme', theme: value }),
            showApiDocs: () => send({ type: 'navigate', page: 'settings' }),
            showAbout,
          },
          { platform: process.platform, developer: !app.isPackaged, theme },
        ),
      ),
    )
  }

  function createWindow(): BrowserWindow {
    const state = restoredWindowState(
      readWindowState(userData),
      screen.getAllDisplays().map((display) => display.workArea),
    )
    // Electronegativity cannot follow options built by a function: every one of these settings
    // is asserted in test/desktop/policy.test.ts.
    const options = windowOptions(join(here, '../preload/index.cjs'), state.bounds)
    // prettier-ignore
    const created = new BrowserWindow(options) /* eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK */
    if (state.maximized) created.maximize()
    created.once('ready-to-show', () => created.show())
    const remember = (): void => {
      if (created.isDestroyed() || created.isMinimized()) return
      writeWindowState(userData, {
        bounds: created.isMaximized() ? created.getNormalBounds() : created.getBounds(),
        maximized: created.isMaximized(),
      })
    }
    let timer: NodeJS.Timeout | undefined
    const later = (): void => {
      clearTimeout(timer)
      timer = setTimeout(remember, 500)
    }
    created.on('resize', later)
    created.on('move', later)
    created.on('close', () => {
      clearTimeout(timer)
      remember()
    })
    created.on('closed', () => (window = null))
    void created.loadURL(`${origin}/`)
    return created
  }

  buildMenu()
  window = createWindow()
  if (running.fellBack) {
    void dialog.showMessageBox(window, {
      type: 'warning',
      message: `Port ${preferred} is in use`,
      detail: `The console answers on port ${port} this time. Local apps find the port in ${discovery}; Settings shows it, and you can choose another port there.`,
    })
  }

  // The database worker could not be brought back after dying or wedging: say so and stop,
  // rather than show a window whose every panel fails.
  db.onFatal((reason) => {
    dialog.showErrorBox(
      'Sextant stopped',
      `${reason}. Every change Sextant confirmed is saved in ${file}; start Sextant again.`,
    )
    removeDiscovery(discovery)
    lock.release()
    app.exit(1)
  })

  let quitting = false
  app.on('before-quit', (event) => {
    if (quitting) return
    event.preventDefault()
    quitting = true
    void (async () => {
      let code = 0
      try {
        const { unsaved } = await running.close() // saves
        if (unsaved !== null) {
          code = 1
          dialog.showErrorBox(
            'Sextant could not save on quit',
            `${unsaved}. Every change Sextant confirmed is in the file; the last bookkeeping (such as tokens' last use) was not saved.`,
          )
        }
      } catch (error) {
        code = 1
        dialog.showErrorBox('Sextant could not save', (error as Error).message)
      } finally {
        removeDiscovery(discovery)
        lock.release()
        app.exit(code)
      }
    })()
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('activate', () => {
    if (window === null) window = createWindow()
  })

  return {
    focus() {
      if (window === null) window = createWindow()
      if (window.isMinimized()) window.restore()
      window.show()
      window.focus()
    },
  }
}

/** Keeps a web contents on the console: navigation, new windows, webviews. */
function guard(contents: WebContents, origin: string): void {
  const onNavigate = (event: { preventDefault(): void }, url: string): void => {
    const decision = navigationDecision(url, origin)
    if (decision === 'allow') return
    event.preventDefault()
    // Only http(s) URLs get here (navigationDecision, tested in policy.test.ts).
    if (decision === 'open-externally')
      void shell.openExternal(url) /* eng-disable OPEN_EXTERNAL_JS_CHECK */
  }
  contents.on('will-navigate', onNavigate)
  contents.on('will-redirect', onNavigate)
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    // Only http(s) URLs pass canOpenExternally (tested in policy.test.ts).
    if (canOpenExternally(url))
      void shell.openExternal(url) /* eng-disable OPEN_EXTERNAL_JS_CHECK */
    return { action: 'deny' }
  })
}
