// Rule (issue #5): electron-builder makes AppImage, deb, dmg and NSIS installers with the
// Electron fuses set (RunAsNode off, asar integrity on, app only from asar), an icon, and every
// file the database worker loads outside the asar archive, because a worker thread cannot load
// its code or the sql.js wasm from inside it.
import { existsSync, readFileSync } from 'node:fs'
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
    // The worker bundle as electron-vite builds it (global setup ran the build).
    const worker = readFileSync('out/main/db-worker.js', 'utf8')
    const packages = new Set(
      [...worker.matchAll(/^import .* from "([^".][^"]*)";$/gm)]
        .map((match) => match[1]!)
        .filter((specifier) => !specifier.startsWith('node:'))
        .map((specifier) => specifier.split('/')[0]!),
    )
    expect([...packages].sort()).toEqual(['fflate', 'papaparse', 'sql.js'])
    for (const name of packages) expect(unpacked.has(`node_modules/${name}/**`), name).toBe(true)
    // and the chunks it imports are under out/main/chunks/
    for (const match of worker.matchAll(/^import .* from "(\.[^"]+)";$/gm)) {
      expect(match[1]!).toMatch(/^\.\/chunks\//)
      expect(existsSync(`out/main/${match[1]!.slice(2)}`)).toBe(true)
    }
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
