// Rule (issues #5, #7): the application menu has Import..., Capture Snapshot, Export..., every
// dashboard and the snapshot library, reload,
// theme, zoom, API docs and About, with the usual shortcuts, and each item calls its action.
import type { MenuItemConstructorOptions } from 'electron'
import { describe, expect, it, vi } from 'vitest'
import { menuTemplate, type MenuActions } from '../../src-main/electron/menu'

function actions(): MenuActions {
  return {
    importFiles: vi.fn(),
    captureSnapshot: vi.fn(),
    exportDatabase: vi.fn(),
    navigate: vi.fn(),
    setTheme: vi.fn(),
    showApiDocs: vi.fn(),
    showAbout: vi.fn(),
  }
}

/** Every item, depth first. */
function flatten(items: readonly MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [
    item,
    ...(Array.isArray(item.submenu) ? flatten(item.submenu) : []),
  ])
}

const byLabel = (items: MenuItemConstructorOptions[], label: string) => {
  const found = items.find((item) => item.label === label)
  expect(found, label).toBeDefined()
  return found!
}

const click = (item: MenuItemConstructorOptions): void => (item.click as unknown as () => void)()

describe('application menu', () => {
  it('holds the items and shortcuts, and each calls its action (Linux / Windows)', () => {
    const act = actions()
    const items = flatten(menuTemplate(act, { platform: 'linux', developer: false, theme: 'dark' }))
    const importItem = byLabel(items, 'Import…')
    expect(importItem.accelerator).toBe('CmdOrCtrl+O')
    click(importItem)
    expect(act.importFiles).toHaveBeenCalledOnce()
    const exportItem = byLabel(items, 'Export a Copy of the Database…')
    click(exportItem)
    expect(act.exportDatabase).toHaveBeenCalledOnce()
    const capture = byLabel(items, 'Capture Snapshot')
    expect(capture.accelerator).toBe('CmdOrCtrl+Shift+P')
    click(capture)
    expect(act.captureSnapshot).toHaveBeenCalledOnce()
    const pages = [
      'Overview',
      'Workspace Activity',
      'Bookings',
      'Campaigns',
      'Calls',
      'Data',
      'Settings',
      'Snapshots',
    ]
    pages.forEach((label, index) => {
      const item = byLabel(items, label)
      expect(item.accelerator).toBe(`CmdOrCtrl+${index + 1}`)
      click(item)
    })
    expect((act.navigate as ReturnType<typeof vi.fn>).mock.calls.map((call) => call[0])).toEqual([
      'overview',
      'workspace',
      'bookings',
      'campaigns',
      'calls',
      'data',
      'settings',
      'snapshots',
    ])
    const roles = items.map((item) => item.role).filter(Boolean)
    expect(roles).toEqual(
      expect.arrayContaining([
        'reload',
        'resetZoom',
        'zoomIn',
        'zoomOut',
        'quit',
        'togglefullscreen',
      ]),
    )
    expect(roles).not.toContain('toggleDevTools')
    const dark = byLabel(items, 'Dark')
    expect(dark.type).toBe('radio')
    expect(dark.checked).toBe(true)
    expect(byLabel(items, 'Light').checked).toBe(false)
    click(byLabel(items, 'Light'))
    expect(act.setTheme).toHaveBeenCalledWith('light')
    const docs = byLabel(items, 'API Documentation')
    expect(docs.accelerator).toBe('F1')
    click(docs)
    expect(act.showApiDocs).toHaveBeenCalledOnce()
    click(byLabel(items, 'About Sextant'))
    expect(act.showAbout).toHaveBeenCalledOnce()
  })

  it('on macOS puts About and Quit in the app menu, and shows DevTools only to developers', () => {
    const template = menuTemplate(actions(), {
      platform: 'darwin',
      developer: true,
      theme: 'system',
    })
    expect(template[0]!.label).toBe('Sextant')
    const appMenu = flatten([template[0]!])
    expect(appMenu.map((item) => item.role ?? item.label)).toEqual(
      expect.arrayContaining(['About Sextant', 'quit', 'hide']),
    )
    expect(flatten(template).map((item) => item.role)).toContain('toggleDevTools')
  })
})
