/**
 * Backs the findings that scripts/electronegativity.mjs lists as reviewed:
 * the static scan cannot see that every window gets the secure preferences
 * or that every path to shell.openExternal checks the URL first. Also runs
 * the scan on an insecure sample, to show that the gate can fail.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../src/shared/errors.ts'
import { createAppHandlers } from '../../src/main/handlers/app.ts'
import {
  NO_ENCRYPTION,
  type AppContext,
} from '../../src/main/platform/context.ts'
import { listFiles } from './support/secret-scan.ts'
import { repoRoot } from './support/cli.ts'

const sourceFiles = listFiles(join(repoRoot, 'src')).filter((file) =>
  /\.(ts|tsx|mjs|cjs|js)$/.test(file),
)

function filesContaining(pattern: RegExp): string[] {
  return sourceFiles
    .filter((file) => pattern.test(readFileSync(file, 'utf8')))
    .map((file) => file.slice(repoRoot.length + 1))
}

describe('windows', () => {
  it('are created in one place only', () => {
    expect(filesContaining(/new BrowserWindow\(/)).toEqual([
      'src/main/electron/window.ts',
    ])
  })

  it('get the secure preferences', () => {
    const source = readFileSync(
      join(repoRoot, 'src/main/electron/window.ts'),
      'utf8',
    )
    const options = source.slice(source.indexOf('new BrowserWindow('))
    const literal = options.slice(0, options.indexOf('})') + 2)
    expect(literal).toMatch(/webPreferences: secureWebPreferences\(/)
  })
})

describe('shell.openExternal', () => {
  it('is called from two files only', () => {
    expect(filesContaining(/shell\.openExternal\(/).sort()).toEqual([
      'src/main/electron/context.ts',
      'src/main/electron/window.ts',
    ])
  })

  it('is guarded in the window', () => {
    const source = readFileSync(
      join(repoRoot, 'src/main/electron/window.ts'),
      'utf8',
    )
    expect(source).toMatch(
      /if \(isAllowedExternalUrl\(url\)\) \{\s*void shell\.openExternal\(url\)/,
    )
  })

  it('reaches the context only through the handler', () => {
    expect(filesContaining(/context\.openExternal\(/)).toEqual([
      'src/main/handlers/app.ts',
    ])
  })

  it('handler opens only allowed URLs', async () => {
    const opened: string[] = []
    const context: AppContext = {
      appName: 'test',
      version: '0.0.0',
      transport: 'bridge',
      userDataDir: tmpdir(),
      emit: () => {},
      cipher: NO_ENCRYPTION,
      openExternal: async (url) => {
        opened.push(url)
      },
      openPath: async () => {},
    }
    const handlers = createAppHandlers(context)
    const rejected = [
      'http://devportal.3dcart.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'https://evil.example/',
      'https://devportal.3dcart.com.evil.example/',
    ]
    for (const url of rejected) {
      await expect(handlers.openExternal({ url })).rejects.toBeInstanceOf(
        AppError,
      )
    }
    await handlers.openExternal({ url: 'https://devportal.3dcart.com/' })
    expect(opened).toEqual(['https://devportal.3dcart.com/'])
  })

  it('is imported only by main code', () => {
    const renderer = filesContaining(
      /\bshell\b.*from 'electron'|from 'electron'.*\bshell\b/,
    )
    expect(renderer.filter((f) => !f.startsWith('src/main/'))).toEqual([])
  })
})

describe('electronegativity gate', () => {
  it('fails on an insecure window', () => {
    const dir = mkdtempSync(join(tmpdir(), 'reliability-eng-'))
    try {
      writeFileSync(
        join(dir, 'main.js'),
        "const { BrowserWindow } = require('electron')\n" +
          'new BrowserWindow({ webPreferences: { contextIsolation: false } })\n',
      )
      const run = spawnSync(
        process.execPath,
        [join(repoRoot, 'scripts/electronegativity.mjs'), '--input', dir],
        { encoding: 'utf8' },
      )
      expect(run.status).toBe(1)
      expect(run.stdout).toContain('FAIL HIGH FIRM CONTEXT_ISOLATION_JS_CHECK')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
