/**
 * The preload bridge: the smallest typed surface the UI needs (src-shared/desktop.ts), through
 * contextBridge; the page never sees ipcRenderer or any Node API.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { CHANNELS, type DesktopBridge, type DesktopCommand } from '../../src-shared/desktop'

const bridge: DesktopBridge = {
  desktop: true,
  signInCode: () => ipcRenderer.invoke(CHANNELS.signInCode) as Promise<string>,
  onCommand(listener) {
    const handler = (_event: IpcRendererEvent, command: DesktopCommand): void => listener(command)
    ipcRenderer.on(CHANNELS.command, handler)
    return () => {
      ipcRenderer.removeListener(CHANNELS.command, handler)
    }
  },
  themeChanged: (theme) => ipcRenderer.send(CHANNELS.theme, theme),
}

contextBridge.exposeInMainWorld('sextant', bridge)
