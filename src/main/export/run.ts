/**
 * Runs an export: opens the archive read-only, prepares the output folder,
 * writes each chosen format, then the summary. Every read goes through the
 * source's one connection and its one read transaction, so all files and
 * the summary's counts show one state of the archive, even while a pull
 * writes. On any failure or cancel the unfinished files are deleted and the
 * error carries a stable code.
 */
import type { EntityKey } from '../../shared/entities.ts'
import type { ReviewView } from '../../shared/review-query.ts'
import { corruptError, sqliteCode } from '../archive/errors.ts'
import { log } from '../log.ts'
import { OffsetDateFormatter } from './dates.ts'
import { toExportError } from './errors.ts'
import { writeCsv } from './formats/csv.ts'
import { DEFAULT_IMAGE_OPTIONS, writeImages } from './formats/images.ts'
import { writeNdjson } from './formats/ndjson.ts'
import { writeSqliteCopy } from './formats/sqlite.ts'
import { writeXlsx } from './formats/xlsx.ts'
import { OutputFolder } from './output.ts'
import {
  buildFitReport,
  type FitReport,
  type Platform,
} from './platforms/fit-report.ts'
import {
  normaliseBaseUrl,
  type PlatformOptions,
  type WeightUnit,
} from './platforms/options.ts'
import { writeShopify } from './platforms/shopify.ts'
import { writeWooCommerce } from './platforms/woocommerce.ts'
import { isPullWriting, PULL_WRITING_NOTICE } from './pull-state.ts'
import { filterFromView } from './review-filter.ts'
import { ArchiveSource } from './source.ts'
import { buildSummary, writeSummary, type ExportSummary } from './summary.ts'
import {
  type ExportFormat,
  type ExportProgress,
  type FormatContext,
} from './types.ts'

export interface ExportRequest {
  archive: string
  outDir: string
  formats: readonly ExportFormat[]
  /** Entities to write; all exportable ones when absent. */
  entities?: readonly EntityKey[]
  /**
   * Review grid view, with dates in store days: only its rows of its
   * entity's table are written, and `entities` is ignored.
   */
  view?: ReviewView
  /** Store address for image URLs; read from the archive when absent. */
  baseUrl?: string | null
  weightUnit?: WeightUnit
  requestsPerSecond?: number
  signal?: AbortSignal
  onProgress?: (progress: ExportProgress) => void
}

export interface ExportResult {
  outDir: string
  summary: ExportSummary
}

/**
 * Formats in the order they run: the lossless copies first, so a cancel or
 * a full disk later on still leaves them complete, and the network last.
 */
const RUN_ORDER: readonly ExportFormat[] = [
  'sqlite',
  'ndjson',
  'csv',
  'xlsx',
  'shopify',
  'woocommerce',
  'images',
]

function ordered(formats: readonly ExportFormat[]): ExportFormat[] {
  return RUN_ORDER.filter((f) => formats.includes(f))
}

export async function runExport(request: ExportRequest): Promise<ExportResult> {
  const source = ArchiveSource.open(request.archive)
  let folder: OutputFolder | undefined
  try {
    const pullAtStart = isPullWriting(source)
    folder = await OutputFolder.prepare(request.outDir)
    const store = source.storeInfo()
    // Built on the export's connection, which the view's search needs.
    const filter =
      request.view === undefined
        ? undefined
        : filterFromView(source.db, request.view)
    const entities = filter === undefined ? request.entities : [filter.table]
    const context: FormatContext = {
      source,
      folder,
      dates: new OffsetDateFormatter(store.timeZone),
      entities: source.exportableEntities(entities),
      signal: request.signal,
      filter,
      report: request.onProgress ?? (() => undefined),
      written: [],
      leftOut: new Set(),
    }
    const baseUrl = normaliseBaseUrl(
      request.baseUrl ?? store.secureUrl ?? store.url,
    )
    const platform: PlatformOptions = {
      baseUrl,
      weightUnit: request.weightUnit ?? 'lb',
    }
    const formats = ordered(request.formats)
    log.info('export: started', { outDir: folder.dir, formats })
    for (const format of formats) {
      await writeFormat(context, format, platform, request)
    }
    // A pull that starts during the export also stores records it lacks.
    const pullWriting = pullAtStart || isPullWriting(source)
    const summary = buildSummary(
      source,
      formats,
      context.written,
      context.leftOut,
      pullWriting ? PULL_WRITING_NOTICE : null,
    )
    await writeSummary(folder, summary)
    log.info('export: finished', {
      outDir: folder.dir,
      files: context.written.length,
      pullWriting,
    })
    return { outDir: folder.dir, summary }
  } catch (error) {
    await folder?.discardOpen()
    const mapped = isDamage(error)
      ? corruptError(request.archive, 'SQLite reports damage', error)
      : toExportError(folder?.dir ?? request.outDir, error)
    log.warn('export: failed', { outDir: request.outDir, error: mapped })
    throw mapped
  } finally {
    source.close()
  }
}

/**
 * Tells whether an error is damage SQLite found in a file it read. The
 * export only reads the archive, and the SQLite file it writes is new, so
 * such damage is the archive's.
 */
function isDamage(error: unknown): boolean {
  const code = sqliteCode(error)
  return (
    code !== undefined &&
    (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'))
  )
}

async function writeFormat(
  context: FormatContext,
  format: ExportFormat,
  platform: PlatformOptions,
  request: ExportRequest,
): Promise<void> {
  switch (format) {
    case 'csv':
      return writeCsv(context)
    case 'xlsx':
      return writeXlsx(context)
    case 'ndjson':
      return writeNdjson(context)
    case 'sqlite':
      return writeSqliteCopy(context)
    case 'shopify':
      return writeShopify(context, platform)
    case 'woocommerce':
      return writeWooCommerce(context, platform)
    case 'images':
      return writeImages(context, {
        ...DEFAULT_IMAGE_OPTIONS,
        baseUrl: platform.baseUrl,
        ...(request.requestsPerSecond === undefined
          ? {}
          : { requestsPerSecond: request.requestsPerSecond }),
      })
  }
}

/** Builds the fit report alone, for the export screen before a platform export. */
export function previewFitReport(
  archive: string,
  platform: Platform,
): FitReport {
  const source = ArchiveSource.open(archive)
  try {
    return buildFitReport(source, platform)
  } finally {
    source.close()
  }
}
