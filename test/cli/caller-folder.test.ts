import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const REPO = resolve(import.meta.dirname, '../..')
const CLI = join(REPO, 'src/main/cli/index.ts')
const folder = mkdtempSync(join(tmpdir(), 'caller-folder-'))

afterAll(() => {
  rmSync(folder, { recursive: true, force: true })
})

/** Runs a demo pull of one small entity as `npm run cli` would start it. */
function pull(db: string, extra: string[], env: Record<string, string>) {
  const child = spawnSync(
    process.execPath,
    [
      '--experimental-strip-types',
      '--no-warnings',
      CLI,
      'pull',
      '--demo',
      '--size',
      'tiny',
      '--entities',
      'manufacturers',
      '--db',
      db,
      ...extra,
    ],
    {
      cwd: REPO,
      env: { PATH: process.env['PATH'] ?? '', HOME: folder, ...env },
      encoding: 'utf8',
    },
  )
  return child
}

describe('command line started by npm', () => {
  it('creates a relative --db in the caller folder', () => {
    const run = pull('relative.sqlite', [], {
      INIT_CWD: folder,
      npm_lifecycle_event: 'cli',
    })
    expect(run.status).toBe(0)
    expect(existsSync(join(folder, 'relative.sqlite'))).toBe(true)
    expect(existsSync(join(REPO, 'relative.sqlite'))).toBe(false)
  })

  it('ignores INIT_CWD of another npm script', () => {
    const db = join(folder, 'absolute.sqlite')
    const run = pull(db, [], {
      INIT_CWD: join(folder, 'missing'),
      npm_lifecycle_event: 'test',
    })
    expect(run.status).toBe(0)
    expect(existsSync(db)).toBe(true)
  })

  it('keeps log lines out of the JSON lines', () => {
    const run = pull(join(folder, 'json.sqlite'), ['--json'], {
      WIZARD_LOG_LEVEL: 'info',
    })
    expect(run.status).toBe(0)
    const lines = run.stdout.trim().split('\n')
    expect(lines.length).toBeGreaterThan(1)
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow()
    expect(run.stderr).toContain('archive')
  })
})
