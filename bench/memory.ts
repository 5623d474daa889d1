/**
 * Figure 5: peak resident memory of a pull and of an export at two store
 * sizes an order of magnitude apart, each in its own process, plus the
 * demo store's start time and peak memory while it serves the pull.
 */
import { join } from 'node:path'
import { Archive } from '../src/main/archive/index.ts'
import { runExport } from '../src/main/export/run.ts'
import { PullJob } from '../src/main/sync/pull.ts'
import { runWhenMain } from './direct.ts'
import {
  CLI,
  procPeakKiB,
  runNodeMeasured,
  startDemoServer,
  stopChild,
  type ChildRun,
  type DemoServer,
} from './child.ts'
import { heapUsedAfterGc } from './heap.ts'
import { checkAtMost, timedSection } from './section.ts'
import { summarize, type Summary } from './stats.ts'
import type {
  BenchConfig,
  Measure,
  SectionResult,
  TargetCheck,
} from './types.ts'
import { freshDir, removeDatabase } from './workdir.ts'

/**
 * "Flat" as checked here: the peak at ten times the orders is at most
 * 1.25 times the peak at the smaller size. The memory Node itself needs
 * is part of both peaks.
 */
const FLAT_GROWTH = 1.25

interface SizeRun {
  pull: ChildRun
  /** Largest heap in use after a full GC during an in-process pull. */
  pullHeapBytes: number
  exportRun: ChildRun
  /** Largest heap in use after a full GC during an in-process CSV export. */
  exportHeapBytes: number
  demoStartSeconds: number
  demoPeakKiB: number | null
}

async function runSize(dir: string, orders: number): Promise<SizeRun> {
  const server = await startDemoServer([
    '--size',
    String(orders),
    '--rate-limit',
    'off',
  ])
  const db = join(dir, `pull-${orders}.sqlite`)
  removeDatabase(db)
  let pull: ChildRun
  let pullHeapBytes: number
  let demoPeakKiB: number | null
  try {
    pull = await runNodeMeasured(
      CLI,
      ['pull', '--db', db, '--no-pacing', '--json'],
      {
        ...process.env,
        THREEDCART_API_BASE_URL: server.baseUrl,
        THREEDCART_SECURE_URL: server.secureUrl,
        THREEDCART_PRIVATE_KEY: server.privateKey,
        THREEDCART_TOKEN: server.token,
      },
    )
    demoPeakKiB = server.process.pid ? procPeakKiB(server.process.pid) : null
    pullHeapBytes = await pullHeapAfterGc(server, join(dir, 'pull-heap.sqlite'))
  } finally {
    await stopChild(server.process)
  }
  const outDir = join(dir, `export-${orders}`)
  const exportRun = await runNodeMeasured(CLI, [
    'export',
    '--db',
    db,
    '--format',
    'csv',
    '--out',
    outDir,
  ])
  freshDir(dir, `export-${orders}`)
  const exportHeapBytes = await exportHeapAfterGc(db, outDir)
  removeDatabase(db)
  freshDir(dir, `export-${orders}`)
  return {
    pull,
    pullHeapBytes,
    exportRun,
    exportHeapBytes,
    demoStartSeconds: server.startSeconds,
    demoPeakKiB,
  }
}

/**
 * Runs the same pull inside this process into a scratch archive, collects
 * garbage at every tenth progress report, and returns the largest heap in
 * use after those collections: what the pull keeps alive, apart from V8's
 * own sizing of its young generation.
 */
async function pullHeapAfterGc(
  server: DemoServer,
  file: string,
): Promise<number> {
  removeDatabase(file)
  const archive = Archive.open(file)
  let reports = 0
  let largest = 0
  try {
    await new PullJob({
      archive,
      credentials: server,
      baseUrl: server.baseUrl,
      pacing: 'off',
      onProgress: () => {
        reports += 1
        if (reports % REPORTS_PER_GC !== 0) return
        largest = Math.max(largest, heapUsedAfterGc())
      },
    }).start()
  } finally {
    archive.close()
    removeDatabase(file)
  }
  return Math.max(largest, heapUsedAfterGc())
}

/** Progress reports between two full collections of the in-process runs. */
const REPORTS_PER_GC = 10

/**
 * Runs the same CSV export inside this process, collects garbage at every
 * tenth progress report, and returns the largest heap in use after those
 * collections: what the export keeps alive, apart from V8's own sizing of
 * its young generation.
 */
async function exportHeapAfterGc(db: string, outDir: string): Promise<number> {
  let reports = 0
  let largest = 0
  await runExport({
    archive: db,
    outDir,
    formats: ['csv'],
    onProgress: () => {
      reports += 1
      if (reports % REPORTS_PER_GC !== 0) return
      largest = Math.max(largest, heapUsedAfterGc())
    },
  })
  return Math.max(largest, heapUsedAfterGc())
}

const MIB = 1024

function mib(runs: number[]): Summary {
  return summarize(runs.map((kib) => kib / MIB))
}

function flatTarget(
  target: string,
  small: Summary,
  large: Summary,
): TargetCheck {
  return checkAtMost(
    target,
    large.median / small.median,
    FLAT_GROWTH,
    (v) => `${v.toFixed(2)}× the smaller store's peak`,
  )
}

export async function measureMemory(
  config: BenchConfig,
): Promise<SectionResult> {
  return timedSection(async () => {
    const dir = freshDir(config.workDir, 'memory')
    const [smallOrders, largeOrders] = config.memoryOrders
    const bySize = new Map<number, SizeRun[]>()
    for (let run = 0; run < config.runs; run += 1) {
      for (const orders of config.memoryOrders) {
        const runs = bySize.get(orders) ?? []
        runs.push(await runSize(dir, orders))
        bySize.set(orders, runs)
      }
    }
    const measures: Measure[] = []
    const peaks = new Map<string, Summary>()
    for (const [orders, runs] of bySize) {
      const size = `${orders.toLocaleString('en-US')} orders`
      const pull = mib(runs.map((r) => r.pull.peakKiB))
      const exported = mib(runs.map((r) => r.exportRun.peakKiB))
      peaks.set(`pull-${orders}`, pull)
      peaks.set(`export-${orders}`, exported)
      measures.push(
        { label: `Pull, ${size}: peak RSS`, unit: 'MiB', summary: pull },
        {
          label: `Pull, ${size}: largest heap after full GC, in process`,
          unit: 'MiB',
          summary: summarize(runs.map((r) => r.pullHeapBytes / MIB / MIB)),
        },
        {
          label: `Pull, ${size}: wall time`,
          unit: 's',
          summary: summarize(runs.map((r) => r.pull.seconds)),
        },
        {
          label: `CSV export, ${size}: peak RSS`,
          unit: 'MiB',
          summary: exported,
        },
        {
          label: `CSV export, ${size}: largest heap after full GC, in process`,
          unit: 'MiB',
          summary: summarize(runs.map((r) => r.exportHeapBytes / MIB / MIB)),
        },
        {
          label: `CSV export, ${size}: wall time`,
          unit: 's',
          summary: summarize(runs.map((r) => r.exportRun.seconds)),
        },
        {
          label: `Demo store, ${size}: start time`,
          unit: 's',
          summary: summarize(runs.map((r) => r.demoStartSeconds)),
        },
      )
      const demoPeaks = runs.map((r) => r.demoPeakKiB)
      if (demoPeaks.every((p): p is number => p !== null)) {
        const demo = mib(demoPeaks)
        measures.push({
          label: `Demo store, ${size}: peak RSS after serving the pull`,
          unit: 'MiB',
          summary: demo,
        })
      } else {
        measures.push({
          label: `Demo store, ${size}: peak RSS`,
          unit: '',
          notMeasured: '/proc is not available on this system',
        })
      }
    }
    const get = (key: string) => peaks.get(key)!
    const targets: TargetCheck[] = [
      flatTarget(
        `Pull memory flat: peak RSS at ${largeOrders.toLocaleString('en-US')} orders ≤ ${FLAT_GROWTH}× the peak at ${smallOrders.toLocaleString('en-US')}`,
        get(`pull-${smallOrders}`),
        get(`pull-${largeOrders}`),
      ),
      flatTarget(
        `Export memory flat: same rule for the CSV export`,
        get(`export-${smallOrders}`),
        get(`export-${largeOrders}`),
      ),
    ]
    const largeDemo = bySize.get(largeOrders)!
    const measuredBy = largeDemo[0]!.pull.measuredBy
    return {
      key: 'memory',
      title: '5. Memory',
      method:
        `The sizes are ${smallOrders.toLocaleString('en-US')} and ` +
        `${largeOrders.toLocaleString('en-US')} orders` +
        (config.quick
          ? ' (quick mode; the full run uses 5,000 and 50,000)'
          : '') +
        '. Each run starts `cli demo-server --rate-limit off` as a child ' +
        'process and runs `cli pull --no-pacing` against it as a second ' +
        'child. Then `cli export --format csv` runs on the pulled archive ' +
        'as a third. Peak resident memory of the pull and export processes ' +
        `comes from \`${measuredBy}\`. The demo store's peak is VmHWM from ` +
        '/proc just before it is stopped, and its start time runs from ' +
        'spawning it to its first output line.',
      measures,
      targets,
      notes: [
        `Memory counts as flat when the peak at ten times the orders is at most ${FLAT_GROWTH}× the smaller peak; Node's own baseline is in both.`,
        'The pull heap after a full GC comes from running the same pull once ' +
          'more inside the benchmark process, into a scratch archive, and ' +
          'calling `gc()` at every tenth progress report. Left alone, ' +
          "V8 grows a pull's young generation from 32 to 128 MiB over the " +
          'first seconds, because pages parsed ahead of the write survive ' +
          'its young collections. The command line and the app stop that ' +
          'growth when they start (`limitYoungGeneration`), so the pull ' +
          "process's peak RSS no longer grows with it. The target compares " +
          'that peak, with no allowance.',
        'The export heap after a full GC comes from running the same export ' +
          'once more inside the benchmark process and calling `gc()` at ' +
          'every tenth progress report. Its largest value counts what the ' +
          "export keeps alive, without V8's young generation, which V8 " +
          'enlarges when many bytes survive its young collections. The ' +
          'target still compares the peak RSS of the export process, with ' +
          'no allowance for that sizing.',
      ],
    }
  })
}

runWhenMain(import.meta.url, measureMemory)
