/**
 * Pulls from a demo store that fails a share of its requests with each
 * fault profile: empty 500s, HTML 502 pages, truncated JSON, connection
 * resets, stalled replies and throttle storms. The archive must still
 * equal the store's ground truth record for record. The pull
 * engine's own tests run each profile once at 15% on a small store
 * (test/sync/pull-faults.test.ts); these run each at 30% over several
 * seeds, count the faults injected, and add 503 throttling with
 * Retry-After and all seven profiles at once.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { Archive } from '../../src/main/archive/index.ts'
import {
  startDemoStore,
  type DemoStoreOptions,
  type FaultProfile,
} from '../../src/main/demo-store/index.ts'
import { defaultEntities } from '../../src/main/sync/pull.ts'
import { FigureLog, LONG } from './support/figures.ts'
import { countInjectedFaults, total } from './support/faults.ts'
import { compareArchive } from './support/ground-truth.ts'
import { pullInto } from './support/pull.ts'

const REQUEST_FAULTS: FaultProfile[] = [
  'empty-500',
  'html-502',
  'truncated-json',
  'reset',
  'slow',
  'throttle-storm',
]
const RATE = 0.3
const SEEDS = LONG ? [11, 12, 13, 14, 15, 16, 17, 18] : [11, 12]
const SIZE = LONG ? 'small' : 'tiny'

const figures = new FigureLog('faults')
const workDir = mkdtempSync(join(tmpdir(), 'reliability-faults-'))

afterAll(() => {
  figures.write()
  rmSync(workDir, { recursive: true, force: true })
})

async function pullWithFaults(
  name: string,
  profiles: FaultProfile[],
  seed: number,
  size: 'tiny' | 'small' = SIZE,
  extra: Partial<DemoStoreOptions> = {},
) {
  const store = await startDemoStore({
    ...extra,
    size,
    seed,
    faults: profiles,
    faultRate: RATE,
    // Longer than the client's timeout below, so a stalled reply times out.
    slowMs: 1_500,
  })
  try {
    const file = join(workDir, `${name}-${seed}.db`)
    const result = await pullInto(store, file, { timeoutMs: 400 })
    const archive = Archive.open(file, { readonly: true })
    try {
      const comparison = compareArchive(archive, store, defaultEntities())
      const faults = countInjectedFaults(
        profiles,
        RATE,
        seed,
        store.requestCount(),
      )
      return { result, comparison, faults, requests: store.requestCount() }
    } finally {
      archive.close()
    }
  } finally {
    await store.close()
  }
}

describe.each(REQUEST_FAULTS)('fault profile %s', (profile) => {
  it.each(SEEDS)('pull matches ground truth, seed %i', async (seed) => {
    const run = await pullWithFaults(profile, [profile], seed)

    expect(run.result.error).toBeNull()
    expect(run.result.state).toBe('completed')
    expect(run.result.complete).toBe(true)
    expect(run.comparison.problems).toEqual([])
    expect(run.comparison.compared).toBeGreaterThan(100)
    // The profile really fired at about the configured share of requests.
    expect(total(run.faults)).toBeGreaterThan(0)
    figures.add(`${profile} seed ${seed}`, {
      requests: run.requests,
      faultsInjected: total(run.faults),
      faultRate: RATE,
      recordsCompared: run.comparison.compared,
    })
  })
})

describe('throttling', () => {
  it('503 storms with Retry-After match ground truth', async () => {
    const run = await pullWithFaults(
      'storm-503',
      ['throttle-storm'],
      23,
      SIZE,
      {
        throttleStatus: 503,
        retryAfterSeconds: 0,
      },
    )

    expect(run.result.error).toBeNull()
    expect(run.result.complete).toBe(true)
    expect(run.comparison.problems).toEqual([])
    expect(total(run.faults)).toBeGreaterThan(0)
    figures.add('throttle-storm as 503 with Retry-After, seed 23', {
      requests: run.requests,
      faultsInjected: total(run.faults),
      faultRate: RATE,
      recordsCompared: run.comparison.compared,
    })
  })
})

describe('every fault profile at once', () => {
  it('pull matches ground truth', async () => {
    const profiles: FaultProfile[] = [...REQUEST_FAULTS, 'changes']
    const run = await pullWithFaults('all', profiles, 21, 'small', {
      maxChanges: 20,
    })

    expect(run.result.error).toBeNull()
    expect(run.result.complete).toBe(true)
    expect(run.comparison.problems).toEqual([])
    expect(Object.keys(run.faults).length).toBeGreaterThanOrEqual(3)
    figures.add('all seven profiles, small store, seed 21', {
      requests: run.requests,
      faultsInjected: total(run.faults),
      faultKinds: Object.entries(run.faults)
        .map(([kind, count]) => `${kind} ${count}`)
        .join(', '),
      faultRate: RATE,
      recordsCompared: run.comparison.compared,
    })
  })
})
