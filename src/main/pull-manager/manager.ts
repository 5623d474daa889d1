/**
 * Runs the app's pulls: at most one per store, each into the store's
 * archive. `pulls.json` in the user data folder lists the pulls that were
 * running or paused, so that after a restart `resumeInterrupted` starts them
 * again. The archive's checkpoints make the new job continue where the old
 * one stopped.
 */
import { mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { z } from 'zod'
import { AppError, type ErrorInfo } from '../../shared/errors.ts'
import { ENTITY_KEYS, type EntityKey } from '../../shared/entities.ts'
import type { PullStatus } from '../../shared/ipc/channels/wizard.ts'
import { Archive } from '../archive/index.ts'
import type { Credentials } from '../api/credentials.ts'
import type { PacingConfig } from '../api/pacer.ts'
import { log } from '../log.ts'
import { archivePathFor } from '../platform/paths.ts'
import { readJsonFile, writeJsonFile } from '../stores/json-file.ts'
import { PullJob, type PullProgress, type PullResult } from '../sync/pull.ts'
import { limitYoungGeneration } from '../sync/young-generation.ts'
import { adviceFor } from './advice.ts'
import { finishedStatus, verificationRow } from './finished-status.ts'
import { ProgressThrottle } from './throttle.ts'

export interface PullTarget {
  credentials: Credentials
  baseUrl: string
  /** Pacing of the demo store; real stores use the client's default. */
  pacing?: PacingConfig
}

export interface PullManagerOptions {
  userDataDir: string
  emit(status: PullStatus): void
  /** Credentials and API address of a store; throws when unavailable. */
  connect(storeId: string): Promise<PullTarget>
  onCompleted(storeId: string): void
}

const savedPullSchema = z.object({
  entities: z.array(z.enum(ENTITY_KEYS as [EntityKey, ...EntityKey[]])),
  storeSensitive: z.boolean(),
  paused: z.boolean(),
  startedAt: z.string(),
})
type SavedPull = z.output<typeof savedPullSchema>
const savedPullsSchema = z.record(z.string(), savedPullSchema)

interface ActivePull {
  job: PullJob | null
  archive: Archive | null
  done: Promise<void>
  throttle: ProgressThrottle
}

export const PullErrorCode = {
  alreadyRunning: 'PULL_ALREADY_RUNNING',
  notRunning: 'PULL_NOT_RUNNING',
} as const

export class PullManager {
  private readonly options: PullManagerOptions
  private readonly file: string
  private readonly active = new Map<string, ActivePull>()
  private readonly statuses = new Map<string, PullStatus>()
  /** Stores whose archive was read for a finished copy since the start. */
  private readonly checkedArchives = new Set<string>()
  private saved: Record<string, SavedPull>
  private disposing = false

  constructor(options: PullManagerOptions) {
    // At app start rather than at the first pull, because work before the
    // pull can already grow V8's young generation, which seldom shrinks.
    limitYoungGeneration()
    this.options = options
    this.file = join(options.userDataDir, 'pulls.json')
    const parsed = savedPullsSchema.safeParse(readJsonFile(this.file))
    this.saved = parsed.success ? parsed.data : {}
    for (const [storeId, pull] of Object.entries(this.saved)) {
      if (pull.paused) {
        this.statuses.set(
          storeId,
          pausedStatus(options.userDataDir, storeId, pull),
        )
      }
    }
  }

  /**
   * Returns the store's copy in progress or of this session, else its last
   * completed copy from the archive, read once per app start.
   */
  status(storeId: string): PullStatus | null {
    const known = this.statuses.get(storeId)
    if (known !== undefined || this.checkedArchives.has(storeId)) {
      return known ?? null
    }
    this.checkedArchives.add(storeId)
    const file = archivePathFor(this.options.userDataDir, storeId)
    const finished = finishedStatus(file, storeId)
    if (finished !== null) this.statuses.set(storeId, finished)
    return finished
  }

  /** Starts a pull, or continues the last one from its checkpoints. */
  async start(
    storeId: string,
    entities: EntityKey[],
    storeSensitive: boolean,
  ): Promise<PullStatus> {
    if (this.active.has(storeId)) {
      throw new AppError(
        PullErrorCode.alreadyRunning,
        'A copy of this store is already running. Pause or cancel it first.',
        { storeId },
      )
    }
    const pull: SavedPull = {
      entities,
      storeSensitive,
      paused: false,
      startedAt: new Date().toISOString(),
    }
    this.remember(storeId, pull)
    const status = initialStatus(storeId, pull)
    this.statuses.set(storeId, status)
    const throttle = new ProgressThrottle((next) => this.publish(next))
    const entry: ActivePull = {
      job: null,
      archive: null,
      throttle,
      done: Promise.resolve(),
    }
    this.active.set(storeId, entry)
    entry.done = this.run(storeId, pull, entry)
    this.options.emit(status)
    return status
  }

  pause(storeId: string): PullStatus {
    const entry = this.active.get(storeId) ?? this.notRunning(storeId)
    entry.job?.pause()
    const saved = this.saved[storeId]
    if (saved) this.remember(storeId, { ...saved, paused: true })
    return this.refresh(storeId, entry)
  }

  /** Resumes a paused job, or starts one for a pull paused before a restart. */
  async resume(storeId: string): Promise<PullStatus> {
    const entry = this.active.get(storeId)
    const saved = this.saved[storeId]
    if (!entry) {
      if (!saved) this.notRunning(storeId)
      return this.start(storeId, saved.entities, saved.storeSensitive)
    }
    entry.job?.resume()
    if (saved) this.remember(storeId, { ...saved, paused: false })
    return this.refresh(storeId, entry)
  }

  async cancel(storeId: string): Promise<PullStatus> {
    const entry = this.active.get(storeId)
    this.forgetSaved(storeId)
    if (!entry) {
      const status = this.statuses.get(storeId)
      if (!status) this.notRunning(storeId)
      const cancelled = { ...status, state: 'cancelled' as const }
      this.publish(cancelled)
      return cancelled
    }
    entry.job?.cancel()
    await entry.done
    return this.statuses.get(storeId) ?? this.notRunning(storeId)
  }

  /** Starts again every pull that was running when the app closed. */
  async resumeInterrupted(): Promise<void> {
    for (const [storeId, pull] of Object.entries(this.saved)) {
      if (pull.paused || this.active.has(storeId)) continue
      log.info('pulls: resuming after restart', { storeId })
      try {
        await this.start(storeId, pull.entities, pull.storeSensitive)
      } catch (error) {
        log.error('pulls: could not resume after restart', { storeId, error })
      }
    }
  }

  /** Cancels a store's pull and drops its status, for a store being removed. */
  async forget(storeId: string): Promise<void> {
    const entry = this.active.get(storeId)
    this.forgetSaved(storeId)
    entry?.job?.cancel()
    await entry?.done
    this.statuses.delete(storeId)
  }

  /** Stops every job but keeps `pulls.json`, so they resume next start. */
  async dispose(): Promise<void> {
    this.disposing = true
    const running = [...this.active.values()]
    for (const entry of running) entry.job?.cancel()
    await Promise.all(running.map((entry) => entry.done))
  }

  private async run(
    storeId: string,
    pull: SavedPull,
    entry: ActivePull,
  ): Promise<void> {
    let result: PullResult | null = null
    let failure: ErrorInfo | null = null
    try {
      const target = await this.options.connect(storeId)
      const file = archivePathFor(this.options.userDataDir, storeId)
      mkdirSync(dirname(file), { recursive: true })
      entry.archive = Archive.open(file)
      entry.job = new PullJob({
        archive: entry.archive,
        credentials: target.credentials,
        baseUrl: target.baseUrl,
        entities: pull.entities,
        mode: 'full',
        storeSensitive: pull.storeSensitive,
        ...(target.pacing ? { pacing: target.pacing } : {}),
        onProgress: (progress) =>
          entry.throttle.push(this.merge(storeId, progress)),
      })
      if (this.disposing) entry.job.cancel()
      const running = entry.job.start()
      // A pause requested while the job was being set up applies now,
      // after `start` has marked the job as running.
      if (this.saved[storeId]?.paused) entry.job.pause()
      result = await running
    } catch (error) {
      failure =
        error instanceof AppError
          ? error.toInfo()
          : { code: 'PULL_FAILED', message: String(error) }
      log.error('pulls: could not run the pull', {
        storeId,
        code: failure.code,
      })
    } finally {
      entry.throttle.stop()
      entry.archive?.close()
      this.active.delete(storeId)
    }
    this.finish(storeId, entry, result, failure)
  }

  private finish(
    storeId: string,
    entry: ActivePull,
    result: PullResult | null,
    failure: ErrorInfo | null,
  ): void {
    const before = this.statuses.get(storeId)
    if (!before) return
    const progress = entry.job?.progress()
    const status: PullStatus = progress
      ? this.merge(storeId, progress)
      : { ...before }
    status.finishedAt = new Date().toISOString()
    const error = failure ?? result?.error ?? null
    if (error) {
      status.state = 'failed'
      status.errors = [{ ...error, advice: adviceFor(error.code) }]
    }
    if (result?.state === 'completed') {
      status.state = 'completed'
      status.verification = result.entities.map(verificationRow)
      this.options.onCompleted(storeId)
    }
    // A cancel caused by the app closing keeps the pull listed for restart.
    if (!this.disposing || status.state === 'completed') {
      this.forgetSaved(storeId)
    }
    this.publish(status)
  }

  private merge(storeId: string, progress: PullProgress): PullStatus {
    const before = this.statuses.get(storeId)
    return {
      storeId,
      state: progress.state,
      entities: progress.entities,
      recordsPerSecond: progress.recordsPerSecond,
      etaSeconds: progress.etaSeconds,
      retries: progress.retries,
      lastError: progress.lastError,
      errors: before?.errors ?? [],
      verification: before?.verification ?? null,
      startedAt: before?.startedAt ?? new Date().toISOString(),
      finishedAt: null,
    }
  }

  private refresh(storeId: string, entry: ActivePull): PullStatus {
    const status = entry.job
      ? this.merge(storeId, entry.job.progress())
      : (this.statuses.get(storeId) ?? this.notRunning(storeId))
    this.publish(status)
    return status
  }

  private publish(status: PullStatus): void {
    this.statuses.set(status.storeId, status)
    this.options.emit(status)
  }

  private notRunning(storeId: string): never {
    throw new AppError(
      PullErrorCode.notRunning,
      'No copy of this store is running. Start one on the Choose data step.',
      { storeId },
    )
  }

  private remember(storeId: string, pull: SavedPull): void {
    this.saved = { ...this.saved, [storeId]: pull }
    writeJsonFile(this.file, this.saved)
  }

  private forgetSaved(storeId: string): void {
    if (!(storeId in this.saved)) return
    const { [storeId]: _removed, ...rest } = this.saved
    this.saved = rest
    writeJsonFile(this.file, this.saved)
  }
}

function initialStatus(storeId: string, pull: SavedPull): PullStatus {
  return {
    storeId,
    state: 'running',
    entities: pull.entities.map((entity) => ({
      entity,
      done: 0,
      total: null,
      state: 'waiting',
    })),
    recordsPerSecond: 0,
    etaSeconds: null,
    retries: 0,
    lastError: null,
    errors: [],
    verification: null,
    startedAt: pull.startedAt,
    finishedAt: null,
  }
}

/** Builds the status of a pull paused before a restart from its archive. */
function pausedStatus(
  userDataDir: string,
  storeId: string,
  pull: SavedPull,
): PullStatus {
  const status: PullStatus = {
    ...initialStatus(storeId, pull),
    state: 'paused',
  }
  try {
    // Read-only, so the counts show while a command-line pull writes it.
    const archive = Archive.open(archivePathFor(userDataDir, storeId), {
      readonly: true,
    })
    try {
      status.entities = status.entities.map((row) => ({
        ...row,
        done: archive.count(row.entity),
        total: archive.getCheckpoint(row.entity)?.storeCount ?? null,
      }))
    } finally {
      archive.close()
    }
  } catch (error) {
    // The counts are only for display; the pull itself resumes regardless.
    log.warn('pulls: could not read the counts of a paused pull', {
      storeId,
      error,
    })
  }
  return status
}
