import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Archive, SCHEMA_VERSION } from '../../src/main/archive/index.ts'
import { order, records, tempDir } from './helpers.ts'

const fixtures = resolve(fileURLToPath(import.meta.url), '../fixtures')
const packageVersion = (
  JSON.parse(
    readFileSync(
      resolve(fileURLToPath(import.meta.url), '../../../package.json'),
      'utf8',
    ),
  ) as { version: string }
).version

let folder: { dir: string; cleanup: () => void }
const children: ChildProcess[] = []

beforeEach(() => {
  folder = tempDir()
})

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL')
  folder.cleanup()
})

function openError(file: string): unknown {
  try {
    Archive.open(file).close()
  } catch (error) {
    return error
  }
  throw new Error(`Archive.open(${file}) succeeded but should have failed`)
}

/** Starts a process that keeps the archive open for writing. */
async function holdWriter(file: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [join(fixtures, 'hold-writer.ts'), file],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  )
  children.push(child)
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const lines = createInterface({ input: child.stdout! })
  for await (const line of lines) {
    if (line === 'ready') return child
  }
  throw new Error(`The writer process ended before it was ready: ${stderr}`)
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve()
  }
  return new Promise((done) => child.once('exit', () => done()))
}

describe('writer lock', () => {
  it('rejects a second writer in another process', async () => {
    const file = join(folder.dir, 'store.sqlite')
    const writer = await holdWriter(file)
    const error = openError(file)
    expect(error).toMatchObject({ code: 'ARCHIVE_LOCKED' })
    const message = (error as Error).message
    expect(message).toContain('Another pull is writing')
    expect(message).toContain('store.sqlite')
    expect(message).toContain('Wait for it to finish or cancel it')
    writer.stdin!.end()
    await exited(writer)
    const archive = Archive.open(file)
    expect(archive.count('orders')).toBe(1)
    archive.close()
  })

  it('lets readers in while a writer holds it', async () => {
    const file = join(folder.dir, 'store.sqlite')
    await holdWriter(file)
    const reader = Archive.open(file, { readonly: true })
    try {
      expect(reader.count('orders')).toBe(1)
      expect(reader.getRaw('orders', 1)).toBe('{"OrderID":1}')
    } finally {
      reader.close()
    }
  })

  it('is free again after the writer is killed', async () => {
    const file = join(folder.dir, 'store.sqlite')
    const writer = await holdWriter(file)
    expect(openError(file)).toMatchObject({ code: 'ARCHIVE_LOCKED' })
    writer.kill('SIGKILL')
    await exited(writer)
    expect(writer.signalCode).toBe('SIGKILL')
    const archive = Archive.open(file)
    try {
      archive.upsertPage('orders', records([order(2)]))
      expect(archive.ids('orders')).toEqual([1, 2])
    } finally {
      archive.close()
    }
  })

  it('rejects a second writer in the same process', () => {
    const file = join(folder.dir, 'store.sqlite')
    const first = Archive.open(file)
    try {
      expect(openError(file)).toMatchObject({ code: 'ARCHIVE_LOCKED' })
    } finally {
      first.close()
    }
    const second = Archive.open(file)
    second.close()
  })

  it('leaves a rejected file without a lock file', () => {
    const file = join(folder.dir, 'notes.sqlite')
    const lockFile = `${file}-writer.lock`
    const content = 'Shop notes, not a database.\n'.repeat(50)
    writeFileSync(file, content)
    expect(openError(file)).toMatchObject({ code: 'ARCHIVE_CORRUPT' })
    expect(existsSync(lockFile)).toBe(false)
  })
})

// Root ignores file modes, so as root the attempt runs in a child process
// under the unprivileged "nobody" user id.
const NOBODY = 65534
const runningAsRoot = process.getuid?.() === 0

describe.skipIf(process.platform === 'win32')('lock file permissions', () => {
  it('rejects a lock file it cannot write', () => {
    const dir = join(folder.dir, 'shared')
    mkdirSync(dir)
    chmodSync(folder.dir, 0o755)
    const file = join(dir, 'store.sqlite')
    Archive.open(file).close()
    if (runningAsRoot) {
      for (const owned of [dir, file]) chownSync(owned, NOBODY, NOBODY)
    }
    chmodSync(`${file}-writer.lock`, 0o444)

    const child = spawnSync(
      process.execPath,
      [join(fixtures, 'open-archive.ts'), file],
      runningAsRoot
        ? { uid: NOBODY, gid: NOBODY, encoding: 'utf8' }
        : { encoding: 'utf8' },
    )
    expect(child.status, child.stderr).toBe(0)
    const result = JSON.parse(child.stdout) as {
      ok: boolean
      code?: string
      message?: string
    }
    expect(result.ok).toBe(false)
    expect(result.code).toBe('ARCHIVE_READ_ONLY')
    expect(result.message).toContain('store.sqlite-writer.lock')
  })
})

describe('migration race', () => {
  it('migrates a new file once when opened together', async () => {
    for (let round = 0; round < 3; round++) {
      const file = join(folder.dir, `race-${round}.sqlite`)
      const startAt = Date.now() + 1500
      const outcomes = await Promise.all(
        Array.from({ length: 3 }, () => openAt(file, startAt)),
      )
      // A connection that waits past the busy timeout (1 s) gets a clean
      // ARCHIVE_LOCKED. Reading the version outside the transaction failed
      // instead with "table archive_info already exists".
      for (const outcome of outcomes) {
        if (!outcome.ok) expect(outcome.code).toBe('ARCHIVE_LOCKED')
      }
      expect(outcomes.some((outcome) => outcome.ok)).toBe(true)
      const archive = Archive.open(file, { readonly: true })
      try {
        const version = archive.db.pragma('user_version', { simple: true })
        expect(version).toBe(SCHEMA_VERSION)
      } finally {
        archive.close()
      }
    }
  })
})

describe('app version', () => {
  it('is recorded by a new archive', () => {
    const file = join(folder.dir, 'store.sqlite')
    const archive = Archive.open(file)
    try {
      const info = new Map(
        (
          archive.db
            .prepare('SELECT key, value FROM archive_info')
            .all() as Array<{ key: string; value: string }>
        ).map((row) => [row.key, row.value]),
      )
      expect(packageVersion).not.toBe('0.0.0')
      expect(info.get('last_written_by')).toBe(packageVersion)
      const migrated = info.get(`migrated_to_${SCHEMA_VERSION}`) ?? ''
      expect(migrated.endsWith(` by ${packageVersion}`)).toBe(true)
    } finally {
      archive.close()
    }
  })
})

interface OpenOutcome {
  ok: boolean
  code?: string
  message?: string
}

function openAt(file: string, startAt: number): Promise<OpenOutcome> {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      [join(fixtures, 'open-at.ts'), file, String(startAt)],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    )
    children.push(child)
    let stdout = ''
    let stderr = ''
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', fail)
    child.on('exit', () => {
      try {
        done(JSON.parse(stdout) as OpenOutcome)
      } catch {
        fail(new Error(`The child printed no outcome: ${stdout} ${stderr}`))
      }
    })
  })
}
