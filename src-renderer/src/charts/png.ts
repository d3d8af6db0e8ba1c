/**
 * A chart as a PNG file: its name as a file name, and the `data:` URL ECharts makes turned into
 * a Blob (the UI's CSP lets no fetch read a `data:` URL, and an object URL downloads alike).
 */

/** "campaigns.messages" -> "sextant-campaigns-messages.png". */
export function chartFileName(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
  return `sextant-${slug || 'chart'}.png`
}

/** A base64 `data:` URL as a Blob of its type. */
export function dataUrlToBlob(url: string): Blob {
  const match = /^data:([^;,]+)(;base64)?,(.*)$/s.exec(url)
  if (match === null) throw new Error('not a data: URL')
  const type = match[1]!
  if (match[2] === undefined) return new Blob([decodeURIComponent(match[3]!)], { type })
  const binary = atob(match[3]!)
  const bytes = new Uint8Array(binary.length)
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index)
  return new Blob([bytes], { type })
}

/** Saves a Blob as a file through a temporary link (a download, no navigation). */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.style.display = 'none'
  document.body.append(link)
  link.click()
  link.remove()
  // the download has started from the link; the URL is not needed after this task
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
