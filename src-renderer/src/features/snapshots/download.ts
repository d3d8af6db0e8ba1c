/**
 * Saves an export of the console as a file: fetched with the session header (a plain link
 * would carry no credential), then saved from a Blob under the name the console gives it.
 */
import { fetchFile } from '../../api/client'
import { saveBlob } from '../../charts/png'
import { dispositionFileName } from './exports'

/** Downloads `path`; throws the console's message (ApiError) when it answers an error. */
export async function saveExport(path: string, fallbackName: string): Promise<void> {
  const { blob, disposition } = await fetchFile(path)
  saveBlob(blob, dispositionFileName(disposition) ?? fallbackName)
}
