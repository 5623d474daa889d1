import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { EntityKey } from '../../src/shared/entities.ts'
import type { PullStatus } from '../../src/shared/ipc/channels/wizard.ts'
import {
  startDemoStore,
  type DemoStore,
} from '../../src/main/demo-store/index.ts'
import { archivePathFor } from '../../src/main/platform/paths.ts'
import { PullManager } from '../../src/main/pull-manager/manager.ts'

const CLI = [
  '--experimental-strip-types',
  '--no-warnings',
  'src/main/cli/index.ts',
]
const ENTITIES: EntityKey[] = ['store_settings', 'customers', 'orders']
const STORE_ID = 'cli-store'

let dir: string
/** The store of the wizard's pulls. */
let store: DemoStore
/**
 * The same store (same size and seed, so the same records) responding to each
 * request a second late, so that the wizard starts while the command-line
 * pull runs.
 */
let slowStore: DemoStore
let cliPull: ChildProcess | null = null

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pull-manager-lock-'))
  store = await startDemoStore({ size: { orders: 2000 }, seed: 3 })
  slowStore = await startDemoStore({
    size: { orders: 2000 },
    seed: 3,
    latencyMs: 1000,
  })
})

afterEach(async () => {
  cliPull?.kill('SIGKILL')
  cliPull = null
  await store.close()
  await slowStore.close()
  rmSync(dir, { recursive: true, force: true })
})

function managerFor(events: PullStatus[]): PullManager {
  return new PullManager({
    userDataDir: dir,
    emit: (status) => events.push(status),
    connect: async () => ({
      baseUrl: store.baseUrl,
      credentials: {
        secureUrl: store.secureUrl,
        privateKey: store.privateKey,
        token: store.token,
      },
      pacing: { burst: 1000, perSecond: 1000 },
    }),
    onCompleted: () => {},
  })
}

/**
 * Starts a CLI pull from the slow store into the file. Resolves once it
 * has stored a page, with a promise of its exit code (wrapped, because a
 * promise resolved with a promise would wait for it).
 */
function startCliPull(file: string): Promise<{ exit: Promise<number | null> }> {
  const child = spawn(
    process.execPath,
    [
      ...CLI,
      'pull',
      '--db',
      file,
      '--entities',
      ENTITIES.join(','),
      '--json',
      '--no-pacing',
    ],
    {
      env: {
        PATH: process.env['PATH'],
        HOME: process.env['HOME'],
        THREEDCART_SECURE_URL: slowStore.secureUrl,
        THREEDCART_PRIVATE_KEY: slowStore.privateKey,
        THREEDCART_TOKEN: slowStore.token,
        THREEDCART_API_BASE_URL: slowStore.baseUrl,
      },
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  )
  cliPull = child
  const exit = new Promise<number | null>((done) =>
    child.on('close', (code) => done(code)),
  )
  return new Promise((resolve, reject) => {
    // Reads every line, so that the pull never blocks on a full pipe.
    createInterface({ input: child.stdout }).on('line', (line) => {
      const progress = JSON.parse(line) as {
        entities?: Array<{ done: number }>
      }
      if ((progress.entities ?? []).some((entity) => entity.done > 0)) {
        resolve({ exit })
      }
    })
    void exit.then((code) =>
      reject(new Error(`The command-line pull ended (${code}) too soon.`)),
    )
  })
}

function until(
  events: PullStatus[],
  test: (status: PullStatus) => boolean,
): Promise<PullStatus> {
  return new Promise((resolve) => {
    const check = (): void => {
      const found = events.find(test)
      if (found) resolve(found)
      else setTimeout(check, 20)
    }
    check()
  })
}

describe('PullManager writer lock', () => {
  it('shows a command-line pull holding the archive', async () => {
    const file = archivePathFor(dir, STORE_ID)
    mkdirSync(dirname(file), { recursive: true })
    const { exit: cliExit } = await startCliPull(file)

    const events: PullStatus[] = []
    const manager = managerFor(events)
    await manager.start(STORE_ID, ENTITIES, false)
    const failed = await until(events, (s) => s.state === 'failed')
    expect(cliPull?.exitCode, 'the command-line pull ended too soon').toBe(null)
    const error = failed.errors[0]
    expect(error?.code).toBe('ARCHIVE_LOCKED')
    expect(error?.message).toContain('Another pull is writing')
    expect(error?.message).toContain('Wait for it to finish or cancel it')
    expect(error?.advice).toContain('Continue copying')

    // Once the command-line pull is cancelled, the wizard's pull resumes
    // from its checkpoints.
    cliPull?.kill('SIGINT')
    expect(await cliExit).toBe(130)
    events.length = 0
    await manager.start(STORE_ID, ENTITIES, false)
    const completed = await until(events, (s) => s.finishedAt !== null)
    expect(completed.state).toBe('completed')
    expect(completed.errors).toEqual([])
    for (const row of completed.verification ?? []) {
      expect(row.stored, `stored ${row.entity}`).toBe(row.expected)
    }
    expect(completed.verification?.length).toBe(ENTITIES.length)
    await manager.dispose()
  })
})
