/**
 * Benchmark: exports the orders of a generated 1,000,000-order archive to
 * CSV and compares the time with Debian's `sqlite3 -csv` writing the same
 * columns of the same table. Prints one JSON line with both times, the
 * ratio and the peak resident memory of this process.
 *
 *   node --experimental-strip-types test/export/bench-orders-csv.ts [orders]
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Archive } from '../../src/main/archive/index.ts'
import { quoteIdentifier } from '../../src/main/archive/schema.ts'
import { runExport } from '../../src/main/export/run.ts'
import { ArchiveSource } from '../../src/main/export/source.ts'
import { getEntity } from '../../src/shared/entities.ts'

const orders = Number(process.argv[2] ?? 1_000_000)
// BENCH_ARCHIVE keeps a generated archive between runs.
const kept = process.env['BENCH_ARCHIVE']
const dir = mkdtempSync(join(tmpdir(), 'export-bench-'))
const file = kept ?? join(dir, 'bench.sqlite')

/** Fills the orders table with SQL alone, which takes seconds, not hours. */
function generate(): void {
  const archive = Archive.open(file)
  archive.db.exec(`
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${orders})
    INSERT INTO orders (id, raw, raw_hash, invoice_number_prefix, invoice_number,
      invoice_display, customer_id, order_date_raw, order_date_utc, order_status_id,
      last_update_raw, last_update_utc, billing_first_name, billing_last_name,
      billing_address, billing_city, billing_state, billing_zip_code,
      billing_country, billing_phone_number, billing_email, order_amount,
      sales_tax, shipping_total, customer_comments)
    SELECT i, '{"OrderID":' || i || '}', hex(i), 'AB-', 10000 + i, 'AB-' || (10000 + i),
      i % 5000, '2016-04-08T03:27:46', strftime('%Y-%m-%dT%H:%M:%SZ', 1460000000 + i * 37, 'unixepoch'),
      i % 12, '2016-04-08T23:20:47', strftime('%Y-%m-%dT%H:%M:%SZ', 1460100000 + i * 37, 'unixepoch'),
      'Ana', 'Lima', i || ' Example St, Apt "' || (i % 9) || '"', 'Springfield', 'IL',
      printf('%05d', i % 99999), 'US', '+1 217 555 ' || printf('%04d', i % 10000),
      'buyer' || i || '@example.com', printf('%d.%02d', i % 900, i % 100), '0.00',
      '5.95', CASE WHEN i % 10 = 0 THEN 'Leave at the door,
please' ELSE '' END
    FROM n`)
  archive.close()
}

function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024)
}

if (!existsSync(file)) generate()
const source = ArchiveSource.open(file)
const table = source.tablesOf(getEntity('orders'))[0]!
const columns = table.columns.flatMap((c) => c.sql).map(quoteIdentifier)
source.close()

const sqliteOut = join(dir, 'sqlite3.csv')
/** Runs that each side gets; the fastest counts, as the machine is shared. */
const RUNS = Number(process.env['BENCH_RUNS'] ?? 3)

function timeSqlite(): number {
  const started = process.hrtime.bigint()
  execFileSync('sqlite3', [
    '-csv',
    '-header',
    file,
    `.output ${sqliteOut}`,
    `SELECT ${columns.join(', ')} FROM orders ORDER BY id`,
  ])
  return Number(process.hrtime.bigint() - started) / 1e6
}

async function timeExport(): Promise<number> {
  const started = process.hrtime.bigint()
  await runExport({
    archive: file,
    outDir: join(dir, 'out'),
    formats: ['csv'],
    entities: ['orders'],
  })
  return Number(process.hrtime.bigint() - started) / 1e6
}

const rssBefore = peakRssMb()
let sqliteMs = Infinity
let exportMs = Infinity
for (let run = 0; run < RUNS; run++) {
  sqliteMs = Math.min(sqliteMs, timeSqlite())
  exportMs = Math.min(exportMs, await timeExport())
}

console.log(
  JSON.stringify({
    orders,
    sqlite3Ms: Math.round(sqliteMs),
    exportMs: Math.round(exportMs),
    ratio: Number((exportMs / sqliteMs).toFixed(2)),
    sqlite3Bytes: statSync(sqliteOut).size,
    exportBytes: statSync(join(dir, 'out', 'csv', 'orders.csv')).size,
    peakRssMbBeforeExport: rssBefore,
    peakRssMbAfterExport: peakRssMb(),
  }),
)
rmSync(dir, { recursive: true, force: true })
