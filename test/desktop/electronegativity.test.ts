// Rule (issue #5): Electronegativity finds nothing of medium severity or above in the main
// process and preload; a suppression (`eng-disable`) must sit next to a reason. The scanner
// is first shown to catch an insecure window, so a clean result means something.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'

interface Issue {
  id: string
  file: string
  location?: { line: number }
  severity: { value: number; name: string }
  confidence: { name: string }
  description: string
}

const require = createRequire(import.meta.url)
const run = require('@doyensec/electronegativity/dist/runner.js') as (options: object) => Promise<{
  issues: Issue[]
  errors: { file: string; message: string; tolerable: boolean }[]
}>
const ELECTRON = (
  JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')) as { version: string }
).version
const MEDIUM = 2

async function scan(input: string) {
  return run({
    input,
    severitySet: 'informational',
    confidenceSet: 'tentative',
    isRelative: true,
    electronVersionOverride: ELECTRON,
  })
}

describe('Electronegativity', () => {
  it('catches an insecure window (the scanner works)', async () => {
    const result = await scan('test/desktop/fixtures')
    const ids = result.issues.map((issue) => issue.id)
    expect(ids).toEqual(
      expect.arrayContaining(['SANDBOX_JS_CHECK', 'AUXCLICK_JS_CHECK', 'HTTP_RESOURCES_JS_CHECK']),
    )
  }, 60_000)

  it('finds nothing of medium severity or above in src-main', async () => {
    const result = await scan('src-main')
    const findings = result.issues
      .filter((issue) => issue.severity.value >= MEDIUM)
      .map(
        (issue) =>
          `${issue.severity.name} ${issue.id} ${issue.file}:${issue.location?.line ?? 0} ${issue.description}`,
      )
    expect(findings).toEqual([])
    expect(result.errors.filter((error) => !error.tolerable)).toEqual([])
  }, 60_000)

  it('every suppression carries its reason on the lines above', () => {
    const source = readFileSync('src-main/electron/app.ts', 'utf8').split('\n')
    source.forEach((line, index) => {
      if (!line.includes('eng-disable')) return
      const above = source.slice(Math.max(0, index - 4), index).join('\n')
      expect(above, `line ${index + 1}`).toMatch(/\/\/ .*(tested|asserted)/)
    })
  })
})
