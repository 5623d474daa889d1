import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import {
  chmodSync,
  chownSync,
  mkdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { Archive, SCHEMA_VERSION } from '../../src/main/archive/index.ts'
import { order, records, tempDir } from './helpers.ts'

let folder: { dir: string; cleanup: () => void }

beforeEach(() => {
  folder = tempDir()
})

afterEach(() => {
  folder.cleanup()
})

function openError(file: string, options?: { readonly?: boolean }): unknown {
  try {
    Archive.open(file, options).close()
  } catch (error) {
    return error
  }
  throw new Error(`Archive.open(${file}) succeeded but should have failed`)
}

describe('corrupt and foreign files', () => {
  it('rejects a file that is not SQLite and leaves it alone', () => {
    const file = join(folder.dir, 'notes.sqlite')
    const content = 'These are my shop notes, not a database.\n'.repeat(50)
    writeFileSync(file, content)
    const error = openError(file)
    expect(error).toMatchObject({ code: 'ARCHIVE_CORRUPT' })
    expect((error as Error).message).toContain('notes.sqlite')
    expect((error as Error).message).toContain('new archive file')
    expect(readFileSync(file, 'utf8')).toBe(content)
  })

  it('rejects an archive that fails the integrity check', () => {
    const file = join(folder.dir, 'damaged.sqlite')
    const archive = Archive.open(file)
    archive.upsertPage(
      'orders',
      records(Array.from({ length: 200 }, (_, i) => order(i + 1))),
    )
    archive.db.pragma('wal_checkpoint(TRUNCATE)')
    const pageSize = archive.db.pragma('page_size', { simple: true }) as number
    const pages = archive.db.pragma('page_count', { simple: true }) as number
    archive.close()
    const bytes = readFileSync(file)
    // Overwrites every page after the schema pages with garbage, keeping
    // the header so the file still looks like SQLite.
    for (let page = 10; page < pages; page++) {
      bytes.fill(0x5a, page * pageSize, page * pageSize + 64)
    }
    writeFileSync(file, bytes)
    const error = openError(file)
    expect(error).toMatchObject({ code: 'ARCHIVE_CORRUPT' })
    expect(readFileSync(file).equals(bytes)).toBe(true)
  })

  it('rejects the database of another program', () => {
    const file = join(folder.dir, 'other.sqlite')
    const other = new Database(file)
    other.exec('CREATE TABLE notes (text TEXT)')
    other.close()
    expect(openError(file)).toMatchObject({ code: 'ARCHIVE_FOREIGN' })
  })

  it('names a folder given as the archive file', () => {
    const dir = join(folder.dir, 'somefolder')
    mkdirSync(dir)
    for (const readonly of [false, true]) {
      const error = openError(dir, { readonly })
      expect(error).toMatchObject({ code: 'ARCHIVE_UNWRITABLE' })
      expect((error as Error).message).toContain('is a folder')
    }
  })

  it('rejects a read-only open of a missing file', () => {
    const file = join(folder.dir, 'missing.sqlite')
    expect(openError(file, { readonly: true })).toMatchObject({
      code: 'ARCHIVE_NOT_FOUND',
    })
  })
})

describe('newer archive format', () => {
  it('names both versions and leaves the file unchanged', () => {
    const file = join(folder.dir, 'future.sqlite')
    Archive.open(file, { appVersion: '9.1.0' }).close()
    const db = new Database(file)
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`)
    db.close()
    const before = readFileSync(file)
    const error = openError(file)
    expect(error).toMatchObject({ code: 'ARCHIVE_NEWER_VERSION' })
    const message = (error as Error).message
    expect(message).toContain(`format ${SCHEMA_VERSION + 1}`)
    expect(message).toContain(`up to ${SCHEMA_VERSION}`)
    expect(message).toContain('9.1.0')
    expect(message).toContain('Update the app')
    expect(readFileSync(file).equals(before)).toBe(true)
  })
})

describe('locks held by another program', () => {
  it('reports a lock on a new file', () => {
    const file = join(folder.dir, 'busy.sqlite')
    const other = new Database(file)
    try {
      other.exec('CREATE TABLE held (x)')
      other.exec('BEGIN EXCLUSIVE')
      const error = openError(file)
      expect(error).toMatchObject({ code: 'ARCHIVE_LOCKED' })
      expect((error as Error).message).toContain('busy.sqlite')
      expect((error as Error).message).toContain('Close the other program')
    } finally {
      other.close()
    }
  })

  it('reports a lock taken after opening and writes nothing', () => {
    const file = join(folder.dir, 'store.sqlite')
    const archive = Archive.open(file)
    const other = new Database(file)
    try {
      other.exec('BEGIN EXCLUSIVE')
      expect(() => archive.upsertPage('orders', records([order(1)]))).toThrow(
        expect.objectContaining({ code: 'ARCHIVE_LOCKED' }),
      )
      other.exec('ROLLBACK')
      expect(archive.count('orders')).toBe(0)
      archive.upsertPage('orders', records([order(1)]))
      expect(archive.count('orders')).toBe(1)
    } finally {
      other.close()
      archive.close()
    }
  })
})

describe('full disk', () => {
  it('writes nothing of the page and resumes after space is freed', () => {
    const file = join(folder.dir, 'store.sqlite')
    const archive = Archive.open(file)
    try {
      const runId = archive.startRun('full', ['orders'])
      archive.upsertPage('orders', records([order(1)]), {
        entity: 'orders',
        runId,
        nextOffset: 2,
        received: 1,
        storeCount: 301,
        phase: 'walk',
      })
      const pages = archive.db.pragma('page_count', { simple: true }) as number
      archive.db.pragma(`max_page_count = ${pages + 2}`)
      const big = records(
        Array.from({ length: 300 }, (_, i) =>
          order(i + 2, { InternalComments: 'x'.repeat(2000) }),
        ),
      )
      const checkpoint = {
        entity: 'orders' as const,
        runId,
        nextOffset: 302,
        received: 301,
        storeCount: 301,
        phase: 'walk' as const,
      }
      let error: unknown
      try {
        archive.upsertPage('orders', big, checkpoint)
      } catch (caught) {
        error = caught
      }
      expect(error).toMatchObject({ code: 'DISK_FULL' })
      expect((error as Error).message).toContain('Free some space')
      expect(archive.count('orders')).toBe(1)
      expect(archive.getCheckpoint('orders')?.nextOffset).toBe(2)

      archive.db.pragma('max_page_count = 1073741823')
      archive.upsertPage('orders', big, checkpoint)
      expect(archive.count('orders')).toBe(301)
      expect(archive.getCheckpoint('orders')?.nextOffset).toBe(302)
    } finally {
      archive.close()
    }
  })
})

// Root ignores file modes, so as root the attempt runs in a child process
// under the unprivileged "nobody" user id.
const NOBODY = 65534
const runningAsRoot = process.getuid?.() === 0
const fixture = resolve(
  fileURLToPath(import.meta.url),
  '../fixtures/open-archive.ts',
)

function attemptAsUser(file: string): { ok: boolean; code?: string } {
  if (!runningAsRoot) {
    try {
      const archive = Archive.open(file)
      archive.upsertPage('orders', records([order(1)]))
      archive.close()
      return { ok: true }
    } catch (error) {
      return { ok: false, code: (error as { code?: string }).code }
    }
  }
  const child = spawnSync(process.execPath, [fixture, file], {
    uid: NOBODY,
    gid: NOBODY,
    encoding: 'utf8',
  })
  if (child.status !== 0) throw new Error(`Child failed: ${child.stderr}`)
  return JSON.parse(child.stdout) as { ok: boolean; code?: string }
}

function userFolder(name: string): string {
  const dir = join(folder.dir, name)
  mkdirSync(dir)
  chmodSync(folder.dir, 0o755)
  if (runningAsRoot) chownSync(dir, NOBODY, NOBODY)
  return dir
}

describe.skipIf(process.platform === 'win32')('file permissions', () => {
  it('reports a folder that cannot be written', () => {
    const dir = userFolder('locked-folder')
    chmodSync(dir, 0o555)
    const result = attemptAsUser(join(dir, 'store.sqlite'))
    expect(result).toMatchObject({ ok: false, code: 'ARCHIVE_UNWRITABLE' })
  })

  it('reports a read-only archive file', () => {
    const dir = userFolder('read-only-file')
    const file = join(dir, 'store.sqlite')
    const archive = Archive.open(file)
    archive.close()
    if (runningAsRoot) chownSync(file, NOBODY, NOBODY)
    chmodSync(file, 0o444)
    const result = attemptAsUser(file)
    expect(result).toMatchObject({ ok: false, code: 'ARCHIVE_READ_ONLY' })
  })

  it('writes when the folder allows it', () => {
    const dir = userFolder('open-folder')
    expect(attemptAsUser(join(dir, 'store.sqlite'))).toEqual({ ok: true })
  })
})

describe('integrity check option', () => {
  it('opens a damaged file unchecked, then reports damage on read', () => {
    const file = join(folder.dir, 'damaged.sqlite')
    const archive = Archive.open(file)
    archive.upsertPage(
      'orders',
      records(Array.from({ length: 200 }, (_, i) => order(i + 1))),
    )
    archive.db.pragma('wal_checkpoint(TRUNCATE)')
    const pageSize = archive.db.pragma('page_size', { simple: true }) as number
    const pages = archive.db.pragma('page_count', { simple: true }) as number
    archive.close()
    const bytes = readFileSync(file)
    for (let page = 10; page < pages; page++) {
      bytes.fill(0x5a, page * pageSize, page * pageSize + 64)
    }
    writeFileSync(file, bytes)

    // Depending on which pages the damage hit, opening or reading fails.
    const readAll = (): void => {
      const unchecked = Archive.open(file, {
        readonly: true,
        checkIntegrity: false,
      })
      try {
        for (const id of unchecked.ids('orders')) {
          unchecked.getRaw('orders', id)
        }
      } finally {
        unchecked.close()
      }
    }
    expect(readAll).toThrow(
      expect.objectContaining({ code: 'ARCHIVE_CORRUPT' }),
    )
  })
})
