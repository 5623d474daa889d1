/**
 * Runs exports for the app: one at a time, in the background, with progress
 * and the outcome sent as events, and a cancel per job.
 */
import { existsSync } from 'node:fs'
import { isAbsolute } from 'node:path'
import { AppError } from '../../shared/errors.ts'
import type { ReviewView } from '../../shared/review-query.ts'
import type { AppContext } from '../platform/context.ts'
import { archivePathFor, exportDirFor } from '../platform/paths.ts'
import { log } from '../log.ts'
import { ExportErrorCode } from './errors.ts'
import type { WeightUnit } from './platforms/options.ts'
import { viewTable } from './review-filter.ts'
import { withStoreDays } from '../review/store-days.ts'
import { StoreClock } from '../archive/dates.ts'
import { previewFitReport, runExport } from './run.ts'
import { ArchiveSource } from './source.ts'
import { normaliseBaseUrl } from './platforms/options.ts'
import type { FitReport, Platform } from './platforms/fit-report.ts'
import type { ExportFormat, ExportProgress } from './types.ts'

/** Progress events at most this often, so IPC stays quiet on big tables. */
const PROGRESS_INTERVAL_MS = 200
/** Formats that can hold a review grid view: the table formats. */
const VIEW_FORMATS: readonly ExportFormat[] = ['csv', 'xlsx']

export interface StartRequest {
  storeId: string
  formats: ExportFormat[]
  outDir: string
  view?: ReviewView
  weightUnit?: WeightUnit
}

interface Job {
  id: string
  controller: AbortController
  done: Promise<void>
}

export class ExportService {
  private readonly context: AppContext
  private current: Job | null = null
  private counter = 0

  constructor(context: AppContext) {
    this.context = context
  }

  defaults(storeId: string): { outDir: string; storeUrl: string | null } {
    const file = this.archive(storeId)
    const source = ArchiveSource.open(file)
    try {
      const store = source.storeInfo()
      return {
        outDir: exportDirFor(this.context.userDataDir, storeId),
        storeUrl: normaliseBaseUrl(store.secureUrl ?? store.url),
      }
    } finally {
      source.close()
    }
  }

  fitReport(storeId: string, platform: Platform): FitReport {
    return previewFitReport(this.archive(storeId), platform)
  }

  start(request: StartRequest): { jobId: string } {
    if (this.current !== null) {
      throw new AppError(
        ExportErrorCode.busy,
        'An export is already running. Wait for it to finish or cancel it first.',
      )
    }
    if (!isAbsolute(request.outDir)) {
      throw new AppError(
        ExportErrorCode.invalidOptions,
        `"${request.outDir}" is not a full folder path. Enter a path that starts at the drive or root folder.`,
        { outDir: request.outDir },
      )
    }
    if (
      request.view !== undefined &&
      request.formats.some((f) => !VIEW_FORMATS.includes(f))
    ) {
      throw new AppError(
        ExportErrorCode.invalidOptions,
        'The filtered view can be exported as CSV or XLSX only.',
        { formats: request.formats },
      )
    }
    const archive = this.archive(request.storeId)
    const view =
      request.view === undefined
        ? undefined
        : withStoreDays(request.view, this.storeClock(archive))
    // A bad view fails here, before the job starts.
    if (view !== undefined) viewTable(view)
    const id = `export-${Date.now()}-${++this.counter}`
    const controller = new AbortController()
    const done = this.run(id, archive, request, view, controller.signal)
    this.current = { id, controller, done }
    return { jobId: id }
  }

  cancel(jobId: string): void {
    if (this.current?.id === jobId) this.current.controller.abort()
  }

  async dispose(): Promise<void> {
    const job = this.current
    if (job === null) return
    job.controller.abort()
    await job.done
  }

  /** Reads the store's clock, so a filtered view means store days. */
  private storeClock(file: string): StoreClock {
    const source = ArchiveSource.open(file)
    try {
      return new StoreClock(source.storeInfo().timeZone)
    } finally {
      source.close()
    }
  }

  private archive(storeId: string): string {
    const file = archivePathFor(this.context.userDataDir, storeId)
    if (!existsSync(file)) {
      throw new AppError(
        ExportErrorCode.archiveMissing,
        'This store has no archive yet. Pull the store first, then export it.',
        { storeId },
      )
    }
    return file
  }

  private async run(
    jobId: string,
    archive: string,
    request: StartRequest,
    view: ReviewView | undefined,
    signal: AbortSignal,
  ): Promise<void> {
    let last = 0
    const onProgress = (progress: ExportProgress): void => {
      const now = Date.now()
      if (now - last < PROGRESS_INTERVAL_MS && progress.done !== progress.total)
        return
      last = now
      this.context.emit('exportProgress', { jobId, ...progress })
    }
    try {
      const result = await runExport({
        archive,
        outDir: request.outDir,
        formats: request.formats,
        signal,
        onProgress,
        ...(view === undefined ? {} : { view }),
        ...(request.weightUnit === undefined
          ? {}
          : { weightUnit: request.weightUnit }),
      })
      this.context.emit('exportFinished', {
        jobId,
        outDir: result.outDir,
        ok: true,
        files: result.summary.files,
        leftOut: result.summary.leftOut,
        notes: result.summary.notes,
        error: null,
      })
    } catch (error) {
      const info =
        error instanceof AppError
          ? { code: error.code, message: error.message }
          : {
              code: 'INTERNAL_ERROR',
              message:
                'The export failed unexpectedly. The log file has the details.',
            }
      if (!(error instanceof AppError))
        log.error('export: unexpected failure', { error })
      this.context.emit('exportFinished', {
        jobId,
        outDir: request.outDir,
        ok: false,
        files: [],
        leftOut: [],
        notes: [],
        error: info,
      })
    } finally {
      this.current = null
    }
  }
}
