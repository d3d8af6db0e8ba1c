// Run as a child process by graph-range.test.ts: answers one graph-reports request and prints
// `<status> <milliseconds>`, so that a request that never returns can be killed from outside
// (a synchronous endless loop cannot be interrupted by a test timeout in the same process).
import { startHarness } from './harness'

const url = process.argv[2] ?? '/reports/graph-reports'
const harness = await startHarness({ hosts: [{ id: 1, name: 'Dana', email: null }] })
const started = Date.now()
const response = await harness.get(url, { authorization: `Bearer ${harness.token}` })
process.stdout.write(`${response.statusCode} ${Date.now() - started}\n`)
await harness.close()
