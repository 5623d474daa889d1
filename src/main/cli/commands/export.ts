/**
 * `export`: writes an archive out as CSV, XLSX, NDJSON, a SQLite copy,
 * Shopify or WooCommerce import files, or downloads its images.
 */
import { parseArgs } from 'node:util'
import { AppError } from '../../../shared/errors.ts'
import { isEntityKey, type EntityKey } from '../../../shared/entities.ts'
import { ExportErrorCode } from '../../export/errors.ts'
import type { WeightUnit } from '../../export/platforms/options.ts'
import { runExport } from '../../export/run.ts'
import {
  EXPORT_FORMATS,
  isExportFormat,
  type ExportFormat,
  type ExportProgress,
} from '../../export/types.ts'
import { EXIT_CODES } from '../help.ts'

const HELP = `Usage: npm run --silent cli -- export --db FILE --format F --out DIR [options]

Writes the archive FILE into the folder DIR. Files are written under a
temporary name and renamed when complete; a summary file lists the counts
and what was left out on purpose.

Options:
  --db FILE            archive to read (opened read-only)
  --format F           comma list of: ${EXPORT_FORMATS.join(', ')}, or all
                       ("all" leaves out images, which need the network)
  --out DIR            output folder, created when missing
  --entities LIST      comma list of entities to write (default: all)
  --base-url URL       store address for image URLs and downloads
                       (default: the secure URL in the archive)
  --weight-unit U      unit of the store's weights: lb, kg, oz or g
                       (default lb)
  --rate N             image downloads per second (default 4)
  --json               print the summary as JSON on stdout
  --help               show this text
`

const WEIGHT_UNITS: readonly WeightUnit[] = ['lb', 'kg', 'oz', 'g']

function usage(message: string): number {
  process.stderr.write(`${message}\nRun "export --help" for the options.\n`)
  return EXIT_CODES.usage
}

function parseFormats(text: string): ExportFormat[] {
  const names = text
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n !== '')
  if (names.includes('all')) return EXPORT_FORMATS.filter((f) => f !== 'images')
  const unknown = names.filter((n) => !isExportFormat(n))
  if (unknown.length > 0 || names.length === 0) {
    throw new Error(
      `Invalid --format "${text}": expected a comma list of ${EXPORT_FORMATS.join(', ')} or all`,
    )
  }
  return names as ExportFormat[]
}

function parseEntities(text: string | undefined): EntityKey[] | undefined {
  if (text === undefined) return undefined
  const names = text
    .split(',')
    .map((n) => n.trim().toLowerCase())
    .filter((n) => n !== '')
  const unknown = names.filter((n) => !isEntityKey(n))
  if (unknown.length > 0)
    throw new Error(`Unknown entity: ${unknown.join(', ')}`)
  return names as EntityKey[]
}

function progressLine(progress: ExportProgress): string {
  const total = progress.total === null ? '' : ` of ${progress.total}`
  return `${progress.format}: ${progress.step} ${progress.done}${total}\n`
}

export async function run(argv: string[]): Promise<number> {
  let values
  try {
    values = parseArgs({
      args: argv,
      options: {
        db: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
        entities: { type: 'string' },
        'base-url': { type: 'string' },
        'weight-unit': { type: 'string' },
        rate: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean' },
      },
      strict: true,
    }).values
  } catch (error) {
    return usage(error instanceof Error ? error.message : String(error))
  }
  if (values.help) {
    process.stdout.write(HELP)
    return EXIT_CODES.ok
  }
  if (!values.db) return usage('Missing --db FILE.')
  if (!values.format) return usage('Missing --format F.')
  if (!values.out) return usage('Missing --out DIR.')
  let formats: ExportFormat[]
  let entities: EntityKey[] | undefined
  let rate: number | undefined
  const unit = (values['weight-unit'] ?? 'lb') as WeightUnit
  try {
    formats = parseFormats(values.format)
    entities = parseEntities(values.entities)
    if (!WEIGHT_UNITS.includes(unit)) {
      throw new Error(
        `Invalid --weight-unit "${unit}": expected lb, kg, oz or g`,
      )
    }
    if (values.rate !== undefined) {
      rate = Number(values.rate)
      if (!Number.isFinite(rate) || rate <= 0 || rate > 50) {
        throw new Error(
          `Invalid --rate "${values.rate}": expected a number from 0.1 to 50`,
        )
      }
    }
  } catch (error) {
    return usage(error instanceof Error ? error.message : String(error))
  }

  const controller = new AbortController()
  const stop = (): void => controller.abort()
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  let lastLine = 0
  try {
    const result = await runExport({
      archive: values.db,
      outDir: values.out,
      formats,
      ...(entities === undefined ? {} : { entities }),
      ...(values['base-url'] === undefined
        ? {}
        : { baseUrl: values['base-url'] }),
      ...(rate === undefined ? {} : { requestsPerSecond: rate }),
      weightUnit: unit,
      signal: controller.signal,
      onProgress: (progress) => {
        // One progress line a second at most, on stderr.
        const now = Date.now()
        if (values.json || now - lastLine < 1000) return
        lastLine = now
        process.stderr.write(progressLine(progress))
      },
    })
    if (values.json) {
      process.stdout.write(
        JSON.stringify({ outDir: result.outDir, ...result.summary }) + '\n',
      )
    } else {
      for (const file of result.summary.files) {
        process.stdout.write(`${file.file}\t${file.rows} rows\n`)
      }
      if (result.summary.pullNotice !== null) {
        process.stdout.write(`${result.summary.pullNotice}\n`)
      }
      process.stdout.write(`Done: ${result.outDir}\n`)
    }
    return EXIT_CODES.ok
  } catch (error) {
    if (error instanceof AppError) {
      process.stderr.write(`error ${error.code}: ${error.message}\n`)
      if (error.code === ExportErrorCode.cancelled) {
        return EXIT_CODES.interrupted
      }
      if (error.code === ExportErrorCode.storeUnreachable) {
        return EXIT_CODES.network
      }
      return EXIT_CODES.failure
    }
    throw error
  } finally {
    process.off('SIGINT', stop)
    process.off('SIGTERM', stop)
  }
}
