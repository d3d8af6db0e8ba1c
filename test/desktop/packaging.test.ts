// Rule (issue #5): electron-builder makes AppImage, deb, dmg and NSIS installers with the
// Electron fuses set (RunAsNode off, asar integrity on, app only from asar), an icon, and every
// file the database worker loads outside the asar archive, because a worker thread cannot load
// its code or the sql.js wasm from inside it.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'

interface BuilderConfig {
  appId: string
  files: string[]
  asarUnpack: string[]
  electronFuses: Record<string, boolean>
  linux: { target: string[]; icon: string }
  mac: { target: string; icon: string }
  win: { target: string; icon: string }
}

const config = parse(readFileSync('electron-builder.yml', 'utf8')) as BuilderConfig

describe('packaging', () => {
  it('targets the four installers, with an icon of at least 512 px', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb'])
    expect(config.mac.target).toBe('dmg')
    expect(config.win.target).toBe('nsis')
    for (const icon of [config.linux.icon, config.mac.icon, config.win.icon]) {
      const png = readFileSync(icon)
      expect(png.subarray(1, 4).toString()).toBe('PNG')
      expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(512) // width
      expect(png.readUInt32BE(20)).toBeGreaterThanOrEqual(512) // height
    }
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z]+)+$/)
  })

  it('sets the fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      grantFileProtocolExtraPrivileges: false,
    })
  })

  it('keeps the worker, its chunks, the migrations and every package it imports unpacked', () => {
    const unpacked = new Set(config.asarUnpack)
    for (const path of ['out/main/db-worker.js', 'out/main/chunks/**', 'out/main/migrations/**']) {
      expect(unpacked.has(path), path).toBe(true)
    }
    // The worker bundle as electron-vite builds it (global setup ran the build), and the shared
    // chunks it imports (which import packages of their own): every package any of them
    // imports must load from real files too.
    const packages = new Set<string>()
    const seen = new Set<string>()
    const visit = (file: string): void => {
      if (seen.has(file)) return
      seen.add(file)
      const code = readFileSync(file, 'utf8')
      for (const match of code.matchAll(/^import .* from "([^".][^"]*)";$/gm)) {
        if (!match[1]!.startsWith('node:')) packages.add(match[1]!.split('/')[0]!)
      }
      for (const match of code.matchAll(/^import .* from "(\.[^"]+)";$/gm)) {
        const chunk = join(dirname(file), match[1]!)
        expect(chunk.startsWith('out/main/chunks/'), chunk).toBe(true)
        expect(existsSync(chunk), chunk).toBe(true)
        visit(chunk)
      }
    }
    visit('out/main/db-worker.js')
    expect([...packages].sort()).toEqual(['fflate', 'papaparse', 'sql.js'])
    for (const name of packages) expect(unpacked.has(`node_modules/${name}/**`), name).toBe(true)
  })

  it('ships the built app only', () => {
    expect(config.files).toEqual(
      expect.arrayContaining([
        'out/main/**',
        'out/preload/**',
        'out/renderer/**',
        // The report viewer HTML, PDF and PNG exports inline (issue #7).
        'out/report-viewer/**',
        'package.json',
      ]),
    )
    const main = (JSON.parse(readFileSync('package.json', 'utf8')) as { main: string }).main
    expect(main).toBe('./out/main/index.js')
  })
})
