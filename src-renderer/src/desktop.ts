/** The desktop shell's bridge when the UI runs in the desktop app (see src-shared/desktop.ts). */
import type { DesktopBridge } from '../../src-shared/desktop'

export function desktopBridge(): DesktopBridge | undefined {
  const bridge = (window as { sextant?: DesktopBridge }).sextant
  return bridge?.desktop === true ? bridge : undefined
}
