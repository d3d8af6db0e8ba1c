/**
 * Remote figures: the product API snapshots of a source, each endpoint's numeric leaves over
 * its fetch times, so the UI can show the latest figures and their trend (the originals' docs
 * suggest calling the endpoints on a schedule to build exactly such trends).
 */
import type { RemoteFigures } from '../../../src-shared/api/sync'
import type { DbClient } from '../db/client'
import { BadRequest } from '../errors'
import type { SourceRow } from './sources'

/** Every number in a JSON value by dot path (array items by index), at most `limit` of them. */
export function numericLeaves(value: unknown, limit = 500): Record<string, number> {
  const figures: Record<string, number> = {}
  let count = 0
  const visit = (node: unknown, path: string): void => {
    if (count >= limit) return
    if (typeof node === 'number' && Number.isFinite(node)) {
      figures[path] = node
      count++
    } else if (Array.isArray(node)) {
      node.forEach((item, index) => visit(item, path === '' ? String(index) : `${path}.${index}`))
    } else if (node !== null && typeof node === 'object') {
      for (const [key, item] of Object.entries(node))
        visit(item, path === '' ? key : `${path}.${key}`)
    }
  }
  visit(value, '')
  return figures
}

export async function remoteFigures(
  db: DbClient,
  source: SourceRow,
  limit: number,
): Promise<RemoteFigures> {
  if (source.kind !== 'snapshot')
    throw new BadRequest(`source ${JSON.stringify(source.name)} is not a product snapshot source`)
  const rows = await db.query<{
    endpoint: string
    fetched_at: number
    status: number
    body: string
  }>(
    `SELECT endpoint, fetched_at, status, body FROM (
       SELECT endpoint, fetched_at, status, body, id,
              row_number() OVER (PARTITION BY endpoint ORDER BY fetched_at DESC, id DESC) AS recent
       FROM remote_snapshots WHERE source_id = :source)
     WHERE recent <= :limit ORDER BY endpoint, fetched_at, id`,
    { source: source.id, limit },
  )
  const byEndpoint = new Map<string, RemoteFigures['endpoints'][number]>()
  for (const row of rows) {
    let entry = byEndpoint.get(row.endpoint)
    if (entry === undefined) {
      entry = { endpoint: row.endpoint, snapshots: [], latest: null }
      byEndpoint.set(row.endpoint, entry)
    }
    const body = JSON.parse(row.body) as unknown
    entry.snapshots.push({
      fetchedAt: new Date(row.fetched_at).toISOString(),
      status: row.status,
      figures: numericLeaves(body),
    })
    entry.latest = body
  }
  return {
    sourceId: source.id,
    product: String(source.config.product ?? ''),
    endpoints: [...byEndpoint.values()],
  }
}
