/**
 * Kills a command-line pull with SIGKILL at seeded random points,
 * restarting it each time, and checks that the last run ends equal to the
 * store's ground truth. Exports and image downloads: crash-export.test.ts.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Archive } from '../../src/main/archive/index.ts'
import {
  startDemoStore,
  type DemoStore,
} from '../../src/main/demo-store/index.ts'
import { defaultEntities } from '../../src/main/sync/pull.ts'
import {
  KILLS,
  KILL_TIMEOUT_MS,
  killDelayMs,
  runCli,
  seededRandom,
  timeRun,
} from './support/cli.ts'
import { FigureLog } from './support/figures.ts'
import { compareArchive } from './support/ground-truth.ts'

const figures = new FigureLog('crash-pull')
const workDir = mkdtempSync(join(tmpdir(), 'reliability-crash-pull-'))
let store: DemoStore
let env: Record<string, string>

beforeAll(async () => {
  // The store runs in this process, so it outlives every killed child.
  store = await startDemoStore({ size: 'small', seed: 41 })
  env = {
    THREEDCART_API_BASE_URL: store.baseUrl,
    THREEDCART_SECURE_URL: store.secureUrl,
    THREEDCART_PRIVATE_KEY: store.privateKey,
    THREEDCART_TOKEN: store.token,
  }
})

afterAll(async () => {
  figures.write()
  await store.close()
  rmSync(workDir, { recursive: true, force: true })
})

/** Runs SQLite's own consistency check on a file left by a killed run. */
function quickCheck(file: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true })
  try {
    return db.pragma('quick_check', { simple: true }) as string
  } finally {
    db.close()
  }
}

/**
 * Reads the state of the archive's last run. A kill before the schema was
 * created leaves an empty SQLite file, which only a pull may upgrade.
 */
function lastRunStatus(file: string): string {
  let archive: Archive
  try {
    archive = Archive.open(file, { readonly: true })
  } catch (error) {
    if ((error as { code?: string }).code === 'ARCHIVE_NEEDS_UPGRADE') {
      return 'not started'
    }
    throw error
  }
  try {
    return archive.lastRun()?.status ?? 'not started'
  } finally {
    archive.close()
  }
}

describe('SIGKILL during a pull', () => {
  it(
    `resumes after ${KILLS} kills to the ground truth`,
    async () => {
      const file = join(workDir, 'pull.db')
      const random = seededRandom(4242)
      const args = ['pull', '--db', file, '--no-pacing']
      // An uninterrupted pull into a scratch file sets the span of the kills.
      const scratch = join(workDir, 'timing.db')
      const timing = await timeRun(
        ['pull', '--db', scratch, '--no-pacing'],
        env,
      )
      expect(timing.run.code, timing.run.stderr).toBe(0)
      let kills = 0
      let finished = 0
      let midPull = 0
      for (let attempt = 0; kills < KILLS && attempt < KILLS * 3; attempt++) {
        const delay = killDelayMs(random, timing.elapsedMs)
        const run = await runCli(args, env, delay)
        if (run.killed) {
          kills++
          if (existsSync(file)) {
            expect(quickCheck(file), `after kill ${kills}`).toBe('ok')
            if (lastRunStatus(file) === 'running') midPull++
          }
        } else {
          expect(run.code, run.stderr).toBe(0)
          finished++
        }
      }
      expect(kills).toBe(KILLS)

      const last = await runCli(args, env)
      expect(last.code, last.stderr).toBe(0)
      const archive = Archive.open(file, { readonly: true })
      try {
        expect(quickCheck(file)).toBe('ok')
        const comparison = compareArchive(archive, store, defaultEntities())
        expect(comparison.problems).toEqual([])
        expect(comparison.compared).toBeGreaterThan(1_000)
        figures.add('pull', {
          kills,
          killsDuringARun: midPull,
          runsThatFinishedBeforeTheKill: finished,
          recordsCompared: comparison.compared,
        })
      } finally {
        archive.close()
      }
    },
    KILL_TIMEOUT_MS,
  )
})
