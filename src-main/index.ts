/**
 * Electron entry: hosts the same core as `sextant serve` (the database worker
 * and the loopback HTTP server) and shows the UI in a locked-down window. The
 * desktop shell proper (menus, window state, packaging) is issue #5; this is
 * the thin host the foundation needs.
 */
import { app } from 'electron'
import { startDesktop } from './electron/app'

app.whenReady().then(startDesktop, (error: unknown) => {
  console.error(error)
  app.exit(1)
})
