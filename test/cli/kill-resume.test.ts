import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
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
const KILLS = process.env['RELIABILITY_LONG'] === '1' ? 24 : 5

let store: DemoStore
let temp: TempArchive

beforeAll(async () => {
  store = await startDemoStore({ size: { orders: 3_000 }, latencyMs: 15 })
  temp = tempArchive()
})

afterAll(async () => {
  await store?.close()
  temp?.remove()
})

function cliEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    THREEDCART_SECURE_URL: store.secureUrl,
    THREEDCART_PRIVATE_KEY: store.privateKey,
    THREEDCART_TOKEN: store.token,
    THREEDCART_API_BASE_URL: store.baseUrl,
  }
}

/**
 * Runs `pull` and kills it with SIGKILL after `killAfter` progress lines,
 * or lets it finish when `killAfter` is null. Resolves with the exit code
 * (null when killed) and the number of lines seen.
 */
function runPull(
  killAfter: number | null,
): Promise<{ code: number | null; lines: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...CLI, 'pull', '--db', temp.file, '--json', '--no-pacing'],
      { env: cliEnv(), stdio: ['ignore', 'pipe', 'pipe'] },
    )
    let lines = 0
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    createInterface({ input: child.stdout }).on('line', () => {
      lines++
      if (killAfter !== null && lines === killAfter) child.kill('SIGKILL')
    })
    child.on('error', reject)
    child.on('close', (code) => {
      if (code !== null && code !== 0) {
        reject(new Error(`pull exited with ${code}: ${stderr}`))
        return
      }
      resolve({ code, lines })
    })
  })
}

function runVerify(): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...CLI, 'verify', '--db', temp.file, '--json'],
      { env: cliEnv(), stdio: ['ignore', 'pipe', 'inherit'] },
    )
    let stdout = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout }))
  })
}

describe('pull killed with SIGKILL', () => {
  it(
    `ends equal to the store after ${KILLS} kills`,
    async () => {
      let killed = 0
      for (let i = 0; i < KILLS; i++) {
        // Spread the kills over the walk: early, mid-page and late.
        const killAfter = 3 + ((i * 11) % 40)
        const run = await runPull(killAfter)
        if (run.code === null) killed++
      }
      expect(killed).toBe(KILLS)
      const final = await runPull(null)
      expect(final.code).toBe(0)

      const archive = Archive.open(temp.file)
      try {
        expectMatchesStore(archive, store)
        const orderRows = archive.db
          .prepare(
            'SELECT count(*) AS rows, count(DISTINCT id) AS ids FROM orders',
          )
          .get() as { rows: number; ids: number }
        expect(orderRows.rows).toBe(orderRows.ids)
        expect(orderRows.rows).toBe(store.count('orders'))
        // Each killed run is closed as interrupted when the next one starts.
        const statuses = archive.db
          .prepare('SELECT status, summary FROM sync_runs ORDER BY id')
          .all() as Array<{ status: string; summary: string | null }>
        expect(statuses.filter((r) => r.status === 'running')).toEqual([])
        const interrupted = statuses.filter(
          (r) => r.summary === '{"interrupted":true}',
        )
        expect(interrupted).toHaveLength(KILLS)
        expect(statuses.at(-1)?.status).toBe('completed')
      } finally {
        archive.close()
      }

      const verify = await runVerify()
      expect(verify.code).toBe(0)
      const report = JSON.parse(verify.stdout) as { complete: boolean }
      expect(report.complete).toBe(true)
    },
    KILLS * 20_000 + 60_000,
  )
})
