/**
 * Figure 3: export speed in rows per second for CSV, XLSX and Shopify
 * files of the large archive, and the orders CSV against Debian's
 * `sqlite3 -csv` reading the same columns of the same table.
 */
import { spawn } from 'node:child_process'
import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import { join } from 'node:path'
import { OffsetDateFormatter } from '../src/main/export/dates.ts'
import { writeCsvTable } from '../src/main/export/formats/csv.ts'
import { OutputFolder } from '../src/main/export/output.ts'
import { runExport } from '../src/main/export/run.ts'
import { ArchiveSource, type ExportTable } from '../src/main/export/source.ts'
import type { ExportFormat, FormatContext } from '../src/main/export/types.ts'
import { quoteIdentifier } from '../src/main/archive/schema.ts'
import { getEntity } from '../src/shared/entities.ts'
import { runWhenMain } from './direct.ts'
import { ensureFixture } from './fixture.ts'
import { sqliteCliVersion } from './machine.ts'
import {
  checkAtMost,
  notMeasuredTarget,
  reasonOf,
  timedSection,
  timeSeconds,
} from './section.ts'
import { summarize, type Summary } from './stats.ts'
import type { BenchConfig, Measure, SectionResult } from './types.ts'
import { freshDir } from './workdir.ts'

const FORMATS: readonly ExportFormat[] = ['csv', 'xlsx', 'shopify']

interface FormatRun {
  seconds: number
  rows: number
}

/** One export of a whole format through `runExport`, as the CLI runs it. */
async function exportFormat(
  archive: string,
  outDir: string,
  format: ExportFormat,
): Promise<FormatRun> {
  let rows = 0
  const seconds = await timeSeconds(async () => {
    const result = await runExport({ archive, outDir, formats: [format] })
    rows = result.summary.files
      .filter((f) => f.format === format)
      .reduce((sum, f) => sum + f.rows, 0)
  })
  return { seconds, rows }
}

function ordersTable(source: ArchiveSource): ExportTable {
  const table = source
    .tablesOf(getEntity('orders'))
    .find((t) => t.name === 'orders')
  if (table === undefined) throw new Error('The archive has no orders table')
  return table
}

/** The exporter's orders CSV alone, without the child tables. */
async function exportOrdersCsv(
  archive: string,
  outDir: string,
): Promise<FormatRun> {
  const source = ArchiveSource.open(archive)
  try {
    const folder = await OutputFolder.prepare(outDir)
    const context: FormatContext = {
      source,
      folder,
      dates: new OffsetDateFormatter(source.storeInfo().timeZone),
      entities: [getEntity('orders')],
      signal: undefined,
      filter: undefined,
      report: () => undefined,
      written: [],
      leftOut: new Set(),
    }
    const table = ordersTable(source)
    const seconds = await timeSeconds(() =>
      writeCsvTable(context, table, 'orders.csv'),
    )
    return { seconds, rows: context.written[0]?.rows ?? 0 }
  } finally {
    source.close()
  }
}

/** The same SELECT the exporter runs, through `sqlite3 -csv -header`. */
function ordersSelect(archive: string): string {
  const source = ArchiveSource.open(archive)
  try {
    const columns = ordersTable(source).columns.flatMap((c) => c.sql)
    return `SELECT ${columns.map(quoteIdentifier).join(', ')} FROM orders ORDER BY id`
  } finally {
    source.close()
  }
}

async function sqliteCliCsv(
  archive: string,
  sql: string,
  outFile: string,
): Promise<number> {
  return timeSeconds(async () => {
    const out = createWriteStream(outFile)
    await once(out, 'open')
    const child = spawn(
      'sqlite3',
      ['-readonly', '-csv', '-header', archive, sql],
      {
        stdio: ['ignore', out, 'pipe'],
      },
    )
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    const [code] = (await once(child, 'close')) as [number | null]
    out.close()
    if (code !== 0)
      throw new Error(`sqlite3 exited with ${code}: ${stderr.trim()}`)
  })
}

function rateOf(runs: FormatRun[]): Summary {
  return summarize(runs.map((r) => r.rows / r.seconds))
}

export async function measureExport(
  config: BenchConfig,
): Promise<SectionResult> {
  return timedSection(async () => {
    const formatFixture = await ensureFixture(
      config.workDir,
      config.formatOrders,
    )
    const fixture = await ensureFixture(config.workDir, config.archiveOrders)
    const dir = freshDir(config.workDir, 'export')
    const measures: Measure[] = [
      {
        label: 'Orders in the archive of the format exports',
        unit: 'orders',
        value: formatFixture.orders,
      },
    ]
    for (const format of FORMATS) {
      const runs: FormatRun[] = []
      for (let run = 0; run < config.exportRuns; run += 1) {
        runs.push(
          await exportFormat(
            formatFixture.file,
            join(dir, `${format}-${run}`),
            format,
          ),
        )
      }
      measures.push(
        {
          label: `${format}: rows written per export`,
          unit: 'rows',
          value: runs[0]!.rows,
        },
        {
          label: `${format}: export time`,
          unit: 's',
          summary: summarize(runs.map((r) => r.seconds)),
        },
        {
          label: `${format}: rows per second`,
          unit: 'rows/s',
          summary: rateOf(runs),
        },
      )
      freshDir(config.workDir, 'export')
    }
    const orders: FormatRun[] = []
    const cli: number[] = []
    let cliProblem: string | null = null
    const sql = ordersSelect(fixture.file)
    for (let run = 0; run < config.runs; run += 1) {
      orders.push(
        await exportOrdersCsv(fixture.file, join(dir, `orders-${run}`)),
      )
      if (cliProblem !== null) continue
      try {
        cli.push(
          await sqliteCliCsv(
            fixture.file,
            sql,
            join(dir, `sqlite3-${run}.csv`),
          ),
        )
      } catch (error) {
        cliProblem = reasonOf(error)
      }
    }
    measures.push(
      {
        label: 'Orders in the archive of the orders CSV',
        unit: 'orders',
        value: fixture.orders,
      },
      {
        label: 'Orders CSV (orders table only): time',
        unit: 's',
        summary: summarize(orders.map((r) => r.seconds)),
      },
      {
        label: 'Orders CSV: rows per second',
        unit: 'rows/s',
        summary: rateOf(orders),
      },
    )
    const target = `Orders CSV of a 1,000,000-order archive ≤ 2 × \`sqlite3 -csv\`${
      config.archiveOrders === 1_000_000
        ? ''
        : ` (measured on ${config.archiveOrders.toLocaleString('en-US')} orders)`
    }`
    let targets
    if (cliProblem !== null || cli.length === 0) {
      const reason = cliProblem ?? `sqlite3 is ${sqliteCliVersion()}`
      measures.push({
        label: 'sqlite3 -csv, same table',
        unit: '',
        notMeasured: reason,
      })
      targets = [notMeasuredTarget(target, reason)]
    } else {
      // Each exporter run is paired with the sqlite3 run right after it.
      const ratio = summarize(orders.map((r, i) => r.seconds / cli[i]!))
      measures.push(
        {
          label: 'sqlite3 -csv, same columns and order: time',
          unit: 's',
          summary: summarize(cli),
        },
        { label: 'Exporter time ÷ sqlite3 time', unit: '×', summary: ratio },
      )
      targets = [
        checkAtMost(target, ratio.median, 2, (v) => `${v.toFixed(2)}× sqlite3`),
      ]
    }
    freshDir(config.workDir, 'export')
    return {
      key: 'export',
      title: '3. Export',
      method:
        `An archive of ${formatFixture.orders.toLocaleString('en-US')} orders ` +
        '(built like the review archive) is exported in-process with ' +
        '`runExport`, as the `export` command does, once per format and ' +
        'run. It is smaller than the review archive because the XLSX ' +
        'writer would need most of an hour for 1,000,000 orders. CSV and ' +
        'XLSX write every table of every exportable entity (records and ' +
        'child rows), and Shopify writes its product, customer and redirect ' +
        'files. Rows per second is the rows in the written files divided ' +
        'by the wall time. The orders CSV figures use the archive of ' +
        `${fixture.orders.toLocaleString('en-US')} orders` +
        (config.quick ? ' (quick mode: 100,000, not 1,000,000)' : '') +
        ' and time `writeCsvTable` on the orders table alone. Each of ' +
        'those runs is paired with `sqlite3 -readonly -csv -header` running ' +
        'the same SELECT (same columns, ORDER BY id) into a file. sqlite3 ' +
        'neither formats dates nor neutralises formulas, so it is a lower ' +
        'bound.',
      measures,
      targets,
      notes: [],
    }
  })
}

runWhenMain(import.meta.url, measureExport)
