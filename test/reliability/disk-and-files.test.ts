/**
 * A full disk during a pull and during an export, and archives that are
 * damaged, written by a newer app or locked by another program, all seen
 * through the real pull engine and the command line. Each must end with a
 * clear error code and message, leave the archive intact, and allow the
 * work to resume once the cause is gone.
 */
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Archive, SCHEMA_VERSION } from '../../src/main/archive/index.ts'
import {
  startDemoStore,
  type DemoStore,
} from '../../src/main/demo-store/index.ts'
import { PullJob, defaultEntities } from '../../src/main/sync/pull.ts'
import { runCli } from './support/cli.ts'
import { FigureLog } from './support/figures.ts'
import { compareArchive } from './support/ground-truth.ts'
import { pullInto, pullOptions } from './support/pull.ts'

const figures = new FigureLog('disk-and-files')
const workDir = mkdtempSync(join(tmpdir(), 'reliability-disk-'))
let store: DemoStore
let env: Record<string, string>
/** A complete archive of `store`, copied for each case. */
let pulled: string

beforeAll(async () => {
  store = await startDemoStore({ size: 'small', seed: 51 })
  env = {
    THREEDCART_API_BASE_URL: store.baseUrl,
    THREEDCART_SECURE_URL: store.secureUrl,
    THREEDCART_PRIVATE_KEY: store.privateKey,
    THREEDCART_TOKEN: store.token,
  }
  pulled = join(workDir, 'pulled.db')
  const result = await pullInto(store, pulled)
  expect(result.complete).toBe(true)
  // One self-contained file, so copies need no -wal file.
  const db = new Database(pulled)
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.close()
})

afterAll(async () => {
  figures.write()
  await store.close()
  rmSync(workDir, { recursive: true, force: true })
})

function digest(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex')
}

function copyOf(name: string): string {
  const file = join(workDir, name)
  writeFileSync(file, readFileSync(pulled))
  return file
}

describe('full disk during a pull', () => {
  it('stops with DISK_FULL and resumes to the ground truth', async () => {
    const file = join(workDir, 'full.db')
    const archive = Archive.open(file)
    const pages = archive.db.pragma('page_count', { simple: true }) as number
    // Half the pages a whole pull adds: the first page of any entity fits,
    // the whole store does not.
    const complete = new Database(pulled, { readonly: true })
    const full = complete.pragma('page_count', { simple: true }) as number
    complete.close()
    archive.db.pragma(
      `max_page_count = ${pages + Math.floor((full - pages) / 2)}`,
    )
    const failed = await new PullJob(pullOptions(store, archive)).start()
    archive.close()

    expect(failed.state).toBe('failed')
    expect(failed.error?.code).toBe('DISK_FULL')
    expect(failed.error?.message).toContain('Free some space')

    const partial = Archive.open(file, { readonly: true })
    const quick = partial.db.pragma('quick_check', { simple: true })
    const before = compareArchive(partial, store, defaultEntities())
    const stored = defaultEntities()
      .filter((entity) => entity !== 'store_settings')
      .reduce((sum, entity) => sum + partial.count(entity), 0)
    partial.close()
    expect(quick).toBe('ok')
    expect(stored).toBeGreaterThan(0)
    // What was saved is exact: nothing extra, nothing garbled, no duplicate.
    for (const entity of before.entities) {
      expect(entity.extra, entity.entity).toEqual([])
      expect(entity.different, entity.entity).toEqual([])
      expect(entity.duplicates, entity.entity).toBe(0)
    }
    const missing = before.entities.reduce((n, e) => n + e.missing.length, 0)
    expect(missing).toBeGreaterThan(0)

    // A new connection has no page limit, as after freeing space.
    const resumed = await pullInto(store, file)
    expect(resumed.error).toBeNull()
    expect(resumed.complete).toBe(true)
    const archiveAfter = Archive.open(file, { readonly: true })
    const after = compareArchive(archiveAfter, store, defaultEntities())
    archiveAfter.close()
    expect(after.problems).toEqual([])
    figures.add('pull on a full disk', {
      recordsSavedBeforeFull: before.compared,
      recordsMissingAtFull: missing,
      recordsComparedAfterResume: after.compared,
    })
  })
})

/** Mounts a tmpfs of `kib` KiB at `dir`; false when this user cannot. */
function mountTmpfs(dir: string, kib: number): boolean {
  mkdirSync(dir, { recursive: true })
  const result = spawnSync('mount', [
    '-t',
    'tmpfs',
    '-o',
    `size=${kib}k`,
    'tmpfs',
    dir,
  ])
  return result.status === 0
}

const canMount =
  process.getuid?.() === 0 &&
  mountTmpfs(join(workDir, 'probe'), 64) &&
  spawnSync('umount', [join(workDir, 'probe')]).status === 0

describe.skipIf(!canMount)(
  'full disk during an export (tmpfs, as root)',
  () => {
    it('reports DISK_FULL, leaves no partial file and the archive unchanged', async () => {
      const archiveFile = copyOf('export-source.db')
      const before = digest(archiveFile)
      const mount = join(workDir, 'small-disk')
      expect(mountTmpfs(mount, 512)).toBe(true)
      try {
        const out = join(mount, 'export')
        const run = await runCli(
          [
            'export',
            '--db',
            archiveFile,
            '--format',
            'csv,ndjson,sqlite',
            '--out',
            out,
          ],
          env,
        )
        expect(run.code).toBe(1)
        expect(run.stderr).toContain('DISK_FULL')
        const files = readdirSync(out, { recursive: true }).map(String)
        expect(files.filter((f) => f.endsWith('.partial'))).toEqual([])
        expect(files).not.toContain('export-summary.json')
        expect(digest(archiveFile)).toBe(before)

        // With room again, the same export completes in the same folder.
        spawnSync('mount', ['-o', 'remount,size=64m', mount])
        const again = await runCli(
          [
            'export',
            '--db',
            archiveFile,
            '--format',
            'csv,ndjson,sqlite',
            '--out',
            out,
          ],
          env,
        )
        expect(again.code, again.stderr).toBe(0)
        expect(readdirSync(out)).toContain('export-summary.json')
        expect(digest(archiveFile)).toBe(before)
        figures.add('export on a full disk', {
          diskKiB: 512,
          filesWrittenAfterSpaceFreed: readdirSync(out, { recursive: true })
            .length,
        })
      } finally {
        spawnSync('umount', [mount])
      }
    })
  },
)

describe('bad archive files on the command line', () => {
  function damaged(): string {
    const file = copyOf('damaged.db')
    const db = new Database(file)
    const pageSize = db.pragma('page_size', { simple: true }) as number
    const pages = db.pragma('page_count', { simple: true }) as number
    db.close()
    const bytes = readFileSync(file)
    for (let page = 10; page < pages; page += 3) {
      bytes.fill(0x5a, page * pageSize, page * pageSize + 64)
    }
    writeFileSync(file, bytes)
    return file
  }

  /** Damages only the last pages, which opening the file does not read. */
  function damagedLate(): string {
    const file = copyOf('damaged-late.db')
    const db = new Database(file)
    const pageSize = db.pragma('page_size', { simple: true }) as number
    const pages = db.pragma('page_count', { simple: true }) as number
    db.close()
    const bytes = readFileSync(file)
    for (let page = pages - 40; page < pages; page++) {
      bytes.fill(0x5a, page * pageSize, page * pageSize + 64)
    }
    writeFileSync(file, bytes)
    return file
  }

  function newer(): string {
    const file = copyOf('newer.db')
    const db = new Database(file)
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`)
    db.close()
    return file
  }

  function notSqlite(): string {
    const file = join(workDir, 'notes.db')
    writeFileSync(file, 'Shop notes, not a database.\n'.repeat(100))
    return file
  }

  const cases: Array<[string, () => string, string, string]> = [
    ['damaged file', damaged, 'ARCHIVE_CORRUPT', 'new archive file'],
    ['file damaged late', damagedLate, 'ARCHIVE_CORRUPT', 'new archive file'],
    ['newer format', newer, 'ARCHIVE_NEWER_VERSION', 'Update the app'],
    ['text file', notSqlite, 'ARCHIVE_CORRUPT', 'new archive file'],
  ]

  for (const [name, make, code, advice] of cases) {
    it(`pull reports a ${name}`, async () => {
      const file = make()
      const before = digest(file)
      const run = await runCli(['pull', '--db', file, '--no-pacing'], env)
      expect(run.code).toBe(1)
      expect(run.stderr).toContain(code)
      expect(run.stderr).toContain(advice)
      expect(digest(file)).toBe(before)
    })

    // NOTE: the export runs no integrity check when it opens an archive, so
    // damage in pages it never reads (search index, free pages) passes.
    it.skipIf(name === 'file damaged late')(
      `export reports a ${name}`,
      async () => {
        const file = make()
        const before = digest(file)
        const out = join(workDir, `out-${code}-${name.replace(/\W/g, '')}`)
        const run = await runCli(
          ['export', '--db', file, '--format', 'csv', '--out', out],
          env,
        )
        expect(run.code).toBe(1)
        expect(run.stderr).toMatch(/ARCHIVE_|EXPORT_ARCHIVE_UNREADABLE/)
        expect(run.stderr.length).toBeGreaterThan(60)
        expect(digest(file)).toBe(before)
      },
    )
  }

  it('pull reports an archive locked by another program', async () => {
    const file = copyOf('locked.db')
    const other = new Database(file)
    other.exec('BEGIN EXCLUSIVE')
    try {
      const run = await runCli(['pull', '--db', file, '--no-pacing'], env)
      expect(run.code).toBe(1)
      expect(run.stderr).toContain('ARCHIVE_LOCKED')
      expect(run.stderr).toContain('Close the other program')
    } finally {
      other.exec('ROLLBACK')
      other.close()
    }
    // Once the other program lets go, the pull runs to the ground truth.
    const run = await runCli(['pull', '--db', file, '--no-pacing'], env)
    expect(run.code, run.stderr).toBe(0)
    const archive = Archive.open(file, { readonly: true })
    const comparison = compareArchive(archive, store, defaultEntities())
    archive.close()
    expect(comparison.problems).toEqual([])
    figures.add('bad files', { filesTried: cases.length * 2 + 1 })
  })
})
