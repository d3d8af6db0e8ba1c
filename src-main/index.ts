/**
 * Electron entry: one instance per user (a second launch focuses the first), then the desktop
 * app of electron/app.ts.
 */
import { app, dialog } from 'electron'
import { startDesktop, type Desktop } from './electron/app'

// Tests and portable setups may keep the user-data folder elsewhere (database, window state,
// discovery file).
if (process.env.SEXTANT_USER_DATA) app.setPath('userData', process.env.SEXTANT_USER_DATA)

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  let desktop: Desktop | undefined
  app.on('second-instance', () => desktop?.focus())
  app.whenReady().then(
    async () => {
      desktop = await startDesktop()
    },
    (error: unknown) => {
      console.error(error)
      app.exit(1)
    },
  )
  process.on('unhandledRejection', (error) => {
    dialog.showErrorBox('Sextant could not start', String((error as Error)?.message ?? error))
    app.exit(1)
  })
}
