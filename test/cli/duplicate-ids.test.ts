/**
 * The command line against a demo store that lists some ids twice, on
 * adjacent rows or after the last record: `pull` and `verify` exit 0, as
 * for any complete pull, and print the repeated ids.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  startDemoStore,
  type DemoStore,
} from '../../src/main/demo-store/index.ts'
import type { PullResult } from '../../src/main/sync/pull.ts'
import type { VerifyReport } from '../../src/main/sync/verify.ts'
import { runCli, type CliRun } from '../reliability/support/cli.ts'
import { tempArchive, type TempArchive } from '../sync/helpers.ts'

const ENTITIES = 'orders,customers,manufacturers'

let store: DemoStore
let temp: TempArchive

beforeAll(async () => {
  store = await startDemoStore({ size: 'tiny', faults: ['duplicate-ids'] })
  temp = tempArchive()
})

afterAll(async () => {
  await store?.close()
  temp?.remove()
})

/** Runs the command line against the demo store. */
function cli(args: string[]): Promise<CliRun> {
  return runCli(args, {
    THREEDCART_SECURE_URL: store.secureUrl,
    THREEDCART_PRIVATE_KEY: store.privateKey,
    THREEDCART_TOKEN: store.token,
    THREEDCART_API_BASE_URL: store.baseUrl,
  })
}

/** Parses the `{"type":"result"}` line of `pull --json`. */
function resultLine(stdout: string): PullResult {
  const line = stdout
    .split('\n')
    .find((text) => text.startsWith('{"type":"result"'))
  if (!line) throw new Error(`no result line in: ${stdout.slice(-500)}`)
  return JSON.parse(line) as PullResult
}

describe('commands on a store that lists ids twice', () => {
  it('pull --json exits 0 with the repeats', async () => {
    const run = await cli([
      'pull',
      '--db',
      temp.file,
      '--entities',
      ENTITIES,
      '--no-pacing',
      '--json',
    ])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const result = resultLine(run.stdout)
    expect(result.state).toBe('completed')
    expect(result.complete).toBe(true)
    for (const row of result.entities) {
      const twice = store.listedTwice(row.entity)
      expect(row.complete, `${row.entity} complete`).toBe(true)
      expect(row.duplicateListings?.sample).toEqual(twice)
      expect(row.storeCount).toBe(store.count(row.entity) + twice.length)
    }
  })

  it('pull prints the repeated ids', async () => {
    const run = await cli([
      'pull',
      '--db',
      temp.file,
      '--entities',
      ENTITIES,
      '--no-pacing',
    ])
    expect(run.code).toBe(0)
    const twice = store.listedTwice('orders').map(String)
    const message = run.stdout
      .split('\n')
      .find((line) => line.trim().startsWith('Orders: the store lists'))
    expect(message, 'orders message').toBeDefined()
    for (const id of twice) expect(message).toContain(id)
    expect(message).toContain('another pull will not change this')
    expect(run.stdout).not.toContain('INCOMPLETE')
    expect(run.stdout).not.toContain('kept changing')
  })

  it('verify exits 0 and names the repeats', async () => {
    const run = await cli(['verify', '--db', temp.file])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('Customers: the store lists 3 records twice')
    expect(run.stdout).not.toContain('INCOMPLETE')
  })

  it('pull --demo shows the fault', async () => {
    const demo = tempArchive()
    try {
      const run = await cli([
        'pull',
        '--db',
        demo.file,
        '--demo',
        '--size',
        'tiny',
        '--faults',
        'duplicate-ids',
        '--entities',
        'orders',
        '--no-pacing',
      ])
      expect(run.code).toBe(0)
      expect(run.stdout).toMatch(/Orders +24 of 27 +complete/)
      expect(run.stdout).toContain('Orders: the store lists 3 records twice')
    } finally {
      demo.remove()
    }
  })

  it('pull --demo completes with ids listed later', async () => {
    const demo = tempArchive()
    try {
      const run = await cli([
        'pull',
        '--db',
        demo.file,
        '--demo',
        '--size',
        'small',
        '--faults',
        'duplicate-ids-later',
        '--entities',
        'orders,customers',
        '--no-pacing',
      ])
      expect(run.code).toBe(0)
      expect(run.stdout).toMatch(/Orders +500 of 503 +complete/)
      expect(run.stdout).toMatch(/Customers +300 of 303 +complete/)
      expect(run.stdout).toContain('Orders: the store lists 3 records twice')
      expect(run.stdout).not.toContain('kept changing')
    } finally {
      demo.remove()
    }
  })

  it('pull rejects --faults without --demo', async () => {
    const run = await cli([
      'pull',
      '--db',
      temp.file,
      '--faults',
      'duplicate-ids',
    ])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('--faults applies only with --demo.')
  })

  it('pull rejects an unknown fault', async () => {
    const run = await cli([
      'pull',
      '--db',
      temp.file,
      '--demo',
      '--faults',
      'x',
    ])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('Unknown fault profile "x"')
  })

  it('verify --json carries the repeats', async () => {
    const run = await cli(['verify', '--db', temp.file, '--json'])
    expect(run.code).toBe(0)
    const report = JSON.parse(run.stdout) as VerifyReport
    expect(report.complete).toBe(true)
    const orders = report.entities.find((row) => row.entity === 'orders')
    expect(orders?.duplicateListings?.ids).toBe(3)
    expect(orders?.duplicateListings?.sample).toEqual(
      store.listedTwice('orders'),
    )
  })
})
