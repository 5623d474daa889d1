/**
 * Figure 1: a full pull of the demo store against the rate-limit floor,
 * once with the real bucket and a realistic latency, and once with the
 * limit off and no latency to show the engine's own cost.
 */
import { join } from 'node:path'
import { Archive } from '../src/main/archive/index.ts'
import { countsForSize } from '../src/main/demo-store/sizes.ts'
import { PullJob } from '../src/main/sync/pull.ts'
import { startDemoServer, stopChild } from './child.ts'
import { runWhenMain } from './direct.ts'
import { floorSeconds, minimalRequests, REAL_BUCKET } from './floor.ts'
import { checkAtMost, timedSection, timeSeconds } from './section.ts'
import { summarize } from './stats.ts'
import type { BenchConfig, Measure, SectionResult } from './types.ts'
import { freshDir, removeDatabase } from './workdir.ts'

interface PullRun {
  seconds: number
  requests: RequestTally
  orders: number
  /** Requests the client retried after a throttle or a network error. */
  retries: number
  /** Seconds from `start()` until the 50th request left, the whole burst. */
  burstSeconds: number | null
  /** Seconds spent in `Archive.upsertPage`, on the pull's one thread. */
  writeSeconds: number
}

type Scenario = 'real' | 'off'

/** Requests one pull sent, by kind, and when each left. */
interface RequestTally {
  total: number
  /** `countonly` requests: totals for progress, end checks, verification. */
  counts: number
  /** Verification reads of the records updated since a walk began. */
  updatedSince: number
  /** Send times in seconds from the start of counting, in order. */
  sentAt: number[]
}

/**
 * Counts the HTTP requests this process sends while `work` runs. The pull
 * engine sends every API request through the global `fetch`.
 */
async function countingRequests<T>(
  work: () => Promise<T>,
): Promise<{ result: T; requests: RequestTally }> {
  const original = globalThis.fetch
  const started = performance.now()
  const requests: RequestTally = {
    total: 0,
    counts: 0,
    updatedSince: 0,
    sentAt: [],
  }
  globalThis.fetch = (...args: Parameters<typeof fetch>) => {
    const query = new URL(String(args[0])).searchParams
    requests.total += 1
    if (query.get('countonly') === '1') requests.counts += 1
    else if (query.has('lastupdatestart')) requests.updatedSince += 1
    requests.sentAt.push((performance.now() - started) / 1000)
    return original(...args)
  }
  try {
    return { result: await work(), requests }
  } finally {
    globalThis.fetch = original
  }
}

/** Wraps `archive.upsertPage` to sum the seconds its calls take. */
function timingWrites(archive: Archive): { seconds: number } {
  const total = { seconds: 0 }
  const upsertPage = archive.upsertPage.bind(archive)
  archive.upsertPage = (...args: Parameters<Archive['upsertPage']>) => {
    const started = performance.now()
    try {
      return upsertPage(...args)
    } finally {
      total.seconds += (performance.now() - started) / 1000
    }
  }
  return total
}

/**
 * Pulls a freshly started demo store into a new archive once. The store
 * runs as its own process, as the real API is not in the app's process.
 */
async function pullOnce(
  config: BenchConfig,
  scenario: Scenario,
  file: string,
): Promise<PullRun> {
  const latency = scenario === 'real' ? config.pullLatencyMs : 0
  const server = await startDemoServer([
    '--size',
    String(config.pullOrders),
    '--rate-limit',
    scenario,
    '--latency',
    String(latency),
  ])
  removeDatabase(file)
  const archive = Archive.open(file)
  try {
    const job = new PullJob({
      archive,
      baseUrl: server.baseUrl,
      credentials: {
        secureUrl: server.secureUrl,
        privateKey: server.privateKey,
        token: server.token,
      },
      ...(scenario === 'off' ? { pacing: 'off' as const } : {}),
    })
    let outcome: Awaited<ReturnType<PullJob['start']>> | undefined
    let seconds = 0
    const writes = timingWrites(archive)
    const { requests } = await countingRequests(async () => {
      seconds = await timeSeconds(async () => {
        outcome = await job.start()
      })
    })
    if (outcome?.state !== 'completed' || !outcome.complete) {
      throw new Error(
        `The pull ended ${outcome?.state ?? 'without a result'}: ` +
          (outcome?.error?.message ?? 'counts did not match the store'),
      )
    }
    return {
      seconds,
      requests,
      orders: archive.count('orders'),
      retries: job.progress().retries,
      burstSeconds: requests.sentAt[REAL_BUCKET.burst - 1] ?? null,
      writeSeconds: writes.seconds,
    }
  } finally {
    archive.close()
    await stopChild(server.process)
    removeDatabase(file)
  }
}

/** Seconds until the 50th request of the limited runs left. */
function burstMeasure(runs: PullRun[]): Measure {
  const label = 'Time until the burst was spent (50th request), real limit'
  const seconds = runs
    .map((run) => run.burstSeconds)
    .filter((value): value is number => value !== null)
  if (seconds.length === 0) {
    return { label, unit: 's', notMeasured: 'fewer than 50 requests sent' }
  }
  return { label, unit: 's', summary: summarize(seconds) }
}

async function measurePulls(config: BenchConfig): Promise<SectionResult> {
  return timedSection(async () => {
    const dir = freshDir(config.workDir, 'pull')
    const file = join(dir, 'pull.sqlite')
    // The floor counts the same store the pull reads: the generator's
    // entity counts for this number of orders.
    const counts = countsForSize({ orders: config.pullOrders })
    const needed = minimalRequests(counts)
    const floor = floorSeconds(needed)
    if (floor === 0) {
      throw new Error(
        `A store of ${config.pullOrders} orders needs ${needed} requests, ` +
          'within the burst of 50, so its floor is 0 s; use a larger store',
      )
    }
    const real: PullRun[] = []
    const off: PullRun[] = []
    for (let run = 0; run < config.pullRuns; run += 1) {
      real.push(await pullOnce(config, 'real', file))
      off.push(await pullOnce(config, 'off', file))
    }
    const sent = real[0]!.requests.total
    const realSeconds = summarize(real.map((r) => r.seconds))
    const offSeconds = summarize(off.map((r) => r.seconds))
    const realRatio = summarize(real.map((r) => r.seconds / floor))
    const offRatio = summarize(off.map((r) => r.seconds / floor))
    const measures: Measure[] = [
      { label: 'Store size', unit: 'orders', value: config.pullOrders },
      {
        label: 'Requests needed at maximum page size',
        unit: '',
        value: needed,
      },
      { label: 'Requests the pull sent', unit: '', value: sent },
      {
        label: 'Count requests among them',
        unit: '',
        value: real[0]!.requests.counts,
      },
      {
        label: 'Reads of records updated since a walk began',
        unit: '',
        value: real[0]!.requests.updatedSince,
      },
      { label: 'Rate-limit floor', unit: 's', value: floor },
      {
        label: 'Floor for the requests actually sent',
        unit: 's',
        value: floorSeconds(sent),
      },
      {
        label: `Wall time, real limit, ${config.pullLatencyMs} ms latency`,
        unit: 's',
        summary: realSeconds,
      },
      { label: 'Wall time ÷ floor, real limit', unit: '×', summary: realRatio },
      burstMeasure(real),
      {
        label: 'Time storing pages (Archive.upsertPage), real limit',
        unit: 's',
        summary: summarize(real.map((r) => r.writeSeconds)),
      },
      {
        label: 'Wall time, limit off, 0 ms latency',
        unit: 's',
        summary: offSeconds,
      },
      { label: 'Wall time ÷ floor, limit off', unit: '×', summary: offRatio },
      {
        label: 'Retried requests per pull, real limit',
        unit: '',
        summary: summarize(real.map((r) => r.retries)),
      },
      {
        label: 'Retried requests per pull, limit off',
        unit: '',
        summary: summarize(off.map((r) => r.retries)),
      },
      {
        label: 'Orders stored per second, limit off',
        unit: 'orders/s',
        summary: summarize(off.map((r) => r.orders / r.seconds)),
      },
    ]
    return {
      key: 'pull',
      title: '1. Pull versus the rate-limit floor',
      method:
        'Each run starts `cli demo-server` on 127.0.0.1 as a child process, ' +
        `with ${config.pullOrders.toLocaleString('en-US')} orders and every other ` +
        'default-selected entity in proportion (seed 1). A full `PullJob` ' +
        'in the benchmark process reads it into a new archive, timed from ' +
        '`start()` until the pull completes and its counts match the store. ' +
        'The floor is max(0, requests − 50) / 2 seconds, where requests is ' +
        'one per page at the maximum page size plus one for StoreSettings. ' +
        'The limited runs use the real bucket (burst 50, 2 per second) and ' +
        `${config.pullLatencyMs} ms of added latency per request with the ` +
        "client's default pacing. The unlimited runs turn both the store's " +
        "limit and the client's pacing off and add no latency.",
      measures,
      targets: [
        checkAtMost(
          'Full pull with the real rate limit ≤ 1.10 × floor',
          realRatio.median,
          1.1,
          (value) => `${value.toFixed(3)}× the floor`,
        ),
      ],
      notes: [
        'Beyond one request per page, the pull sends three kinds of extra ' +
          'request. A count goes with the second page of each large ' +
          'entity, for the ETA and to end its walk without a request past ' +
          'the end. A count follows a short page of a round size, which ' +
          'could be a lower page cap, unless a full page of that size came ' +
          'back earlier in the pull. Verification reads the records updated ' +
          'since each large walk began and counts each large entity again.' +
          ' Each page after the first re-reads the previous page’s ' +
          'last record to detect deletions, so a list can take one page more ' +
          'than the floor counts.',
        'While the burst lasts, requests wait for pages to be stored rather ' +
          'than for the bucket. The time until the 50th request and the time ' +
          'spent in `upsertPage` show how much. The bucket refills during ' +
          'that time, so it costs wall time only when storing stays slower ' +
          'than 2 pages per second.',
      ],
    }
  })
}

export { measurePulls }

runWhenMain(import.meta.url, measurePulls)
