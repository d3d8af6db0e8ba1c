#!/usr/bin/env node
// The `sextant` command. `npm install` builds the bundle (the `prepare`
// script); from a checkout without it, the TypeScript sources run through tsx.
import { existsSync } from 'node:fs'

const bundle = new URL('../out/cli/sextant.mjs', import.meta.url)
if (existsSync(bundle)) {
  await import(bundle.href)
} else {
  const { register } = await import('tsx/esm/api')
  register()
  await import(new URL('../src-main/cli/index.ts', import.meta.url).href)
}
