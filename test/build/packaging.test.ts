/**
 * Checks on the build output and the installer configuration. `npm test`
 * builds before it runs vitest, so `out/` is fresh here.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'

const repoRoot = join(import.meta.dirname, '../..')
const mainBundle = join(repoRoot, 'out/main/index.js')
const preloadBundle = join(repoRoot, 'out/preload/index.cjs')

describe.skipIf(!existsSync(mainBundle))('built bundles', () => {
  it('leave the loopback bridge out of the app', () => {
    const main = readFileSync(mainBundle, 'utf8')
    expect(main).not.toContain('x-bridge-secret')
    expect(main).not.toContain('startBridge')
  })

  it('make the preload self-contained for the sandbox', () => {
    const preload = readFileSync(preloadBundle, 'utf8')
    const required = [...preload.matchAll(/require\("([^"]+)"\)/g)].map(
      (match) => match[1],
    )
    expect(required).toEqual(['electron'])
    expect(preload).toContain('exposeInMainWorld("wizardApi"')
    // The raw ipcRenderer object must never reach the page.
    expect(preload).not.toMatch(
      /exposeInMainWorld\("[^"]+",\s*(electron\.)?ipcRenderer\s*\)/,
    )
  })
})

describe('electron-builder.yml', () => {
  const config = parse(
    readFileSync(join(repoRoot, 'electron-builder.yml'), 'utf8'),
  ) as Record<string, unknown>

  it('hardens the Electron fuses', () => {
    expect(config['electronFuses']).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    })
  })

  it('packs into asar and targets every platform', () => {
    expect(config['asar']).toBe(true)
    const targetsOf = (key: string) =>
      JSON.stringify((config[key] as { target: unknown }).target)
    expect(targetsOf('win')).toContain('nsis')
    expect(targetsOf('mac')).toContain('dmg')
    expect(targetsOf('linux')).toContain('AppImage')
    expect(targetsOf('linux')).toContain('deb')
  })

  it('ships no development bridge', () => {
    expect(config['files']).toContain('!out/**/bridge/**')
  })
})
