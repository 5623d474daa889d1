/**
 * The demo store's `large` size as its own figure: time from spawning
 * `cli demo-server --size large` to its address line, and its peak
 * resident memory after a few pages against after many more pages spread
 * over the whole orders list.
 */
import { runWhenMain } from './direct.ts'
import {
  procPeakKiB,
  startDemoServer,
  stopChild,
  type DemoServer,
} from './child.ts'
import { randomInt, seededRandom } from './random.ts'
import { checkAtMost, timedSection } from './section.ts'
import { summarize } from './stats.ts'
import type {
  BenchConfig,
  Measure,
  SectionResult,
  TargetCheck,
} from './types.ts'

/** Orders in the `large` preset of the demo store. */
const LARGE_ORDERS = 200_000
const ORDERS_PAGE = 300
const WARM_PAGES = 20
const MORE_PAGES = 60
/** "Starts in seconds", checked as at most 10 s to the address line. */
const START_BOUND_S = 10
/** Peak after all pages at most 1.10 times the peak after the warm-up pages. */
const GROWTH_BOUND = 1.1

async function fetchOrdersPage(
  server: DemoServer,
  offset: number,
): Promise<void> {
  const response = await fetch(
    `${server.baseUrl}/Orders?limit=${ORDERS_PAGE}&offset=${offset}`,
    {
      headers: {
        SecureUrl: server.secureUrl,
        PrivateKey: server.privateKey,
        Token: server.token,
      },
    },
  )
  await response.text()
  if (response.status !== 200) {
    throw new Error(
      `The demo store returned ${response.status} for offset ${offset}`,
    )
  }
}

interface LargeRun {
  startSeconds: number
  warmKiB: number
  afterKiB: number
}

async function runOnce(seed: number): Promise<LargeRun> {
  const server = await startDemoServer([
    '--size',
    'large',
    '--rate-limit',
    'off',
  ])
  try {
    const pid = server.process.pid
    if (pid === undefined) throw new Error('demo-server has no process id')
    const random = seededRandom(seed)
    const offset = () => 1 + randomInt(random, LARGE_ORDERS - ORDERS_PAGE)
    for (let i = 0; i < WARM_PAGES; i += 1)
      await fetchOrdersPage(server, offset())
    const warmKiB = procPeakKiB(pid)
    for (let i = 0; i < MORE_PAGES; i += 1)
      await fetchOrdersPage(server, offset())
    const afterKiB = procPeakKiB(pid)
    if (warmKiB === null || afterKiB === null) {
      throw new Error('/proc is not available, so peak memory cannot be read')
    }
    return { startSeconds: server.startSeconds, warmKiB, afterKiB }
  } finally {
    await stopChild(server.process)
  }
}

export async function measureDemoStore(
  config: BenchConfig,
): Promise<SectionResult> {
  return timedSection(async () => {
    const runs: LargeRun[] = []
    for (let run = 0; run < config.runs; run += 1)
      runs.push(await runOnce(run + 1))
    const start = summarize(runs.map((r) => r.startSeconds))
    const growth = summarize(runs.map((r) => r.afterKiB / r.warmKiB))
    const measures: Measure[] = [
      {
        label: 'Start time, size large (200,000 orders)',
        unit: 's',
        summary: start,
      },
      {
        label: `Peak RSS after ${WARM_PAGES} pages`,
        unit: 'MiB',
        summary: summarize(runs.map((r) => r.warmKiB / 1024)),
      },
      {
        label: `Peak RSS after ${WARM_PAGES + MORE_PAGES} pages`,
        unit: 'MiB',
        summary: summarize(runs.map((r) => r.afterKiB / 1024)),
      },
      { label: 'Growth of the peak', unit: '×', summary: growth },
    ]
    const targets: TargetCheck[] = [
      checkAtMost(
        `Demo store size large starts within ${START_BOUND_S} s`,
        start.median,
        START_BOUND_S,
        (v) => `${v.toFixed(2)} s`,
      ),
      checkAtMost(
        `Demo store serves pages without growing memory (peak grows ≤ ${GROWTH_BOUND}×)`,
        growth.median,
        GROWTH_BOUND,
        (v) => `${v.toFixed(3)}×`,
      ),
    ]
    return {
      key: 'demo-store',
      title: '7. Demo store, size large',
      method:
        'Each run spawns `cli demo-server --size large --rate-limit off` ' +
        'and times it until it prints its address line. It then requests ' +
        `${WARM_PAGES} pages of ${ORDERS_PAGE} orders at random offsets and ` +
        'reads the peak resident memory (VmHWM in /proc). Then it requests ' +
        `${MORE_PAGES} more pages spread over the whole list and reads the ` +
        'peak again.',
      measures,
      targets,
      notes: [],
    }
  })
}

runWhenMain(import.meta.url, measureDemoStore)
