/**
 * The demo store's `large` size as its own figure: time from spawning
 * `cli demo-server --size large` to its address line, its peak resident
 * memory as pages are served after a warm-up, and the JavaScript heap after
 * a full garbage collection at the same points, which shows whether the
 * store keeps anything per page.
 */
import { startDemoStore } from '../src/main/demo-store/index.ts'
import { runWhenMain } from './direct.ts'
import { procPeakKiB, startDemoServer, stopChild } from './child.ts'
import { heapUsedAfterGc, youngGenerationBytes } from './heap.ts'
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
/**
 * Pages served when the peaks are read: close to start-up, at the end of
 * the warm-up, and in all. Growth is the last peak over the warm-up peak.
 * Resident memory steps up once, somewhere between 400 and 600 pages,
 * while the heap after a full collection stays flat, so the full run warms
 * up past that step. The quick run keeps to its time limit instead.
 */
interface PagePlan {
  first: number
  warm: number
  total: number
}

function pagePlan(config: BenchConfig): PagePlan {
  return config.quick
    ? { first: 20, warm: 100, total: 400 }
    : { first: 20, warm: 800, total: 2_000 }
}
/** "Starts in seconds", checked as at most 10 s to the address line. */
const START_BOUND_S = 10
/** Peak after all pages at most 1.10 times the peak after the warm-up pages. */
const GROWTH_BOUND = 1.1
const MIB = 1024 * 1024

interface StoreAddress {
  baseUrl: string
  secureUrl: string
  privateKey: string
  token: string
}

async function fetchOrdersPage(
  store: StoreAddress,
  offset: number,
): Promise<void> {
  const response = await fetch(
    `${store.baseUrl}/Orders?limit=${ORDERS_PAGE}&offset=${offset}`,
    {
      headers: {
        SecureUrl: store.secureUrl,
        PrivateKey: store.privateKey,
        Token: store.token,
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

/**
 * Serves pages at seeded random offsets over the whole orders list and
 * calls `mark` after the plan's first, warm-up and total page counts.
 */
async function servePages(
  store: StoreAddress,
  seed: number,
  plan: PagePlan,
  mark: (pages: number) => void,
): Promise<void> {
  const random = seededRandom(seed)
  const offset = () => 1 + randomInt(random, LARGE_ORDERS - ORDERS_PAGE)
  for (let page = 1; page <= plan.total; page += 1) {
    await fetchOrdersPage(store, offset())
    if (page === plan.first || page === plan.warm || page === plan.total) {
      mark(page)
    }
  }
}

interface LargeRun {
  startSeconds: number
  /** Peak resident memory (VmHWM) in KiB by pages served. */
  peakKiB: Map<number, number>
}

async function runOnce(seed: number, plan: PagePlan): Promise<LargeRun> {
  const server = await startDemoServer([
    '--size',
    'large',
    '--rate-limit',
    'off',
  ])
  try {
    const pid = server.process.pid
    if (pid === undefined) throw new Error('demo-server has no process id')
    const peakKiB = new Map<number, number>()
    await servePages(server, seed, plan, (pages) => {
      const peak = procPeakKiB(pid)
      if (peak === null) {
        throw new Error('/proc is not available, so peak memory cannot be read')
      }
      peakKiB.set(pages, peak)
    })
    return { startSeconds: server.startSeconds, peakKiB }
  } finally {
    await stopChild(server.process)
  }
}

/** Heap figures of the in-process run, in bytes, by pages served. */
interface HeapRun {
  usedAfterGc: Map<number, number>
  youngGeneration: Map<number, number>
}

/**
 * Runs the same store in this process and reads the heap after a full
 * collection, which counts what the store keeps alive, and the size of the
 * young generation, which V8 grows on its own as garbage passes through it.
 */
async function runHeap(seed: number, plan: PagePlan): Promise<HeapRun> {
  const store = await startDemoStore({ size: 'large', rateLimit: 'off' })
  try {
    const usedAfterGc = new Map<number, number>()
    const youngGeneration = new Map<number, number>()
    await servePages(store, seed, plan, (pages) => {
      usedAfterGc.set(pages, heapUsedAfterGc())
      youngGeneration.set(pages, youngGenerationBytes())
    })
    return { usedAfterGc, youngGeneration }
  } finally {
    await store.close()
  }
}

function mibAt(values: readonly Map<number, number>[], pages: number) {
  return summarize(values.map((v) => v.get(pages)! / MIB))
}

export async function measureDemoStore(
  config: BenchConfig,
): Promise<SectionResult> {
  const plan = pagePlan(config)
  return timedSection(async () => {
    const runs: LargeRun[] = []
    for (let run = 0; run < config.runs; run += 1)
      runs.push(await runOnce(run + 1, plan))
    const heap = await runHeap(1, plan)
    const start = summarize(runs.map((r) => r.startSeconds))
    const peaks = runs.map((r) => r.peakKiB)
    const growth = summarize(
      peaks.map((p) => p.get(plan.total)! / p.get(plan.warm)!),
    )
    const measures: Measure[] = [
      {
        label: 'Start time, size large (200,000 orders)',
        unit: 's',
        summary: start,
      },
    ]
    for (const pages of [plan.first, plan.warm, plan.total]) {
      measures.push({
        label: `Peak RSS after ${pages} pages`,
        unit: 'MiB',
        summary: summarize(peaks.map((p) => p.get(pages)! / 1024)),
      })
    }
    measures.push({
      label: `Growth of the peak from ${plan.warm} to ${plan.total} pages`,
      unit: '×',
      summary: growth,
    })
    for (const pages of [plan.warm, plan.total]) {
      measures.push(
        {
          label: `In-process heap after full GC, ${pages} pages`,
          unit: 'MiB',
          summary: mibAt([heap.usedAfterGc], pages),
        },
        {
          label: `In-process young generation, ${pages} pages`,
          unit: 'MiB',
          summary: mibAt([heap.youngGeneration], pages),
        },
      )
    }
    const targets: TargetCheck[] = [
      checkAtMost(
        `Demo store size large starts within ${START_BOUND_S} s`,
        start.median,
        START_BOUND_S,
        (v) => `${v.toFixed(2)} s`,
      ),
      checkAtMost(
        `Demo store serves pages without growing memory (peak from ${plan.warm} to ${plan.total} pages grows ≤ ${GROWTH_BOUND}×)`,
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
        `${plan.total} pages of ${ORDERS_PAGE} orders at seeded random ` +
        'offsets over the whole list, and reads the peak resident memory ' +
        `(VmHWM in /proc) after ${plan.first}, ${plan.warm} and ` +
        `${plan.total} pages. Growth compares the peak after ` +
        `${plan.total} pages with the peak after the ${plan.warm} ` +
        'warm-up pages, because the requirement is about serving pages, ' +
        'not start-up. A further run starts the same store inside the ' +
        'benchmark process and, at the same points, reads the heap in use ' +
        "after a full collection (`gc()`) and the size of V8's young " +
        'generation (new space).',
      measures,
      targets,
      notes: [
        'The heap after a full collection counts what the store keeps alive. ' +
          'The young generation is sized by V8: it grows as garbage passes ' +
          'through it, up to a maximum, and that growth is part of the peaks.',
      ],
    }
  })
}

runWhenMain(import.meta.url, measureDemoStore)
