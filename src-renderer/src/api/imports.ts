/**
 * The Data page's upload: the files, and the entity of each file whose name does not say it
 * (the `entities` field of POST /api/v1/imports, the upload's `sextant import --entity`).
 */
import { request } from './client'
import type { ImportJob } from './endpoints'

export function uploadFiles(
  files: readonly File[],
  entities: Readonly<Record<string, string>> = {},
): Promise<ImportJob> {
  const form = new FormData()
  if (Object.keys(entities).length > 0) form.append('entities', JSON.stringify(entities))
  for (const file of files) form.append('files', file, file.name)
  return request<ImportJob>('/api/v1/imports', { method: 'POST', body: form })
}
