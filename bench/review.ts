/**
 * Figure 4: latency of the review grid's queries on the large archive:
 * pages at any scroll position, sorted pages, filtered pages with their
 * capped count, and full-text searches.
 */
import { performance } from 'node:perf_hooks'
import type BetterSqlite3 from 'better-sqlite3'
import { Archive } from '../src/main/archive/index.ts'
import { SubstringIndex } from '../src/main/archive/search.ts'
import { countRows, queryRows } from '../src/main/review/query.ts'
import { searchAll } from '../src/main/review/search.ts'
import type { ReviewQueryInput } from '../src/shared/review-query.ts'
import { runWhenMain } from './direct.ts'
import { ensureFixture } from './fixture.ts'
import { randomInt, seededRandom } from './random.ts'
import { checkAtMost, timedSection } from './section.ts'
import { percentile, summarize } from './stats.ts'
import type {
  BenchConfig,
  Measure,
  SectionResult,
  TargetCheck,
} from './types.ts'

type Database = BetterSqlite3.Database

/** Values taken from stored orders, so filters and searches find rows. */
interface Samples {
  total: number
  lastNames: string[]
  emails: string[]
  invoices: string[]
  dates: string[]
}

interface QueryKind {
  key: string
  label: string
  /** Runs one query built from `random`. */
  run(db: Database, random: () => number, samples: Samples): void
}

const PAGE = 100

function pick<T>(random: () => number, values: readonly T[]): T {
  return values[randomInt(random, values.length)]!
}

function page(db: Database, input: ReviewQueryInput): void {
  queryRows(db, { limit: PAGE, ...input })
}

function anyOffset(random: () => number, samples: Samples): number {
  return randomInt(random, Math.max(1, samples.total - PAGE))
}

const KINDS: QueryKind[] = [
  {
    key: 'page',
    label: 'Page at a random scroll position, default sort (newest first)',
    run: (db, random, samples) =>
      page(db, { entity: 'orders', offset: anyOffset(random, samples) }),
  },
  {
    key: 'sort',
    label: 'Page sorted by last name or by amount, random position',
    run: (db, random, samples) =>
      page(db, {
        entity: 'orders',
        offset: anyOffset(random, samples),
        sort:
          random() < 0.5
            ? { column: 'billing_last_name', direction: 'asc' }
            : { column: 'order_amount', direction: 'desc' },
      }),
  },
  {
    key: 'filter',
    label: 'Filtered first page plus its capped count',
    run: (db, random, samples) => {
      const filters = filterFor(random, samples)
      page(db, { entity: 'orders', filters })
      countRows(db, { entity: 'orders', filters })
    },
  },
  {
    key: 'grid-search',
    label: 'Grid full-text search: first page plus its capped count',
    run: (db, random, samples) => {
      const search = searchTerm(random, samples)
      page(db, { entity: 'orders', search })
      countRows(db, { entity: 'orders', search })
    },
  },
  {
    key: 'global-search',
    label: 'Global full-text search over every entity (50 hits)',
    run: (db, random, samples) => {
      searchAll(db, searchTerm(random, samples))
    },
  },
]

function filterFor(
  random: () => number,
  samples: Samples,
): NonNullable<ReviewQueryInput['filters']> {
  const choice = randomInt(random, 4)
  if (choice === 0) {
    const low = randomInt(random, 900)
    return [{ kind: 'number', column: 'order_amount', min: low, max: low + 25 }]
  }
  if (choice === 1) {
    const day = pick(random, samples.dates).slice(0, 10)
    return [{ kind: 'date', column: 'order_date_utc', from: day, to: day }]
  }
  if (choice === 2) {
    const email = pick(random, samples.emails)
    return [
      {
        kind: 'text',
        column: 'billing_email',
        op: 'contains',
        value: email.slice(0, 6),
      },
    ]
  }
  return [
    {
      kind: 'in',
      column: 'order_status_id',
      values: [randomInt(random, 8) + 1],
    },
  ]
}

function searchTerm(random: () => number, samples: Samples): string {
  const choice = randomInt(random, 3)
  if (choice === 0) return pick(random, samples.lastNames)
  if (choice === 1) return pick(random, samples.emails).split('@')[0]!
  return pick(random, samples.invoices)
}

function textColumn(db: Database, column: string, ids: number[]): string[] {
  const statement = db
    .prepare(`SELECT ${column} FROM orders WHERE id >= ? ORDER BY id LIMIT 1`)
    .pluck()
  return ids
    .map((id) => statement.get(id))
    .filter(
      (value): value is string => typeof value === 'string' && value !== '',
    )
}

function collectSamples(db: Database): Samples {
  const bounds = db
    .prepare(
      'SELECT min(id) AS low, max(id) AS high, count(*) AS n FROM orders',
    )
    .get() as { low: number; high: number; n: number }
  const random = seededRandom(7)
  const ids = Array.from(
    { length: 40 },
    () => bounds.low + randomInt(random, bounds.high - bounds.low + 1),
  )
  const samples: Samples = {
    total: bounds.n,
    lastNames: textColumn(db, 'billing_last_name', ids),
    emails: textColumn(db, 'billing_email', ids),
    invoices: textColumn(db, 'invoice_display', ids),
    dates: textColumn(db, 'order_date_utc', ids),
  }
  for (const [name, values] of Object.entries(samples)) {
    if (Array.isArray(values) && values.length === 0) {
      throw new Error(`The archive has no ${name} to build queries from`)
    }
  }
  return samples
}

/**
 * Rebuilds the trigram index when it is stale, as the end of a full pull
 * does, because the fixture is written without a pull. Returns the seconds
 * the rebuild took, or null when the index was already fresh.
 */
function refreshSubstringIndex(file: string): number | null {
  const archive = Archive.open(file)
  try {
    if (!new SubstringIndex(archive.db).isStale()) return null
    const started = performance.now()
    archive.refreshSubstringIndex()
    return (performance.now() - started) / 1000
  } finally {
    archive.close()
  }
}

/** Sorts whose deep pages start at anchors, one chain per sort. */
const ANCHORED_SORTS: ReadonlyArray<ReviewQueryInput['sort']> = [
  undefined,
  { column: 'billing_last_name', direction: 'asc' },
  { column: 'order_amount', direction: 'desc' },
]

/**
 * Times, in milliseconds, the first page near the end of each anchored sort
 * on a newly opened connection, which builds that sort's anchors. The timed
 * kinds reuse their connection, so only their first query pays this.
 */
function firstDeepPages(file: string, total: number): Measure[] {
  const archive = Archive.open(file, { readonly: true })
  try {
    return ANCHORED_SORTS.map((sort) => {
      const started = performance.now()
      page(archive.db, {
        entity: 'orders',
        offset: Math.max(0, total - 2 * PAGE),
        ...(sort === undefined ? {} : { sort }),
      })
      const name =
        sort === undefined ? 'default sort' : `${sort.column} ${sort.direction}`
      return {
        label: `First page near the end after opening, ${name} (builds its anchors)`,
        unit: 'ms',
        value: Math.round(performance.now() - started),
      }
    })
  } finally {
    archive.close()
  }
}

/** The fewest samples a kind gets even when it exceeds its time budget. */
const MIN_SAMPLES = 5

/**
 * Latencies in milliseconds of up to `count` queries of one kind, stopping
 * early (after at least five) once `budgetSeconds` is spent, so one slow
 * kind cannot stretch the run by an hour.
 */
function timeKind(
  db: Database,
  kind: QueryKind,
  samples: Samples,
  count: number,
  budgetSeconds: number,
  seed: number,
): number[] {
  const random = seededRandom(seed)
  const latencies: number[] = []
  let spent = 0
  for (let i = 0; i < count; i += 1) {
    if (i >= MIN_SAMPLES && spent > budgetSeconds * 1000) break
    const started = performance.now()
    kind.run(db, random, samples)
    const elapsed = performance.now() - started
    latencies.push(elapsed)
    spent += elapsed
  }
  return latencies
}

/** Times one run of a kind on a newly opened connection. */
function timeKindOnce(
  file: string,
  kind: QueryKind,
  samples: Samples,
  config: BenchConfig,
  seed: number,
): number[] {
  const archive = Archive.open(file, { readonly: true })
  try {
    return timeKind(
      archive.db,
      kind,
      samples,
      config.reviewSamples,
      config.reviewBudgetSeconds,
      seed,
    )
  } finally {
    archive.close()
  }
}

export async function measureReview(
  config: BenchConfig,
): Promise<SectionResult> {
  return timedSection(async () => {
    const fixture = await ensureFixture(config.workDir, config.archiveOrders)
    const trigramSeconds = refreshSubstringIndex(fixture.file)
    const archive = Archive.open(fixture.file, { readonly: true })
    try {
      const db = archive.db
      const samples = collectSamples(db)
      const measures: Measure[] = [
        {
          label: 'Orders in the archive',
          unit: 'orders',
          value: samples.total,
        },
      ]
      if (trigramSeconds !== null) {
        measures.push({
          label: 'Trigram index rebuild, as at the end of a full pull',
          unit: 's',
          value: Math.round(trigramSeconds),
        })
      }
      measures.push(...firstDeepPages(fixture.file, samples.total))
      const p95ByKind = new Map<string, number>()
      const notes: string[] = [
        'Scrolling: the grid requests only the 100-row pages of its ' +
          'visible rows and keeps at most 30 pages, so a jump to any ' +
          'scroll position costs one page query at a random offset. ' +
          'Past 10 million pixels of rows the grid scales its scroll area ' +
          'onto the table, so the last of 1,000,000 rows is reachable ' +
          '(test/renderer/review/DataGrid.test.tsx).',
      ]
      for (const [index, kind] of KINDS.entries()) {
        const p50s: number[] = []
        const p95s: number[] = []
        const counts: number[] = []
        for (let run = 0; run < config.runs; run += 1) {
          // A connection and a seed per run, so no run starts with the
          // caches of another and each draws its own queries.
          const latencies = timeKindOnce(
            fixture.file,
            kind,
            samples,
            config,
            1000 * (index + 1) + run,
          )
          p50s.push(percentile(latencies, 50))
          p95s.push(percentile(latencies, 95))
          counts.push(latencies.length)
        }
        if (counts.some((n) => n < config.reviewSamples)) {
          notes.push(
            `${kind.label}: stopped after ${counts.join(', ')} queries per run ` +
              `(time budget ${config.reviewBudgetSeconds} s per run).`,
          )
        }
        const p95 = summarize(p95s)
        p95ByKind.set(kind.key, p95.median)
        measures.push(
          { label: `${kind.label}: p50`, unit: 'ms', summary: summarize(p50s) },
          { label: `${kind.label}: p95`, unit: 'ms', summary: p95 },
        )
      }
      return {
        key: 'review',
        title: '4. Review queries',
        method:
          `The archive of ${samples.total.toLocaleString('en-US')} orders` +
          (config.quick ? ' (quick mode: 100,000, not 1,000,000)' : '') +
          ' is opened read-only. Each kind of query runs up to ' +
          `${config.reviewSamples} times per run through the review module ` +
          '(`queryRows`, `countRows`, `searchAll`), or fewer when the kind ' +
          `spends its ${config.reviewBudgetSeconds} s budget. Pages have 100 ` +
          'rows, offsets and filter values come from a seeded generator, ' +
          'and search words are taken from stored orders. Each run yields a ' +
          'p50 and a p95, and the table gives the median, min and max of ' +
          `those over ${config.runs} runs. Each run opens its own ` +
          'connection, so its first queries build the anchors of deep ' +
          'pages. They also fill the caches of counts and sorted matches, ' +
          'which later queries of the same view reuse, as the grid does ' +
          'while a merchant scrolls. The trigram index is rebuilt first if ' +
          'stale, as a full ' +
          'pull does when it finishes. The archive was ' +
          `${fixture.built ? 'built in this run' : 'reused from an earlier run'} ` +
          `(build time ${Math.round(fixture.buildSeconds)} s).`,
        measures,
        targets: reviewTargets(config, p95ByKind),
        notes,
      }
    } finally {
      archive.close()
    }
  })
}

function reviewTargets(
  config: BenchConfig,
  p95ByKind: Map<string, number>,
): TargetCheck[] {
  const suffix =
    config.archiveOrders === 1_000_000
      ? ''
      : ` (measured on ${config.archiveOrders.toLocaleString('en-US')} orders, not 1,000,000)`
  const worst = (keys: string[]) =>
    Math.max(...keys.map((key) => p95ByKind.get(key) ?? Number.NaN))
  const ms = (value: number) => `${value.toFixed(1)} ms p95`
  return [
    checkAtMost(
      `Page queries with sort and filter, p95 < 50 ms on 1,000,000 orders${suffix}`,
      worst(['page', 'sort', 'filter']),
      50,
      ms,
    ),
    checkAtMost(
      `Full-text searches, p95 < 50 ms on 1,000,000 orders${suffix}`,
      worst(['grid-search', 'global-search']),
      50,
      ms,
    ),
  ]
}

runWhenMain(import.meta.url, measureReview)
