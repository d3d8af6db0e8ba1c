/**
 * `sextant export REPORT [--format json|csv|html|pdf|png] [--out FILE] [params]` (CLI.md,
 * issue #7): captures the report now, keeps the snapshot in the library, and writes it in the
 * chosen format (`--snapshot ID` exports one already kept). JSON, CSV and HTML are written
 * anywhere; PDF and PNG need a renderer (a local Chromium; the desktop app uses its own).
 * Through the running console when one holds the database.
 */
import { InvalidArgumentError, Option, type Command } from 'commander'
import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import {
  EXPORT_FORMATS,
  REPORTS,
  type ExportFormat,
  type Report,
  type ReportParams,
  type SnapshotSummary,
} from '../../src-shared/api/snapshots'
import { resolveTimeZone } from '../core/settings'
import { createServer } from '../core/http/server'
import { exportFileName, exportSnapshot } from '../core/reports/exporter'
import { localRenderer, RendererMissing } from '../core/reports/render'
import type { CliHelpers } from './sync-commands'

interface ExportFlags {
  format: ExportFormat
  out?: string
  name?: string
  snapshot?: number
  days?: number
  workspace?: string
  campaign?: string
  conversion?: string
  metric?: string
  steps?: string
  org?: string
  space?: string
  from?: string
  to?: string
  theme: 'light' | 'dark'
  paper: 'A4' | 'Letter'
  bom?: boolean
  width?: number
}

function positive(value: string): number {
  if (!/^[1-9]\d*$/.test(value)) throw new InvalidArgumentError('expected a positive integer')
  return Number(value)
}

function paramsOf(flags: ExportFlags): ReportParams {
  const params: ReportParams = {}
  if (flags.days !== undefined) params.days = flags.days
  if (flags.workspace !== undefined) params.workspace = flags.workspace
  if (flags.campaign !== undefined) params.campaign = flags.campaign
  if (flags.conversion !== undefined) params.conversion = flags.conversion
  if (flags.metric !== undefined) params.metric = flags.metric
  if (flags.steps !== undefined) params.steps = flags.steps.split(',').map((step) => step.trim())
  if (flags.org !== undefined) params.organisation = flags.org
  if (flags.space !== undefined) params.space = flags.space
  if (flags.from !== undefined) params.from = flags.from
  if (flags.to !== undefined) params.to = flags.to
  return params
}

export function registerExportCommand(program: Command, helpers: CliHelpers): void {
  program
    .command('export')
    .description('capture a report snapshot now (kept in the library) and write it to a file')
    .argument('[report]', `the dashboard: ${REPORTS.join(', ')}`)
    .addOption(
      new Option('--format <format>', 'file format').choices(EXPORT_FORMATS).default('json'),
    )
    .option('--out <file>', 'where to write (default: <report>-<name>.<format> here; - = stdout)')
    .option('--name <name>', 'the snapshot name (default: the report and the capture time)')
    .option('--snapshot <id>', 'export a kept snapshot instead of capturing one', positive)
    .option('--days <n>', 'the last N days (default 30)', positive)
    .option('--workspace <id>', 'workspace, campaigns: the workspace (default: the first)')
    .option('--campaign <id>', 'campaigns: one campaign’s detail too')
    .option('--conversion <type>', 'campaigns: attribution’s conversion event (default: booking)')
    .option('--metric <type>', 'campaigns: cohorts’ metric (default: events)')
    .option('--steps <a,b,...>', 'campaigns: funnel steps (two or more)')
    .option('--org <handle>', 'calls: the organisation handle (default: the first)')
    .option('--space <token>', 'calls: one contact space')
    .option('--from <date>', 'bookings: first day YYYY-MM-DD')
    .option('--to <date>', 'bookings: last day YYYY-MM-DD')
    .addOption(
      new Option('--theme <theme>', 'html, pdf, png: the theme')
        .choices(['light', 'dark'])
        .default('light'),
    )
    .addOption(
      new Option('--paper <size>', 'pdf: the paper').choices(['A4', 'Letter']).default('A4'),
    )
    .option('--bom', 'csv: start with a UTF-8 byte order mark (for Excel)')
    .option('--width <px>', 'png: the page width in CSS pixels (default 1200)', positive)
    .action(async (report: string | undefined, flags: ExportFlags, command: Command) => {
      if (flags.snapshot === undefined) {
        if (report === undefined)
          throw helpers.fail(`export: name a report (${REPORTS.join(', ')}) or --snapshot ID`)
        if (!REPORTS.includes(report as Report))
          throw helpers.fail(
            `export: ${JSON.stringify(report)} is not a report (${REPORTS.join(', ')})`,
          )
      }
      const params = paramsOf(flags)
      const query = new URLSearchParams({
        format: flags.format,
        theme: flags.theme,
        paper: flags.paper,
      })
      if (flags.bom === true) query.set('bom', 'true')
      if (flags.width !== undefined) query.set('width', String(flags.width))
      const file = helpers.dbFile(command)
      const { bytes, name } = await helpers.withDatabase<{ bytes: Buffer; name: string }>(
        file,
        'export',
        async (link) => {
          const id =
            flags.snapshot ??
            (
              await link.request<SnapshotSummary>('POST', '/api/v1/snapshots', {
                report,
                params,
                ...(flags.name === undefined ? {} : { name: flags.name }),
              })
            ).id
          const bytes = await link.download(`/api/v1/snapshots/${id}/export?${query.toString()}`)
          const snapshot = await link.request<SnapshotSummary>('GET', `/api/v1/snapshots/${id}`)
          return { bytes, name: exportFileName({ ...snapshot, responses: [] }, flags.format) }
        },
        async (db) => {
          // Without a renderer a PDF or PNG cannot be made: say so before capturing anything.
          const renderer = flags.format === 'pdf' || flags.format === 'png' ? localRenderer() : null
          if ((flags.format === 'pdf' || flags.format === 'png') && renderer === null)
            throw new RendererMissing()
          const timeZone = await resolveTimeZone(db)
          const server = createServer({
            db,
            clock: helpers.clock(),
            version: 'cli',
            port: () => 0,
            timezone: () => timeZone,
          })
          try {
            await server.ready()
            const id =
              flags.snapshot ??
              (
                await server.snapshots.capture(report as Report, params, {
                  name: flags.name,
                  trigger: 'cli',
                })
              ).id
            const snapshot = await server.snapshots.get(id)
            const exported = await exportSnapshot(snapshot, flags.format, {
              theme: flags.theme,
              paper: flags.paper,
              bom: flags.bom === true,
              width: flags.width,
              renderer,
            })
            return { bytes: exported.body, name: exportFileName(snapshot, exported.extension) }
          } finally {
            await server.close()
          }
        },
      )
      if (flags.out === '-') {
        process.stdout.write(bytes)
        return
      }
      const out = resolve(flags.out ?? name)
      writeFileSync(out, bytes)
      process.stdout.write(`${out}\n`)
      process.stderr.write(`wrote ${bytes.length.toLocaleString('en')} bytes\n`)
    })
}
