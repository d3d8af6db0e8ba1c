/**
 * Remote figures: the product API snapshots of a source, each endpoint's numeric leaves over
 * its fetch times, so the UI can show the latest figures and their trend (the originals' docs
 * suggest calling the endpoints on a schedule to build exactly such trends).
 */
import type { RemoteFigures } from '../../../src-shared/api/sync'
import { numericLeaves } from '../../../src-shared/reports/blocks'
import type { DbClient } from '../db/client'
import { BadRequest } from '../errors'
import type { SourceRow } from './sources'

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
