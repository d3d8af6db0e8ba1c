// Runs a TypeScript worker from sources (tests, `tsx`): registers tsx inside
// the worker, then loads the entry. The built bundle does not use this.
import { workerData } from 'node:worker_threads'
import { register } from 'tsx/esm/api'

register()
await import(workerData.entry)
