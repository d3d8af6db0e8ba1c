/**
 * The locale the UI writes dates in: the browser's own (the e2e harness fixes en-US), the
 * shared formatters' default where there is no browser (unit tests under Node).
 */
import { DEFAULT_LOCALE } from '../../src-shared/format-dates'

export function uiLocale(): string {
  const language = (globalThis as { navigator?: { language?: string } }).navigator?.language
  return language === undefined || language === '' ? DEFAULT_LOCALE : language
}
