/**
 * The application menu as data (Electron's MenuItemConstructorOptions), built from the actions
 * the shell implements, so its items and shortcuts are tested without a display.
 */
import type { MenuItemConstructorOptions } from 'electron'

export const DASHBOARDS = [
  ['overview', 'Overview'],
  ['workspace', 'Workspace Activity'],
  ['bookings', 'Bookings'],
  ['campaigns', 'Campaigns'],
  ['calls', 'Calls'],
  ['data', 'Data'],
  ['settings', 'Settings'],
  ['snapshots', 'Snapshots'],
] as const

export type Theme = 'light' | 'dark' | 'system'

export interface MenuActions {
  importFiles(): void
  captureSnapshot(): void
  exportDatabase(): void
  navigate(page: string): void
  setTheme(theme: Theme): void
  showApiDocs(): void
  showAbout(): void
}

export function menuTemplate(
  actions: MenuActions,
  options: { platform: NodeJS.Platform; developer: boolean; theme: Theme },
): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin'
  const theme = (value: Theme, label: string): MenuItemConstructorOptions => ({
    label,
    type: 'radio',
    checked: options.theme === value,
    click: () => actions.setTheme(value),
  })
  const template: MenuItemConstructorOptions[] = [
    {
      label: '&File',
      submenu: [
        { label: 'Import…', accelerator: 'CmdOrCtrl+O', click: () => actions.importFiles() },
        {
          label: 'Capture Snapshot',
          accelerator: 'CmdOrCtrl+Shift+P',
          click: () => actions.captureSnapshot(),
        },
        {
          label: 'Export a Copy of the Database…',
          accelerator: 'CmdOrCtrl+Shift+S',
          click: () => actions.exportDatabase(),
        },
        { type: 'separator' },
        mac ? { role: 'close' } : { role: 'quit', accelerator: 'CmdOrCtrl+Q' },
      ],
    },
    { label: '&Edit', role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        ...DASHBOARDS.map(([page, label], index): MenuItemConstructorOptions => ({
          label,
          accelerator: `CmdOrCtrl+${index + 1}`,
          click: () => actions.navigate(page),
        })),
        { type: 'separator' },
        { role: 'reload', accelerator: 'CmdOrCtrl+R' },
        {
          label: 'Theme',
          submenu: [theme('light', 'Light'), theme('dark', 'Dark'), theme('system', 'System')],
        },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(options.developer ? [{ role: 'toggleDevTools' } as MenuItemConstructorOptions] : []),
      ],
    },
    { label: '&Window', role: 'windowMenu' },
    {
      label: '&Help',
      role: 'help',
      submenu: [
        { label: 'API Documentation', accelerator: 'F1', click: () => actions.showApiDocs() },
        ...(mac ? [] : [{ type: 'separator' } as MenuItemConstructorOptions]),
        ...(mac ? [] : [{ label: 'About Sextant', click: () => actions.showAbout() }]),
      ],
    },
  ]
  if (mac) {
    template.unshift({
      label: 'Sextant',
      submenu: [
        { label: 'About Sextant', click: () => actions.showAbout() },
        { type: 'separator' },
        { role: 'services' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    })
  }
  return template
}
