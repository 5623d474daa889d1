import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { chmodSync, chownSync, existsSync, mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Archive } from '../../src/main/archive/index.ts'
import { order, records, tempDir } from '../archive/helpers.ts'

// Root ignores file modes, so as root the export runs in a child process
// under the unprivileged "nobody" user id.
const NOBODY = 65534
const runningAsRoot = process.getuid?.() === 0
const cli = resolve(
  fileURLToPath(import.meta.url),
  '../../../src/main/cli/index.ts',
)

let folder: { dir: string; cleanup: () => void }

beforeEach(() => {
  folder = tempDir()
  chmodSync(folder.dir, 0o755)
})

afterEach(() => {
  for (const name of ['archive-folder', 'out']) {
    const dir = join(folder.dir, name)
    if (existsSync(dir)) chmodSync(dir, 0o755)
  }
  folder.cleanup()
})

function exportAsUser(db: string, out: string) {
  return spawnSync(
    process.execPath,
    [
      '--experimental-strip-types',
      '--no-warnings',
      cli,
      'export',
      '--db',
      db,
      '--format',
      'ndjson',
      '--out',
      out,
    ],
    {
      encoding: 'utf8',
      env: { ...process.env, HOME: folder.dir },
      ...(runningAsRoot ? { uid: NOBODY, gid: NOBODY } : {}),
    },
  )
}

describe.skipIf(process.platform === 'win32')('export read-only folder', () => {
  it('names the folder, not a lock', () => {
    const archiveFolder = join(folder.dir, 'archive-folder')
    mkdirSync(archiveFolder)
    const file = join(archiveFolder, 'store.sqlite')
    const archive = Archive.open(file)
    archive.upsertPage('orders', records([order(1)]))
    archive.close()
    // SQLite removes the -wal and -shm files when the last connection
    // closes, so a reader has to create them again beside the archive.
    expect(existsSync(`${file}-shm`)).toBe(false)
    chmodSync(file, 0o644)
    // Owned by root, the folder is read-only for "nobody" anyway.
    if (!runningAsRoot) chmodSync(archiveFolder, 0o555)

    const out = join(folder.dir, 'out')
    mkdirSync(out)
    if (runningAsRoot) chownSync(out, NOBODY, NOBODY)

    const child = exportAsUser(file, join(out, 'export'))
    expect(child.status).toBe(1)
    expect(child.stderr).toContain('error ARCHIVE_READ_ONLY:')
    expect(child.stderr).toContain('folder')
    expect(child.stderr).not.toContain('locked')
  })
})
