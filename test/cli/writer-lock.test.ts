import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Archive } from '../../src/main/archive/index.ts'
import {
  startDemoStore,
  type DemoStore,
} from '../../src/main/demo-store/index.ts'
import {
  expectMatchesStore,
  tempArchive,
  type TempArchive,
} from '../sync/helpers.ts'

const CLI = [
  '--experimental-strip-types',
  '--no-warnings',
  'src/main/cli/index.ts',
]
const packageVersion = (
  JSON.parse(
    readFileSync(
      resolve(fileURLToPath(import.meta.url), '../../../package.json'),
      'utf8',
    ),
  ) as { version: string }
).version

let store: DemoStore
let temp: TempArchive

beforeAll(async () => {
  // Slow enough that the second command starts while the first pulls.
  store = await startDemoStore({ size: { orders: 600 }, latencyMs: 300 })
  temp = tempArchive()
})

afterAll(async () => {
  await store?.close()
  temp?.remove()
})

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

function storeEnv(): NodeJS.ProcessEnv {
  return {
    PATH: process.env['PATH'],
    HOME: process.env['HOME'],
    THREEDCART_SECURE_URL: store.secureUrl,
    THREEDCART_PRIVATE_KEY: store.privateKey,
    THREEDCART_TOKEN: store.token,
    THREEDCART_API_BASE_URL: store.baseUrl,
  }
}

function start(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [...CLI, ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
}

function finished(child: ChildProcess): Promise<Run> {
  return new Promise((done, fail) => {
    let stdout = ''
    let stderr = ''
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', fail)
    child.on('close', (code) => done({ code, stdout, stderr }))
  })
}

/** Resolves once the pull has printed a progress line with stored records. */
async function firstStoredPage(child: ChildProcess): Promise<void> {
  const lines = createInterface({ input: child.stdout! })
  for await (const line of lines) {
    const progress = JSON.parse(line) as {
      type: string
      entities?: Array<{ done: number }>
    }
    const stored = (progress.entities ?? []).some((entity) => entity.done > 0)
    if (progress.type === 'progress' && stored) return
  }
  throw new Error('The pull ended before it stored a page.')
}

describe('pull writer lock', () => {
  it('rejects a second pull on one archive', async () => {
    const args = ['pull', '--db', temp.file, '--json', '--no-pacing']
    const first = start(args, storeEnv())
    const firstRun = finished(first)
    await firstStoredPage(first)

    const second = await finished(start(args, storeEnv()))
    expect(first.exitCode, 'the first pull ended too soon').toBeNull()
    expect(second.code).toBe(1)
    expect(second.stderr).toContain('error ARCHIVE_LOCKED')
    expect(second.stderr).toContain('Another pull is writing')
    expect(second.stderr).toContain('Wait for it to finish or cancel it')
    expect(second.stderr).not.toContain('unexpected error')

    // Verify only reads, so it runs beside the pull.
    const verify = await finished(
      start(['verify', '--db', temp.file, '--json'], storeEnv()),
    )
    expect(verify.stderr).not.toContain('ARCHIVE_LOCKED')
    expect([0, 5]).toContain(verify.code)

    const firstResult = await firstRun
    expect(firstResult.code, firstResult.stderr).toBe(0)
    const archive = Archive.open(temp.file, { readonly: true })
    try {
      expectMatchesStore(archive, store)
    } finally {
      archive.close()
    }
  })

  it('lets one of two new pulls create the archive', async () => {
    for (let round = 0; round < 3; round++) {
      const file = join(temp.dir, `together-${round}.sqlite`)
      const args = ['pull', '--demo', '--size', 'tiny', '--no-pacing']
      const env = { PATH: process.env['PATH'], HOME: process.env['HOME'] }
      const runs = await Promise.all([
        finished(start([...args, '--db', file], env)),
        finished(start([...args, '--db', file], env)),
      ])
      for (const run of runs) {
        expect(run.stderr).not.toContain('unexpected error')
        if (run.code !== 0) {
          expect(run.code).toBe(1)
          expect(run.stderr).toContain('error ARCHIVE_LOCKED')
        }
      }
      expect(runs.some((run) => run.code === 0)).toBe(true)

      const archive = Archive.open(file, { readonly: true })
      try {
        const writtenBy = archive.db
          .prepare(
            "SELECT value FROM archive_info WHERE key = 'last_written_by'",
          )
          .pluck()
          .get()
        expect(writtenBy).toBe(packageVersion)
      } finally {
        archive.close()
      }
    }
  })
})
