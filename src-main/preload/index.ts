/**
 * The preload bridge: the smallest typed surface the UI needs. Issue #5 adds
 * the UI's credentials and the native dialogs; for now it says only that the
 * UI runs inside the desktop app.
 */
import { contextBridge } from 'electron'

contextBridge.exposeInMainWorld('sextant', { desktop: true })
