/**
 * `npm run bench [--quick]`: runs every benchmark figure in turn and writes
 * docs/benchmarks.md and docs/benchmarks.json. A figure whose code fails
 * is reported as "not measured" with the reason instead of stopping the
 * run, and the page is rewritten after each figure so an interrupted run
 * still leaves the figures it finished.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'
import { measureBundle } from './bundle.ts'
import { measureDemoStore } from './demo-store.ts'
import { configFor, isQuick, REPO_ROOT } from './config.ts'
import { measureExport } from './export.ts'
import { measureIngest } from './ingest.ts'
import { collectMachineFacts } from './machine.ts'
import { measureMemory } from './memory.ts'
import { measurePulls } from './pull.ts'
import { renderReport } from './report.ts'
import { measureReview } from './review.ts'
import { checkAtMost, reasonOf } from './section.ts'
import type {
  BenchConfig,
  BenchResults,
  SectionResult,
  TargetCheck,
} from './types.ts'

interface Figure {
  key: string
  title: string
  measure(config: BenchConfig): Promise<SectionResult>
}

const FIGURES: Figure[] = [
  {
    key: 'pull',
    title: '1. Pull versus the rate-limit floor',
    measure: measurePulls,
  },
  { key: 'ingest', title: '2. Ingest without the API', measure: measureIngest },
  { key: 'export', title: '3. Export', measure: measureExport },
  { key: 'review', title: '4. Review queries', measure: measureReview },
  { key: 'memory', title: '5. Memory', measure: measureMemory },
  { key: 'bundle', title: '6. Renderer bundle', measure: measureBundle },
  {
    key: 'demo-store',
    title: '7. Demo store, size large',
    measure: measureDemoStore,
  },
]

/**
 * Figures that need the large archive run last, so in a first full run the
 * others are measured while (or before) it is built.
 */
const RUN_ORDER = [
  'pull',
  'ingest',
  'memory',
  'demo-store',
  'bundle',
  'export',
  'review',
]

const DOCS = join(REPO_ROOT, 'docs')
const PAGE = join(DOCS, 'benchmarks.md')
const RAW = join(DOCS, 'benchmarks.json')

function readPrevious(): string {
  try {
    return readFileSync(PAGE, 'utf8')
  } catch {
    return ''
  }
}

function notMeasured(
  figure: Figure,
  error: unknown,
  seconds: number,
): SectionResult {
  return {
    key: figure.key,
    title: figure.title,
    method: `Not measured: ${reasonOf(error)}`,
    measures: [],
    targets: [],
    notes: [],
    elapsedSeconds: seconds,
  }
}

/** `--only pull,export` runs a subset, for working on one figure. */
function selectedFigures(argv: readonly string[]): Figure[] {
  const index = argv.indexOf('--only')
  if (index === -1) return FIGURES
  const keys = (argv[index + 1] ?? '').split(',')
  const unknown = keys.filter((key) => !FIGURES.some((f) => f.key === key))
  if (unknown.length > 0) {
    throw new Error(
      `Unknown figure in --only: ${unknown.join(', ')}. Choose from ${FIGURES.map((f) => f.key).join(', ')}.`,
    )
  }
  return FIGURES.filter((f) => keys.includes(f.key))
}

function inRunOrder(figures: Figure[]): Figure[] {
  return [...figures].sort(
    (a, b) => RUN_ORDER.indexOf(a.key) - RUN_ORDER.indexOf(b.key),
  )
}

/** Sections in the page's numbered order, whatever order they ran in. */
function inPageOrder(sections: SectionResult[]): SectionResult[] {
  const position = (key: string) => FIGURES.findIndex((f) => f.key === key)
  return [...sections].sort((a, b) => position(a.key) - position(b.key))
}

function commandLine(quick: boolean, argv: readonly string[]): string {
  const extra = argv.filter((arg) => arg !== '--quick')
  return [
    'npm run bench',
    ...(quick ? ['--quick'] : []),
    ...(extra.length > 0 ? ['--', ...extra] : []),
  ].join(' ')
}

/**
 * The measured code's commit. Modules load once at start, so later commits
 * by others do not change what this run measures.
 */
function gitCommit(): string {
  try {
    return execFileSync('git', ['describe', '--always', '--dirty'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    }).trim()
  } catch {
    return 'unknown'
  }
}

/** Checks the run's own limit: 5 minutes with `--quick`, 60 without. */
function runTimeTarget(quick: boolean, elapsedMs: number): TargetCheck {
  const limitMinutes = quick ? 5 : 60
  return checkAtMost(
    `\`npm run bench${quick ? ' --quick' : ''}\` finishes in under ${limitMinutes} minutes`,
    elapsedMs / 60_000,
    limitMinutes,
    (minutes) => `${minutes.toFixed(1)} min`,
  )
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2)
  const quick = isQuick(argv, process.env)
  const config = configFor(quick)
  const figures = inRunOrder(selectedFigures(argv))
  mkdirSync(config.workDir, { recursive: true })
  const previous = readPrevious()
  const results: BenchResults = {
    mode: quick ? 'quick' : 'full',
    command: commandLine(quick, argv),
    commit: gitCommit(),
    startedAt: new Date().toISOString(),
    finishedAt: '',
    machine: collectMachineFacts(),
    loadAverageStart: os.loadavg(),
    loadAverageEnd: [],
    totalSeconds: 0,
    runTargets: [],
    sections: [],
  }
  const runStarted = performance.now()
  const write = () => {
    results.finishedAt = new Date().toISOString()
    results.loadAverageEnd = os.loadavg()
    results.totalSeconds = (performance.now() - runStarted) / 1000
    results.sections = inPageOrder(results.sections)
    writeFileSync(RAW, `${JSON.stringify(results, null, 2)}\n`)
    writeFileSync(PAGE, renderReport(results, previous))
  }
  for (const figure of figures) {
    process.stderr.write(`bench: ${figure.title}…\n`)
    const started = performance.now()
    try {
      results.sections.push(await figure.measure(config))
    } catch (error) {
      process.stderr.write(
        `bench: ${figure.title} failed: ${String(error instanceof Error ? error.stack : error)}\n`,
      )
      results.sections.push(
        notMeasured(figure, error, (performance.now() - started) / 1000),
      )
    }
    const section = results.sections.at(-1)!
    process.stderr.write(
      `bench: ${figure.title} took ${section.elapsedSeconds.toFixed(1)} s\n`,
    )
    write()
  }
  results.runTargets = [runTimeTarget(quick, performance.now() - runStarted)]
  write()
  process.stderr.write(`bench: wrote ${PAGE} and ${RAW}\n`)
}

await main()
