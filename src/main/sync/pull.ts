/**
 * The pull: every selected entity of a store into the archive, resumable
 * after a kill or cancel, verified against the store's counts at the end.
 * StoreSettings come first (their time zone drives the date filters), then
 * the entities in catalogue order.
 */
import { AppError, type ErrorInfo } from '../../shared/errors.ts'
import {
  ENTITIES,
  getEntity,
  isEntityKey,
  type EntityDefinition,
  type EntityKey,
} from '../../shared/entities.ts'
import type { Archive, EntityChanges } from '../archive/index.ts'
import { ApiClient } from '../api/client.ts'
import type { Credentials } from '../api/credentials.ts'
import { ApiErrorCode, isCancelled } from '../api/errors.ts'
import type { PacingConfig } from '../api/pacer.ts'
import type { RetryPolicy } from '../api/retry.ts'
import type { StoreZone } from '../archive/time-zones.ts'
import { log } from '../log.ts'
import { PullGate } from './gate.ts'
import {
  INCREMENTAL_LIMITS,
  INCREMENTAL_OVERLAP_MS,
  updatedSinceFilter,
} from './incremental.ts'
import { ProgressTracker, type PullProgress } from './progress.ts'
import {
  verifyEntity,
  type EntityVerification,
  type VerifyState,
} from './reconcile.ts'
import {
  chainStartedAt,
  lastCompletedRun,
  markInterruptedRuns,
  runById,
} from './run-history.ts'
import { recordedRepeats, type ListingRepeats } from './duplicate-listings.ts'
import {
  recordedCountMismatches,
  type RecordedMismatch,
} from './count-mismatch.ts'
import { claimArchiveForStore } from './store-identity.ts'
import {
  pullZone,
  type StoreSettingsRead,
  type TimeZoneFinding,
} from './store-zone.ts'
import { prepareRecords, walkEntity, type SyncContext } from './walk.ts'

export type { PullProgress } from './progress.ts'

/**
 * Entities walked at the same time. While one walk waits for a reply,
 * another can use the rate limit, so a pull is paced by the store's limit
 * rather than by network latency. Each walk keeps at most two pages in
 * memory.
 */
export const WALK_CONCURRENCY = 3

/**
 * Runs `work` over `items`, at most `limit` at once, keeping item order.
 * The first failure stops the pool: `onFailure` runs (to abort the work in
 * flight), the other workers settle, then the failure is thrown.
 */
async function runPool<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
  onFailure: () => void,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length)
  let next = 0
  let failure: { error: unknown } | null = null
  const worker = async (): Promise<void> => {
    while (failure === null && next < items.length) {
      const index = next++
      try {
        results[index] = await work(items[index]!, index)
      } catch (error) {
        if (failure === null) {
          failure = { error }
          onFailure()
        }
        return
      }
    }
  }
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, () => worker()),
  )
  if (failure !== null) throw (failure as { error: unknown }).error
  return results
}

export interface PullOptions {
  archive: Archive
  credentials: Credentials
  baseUrl?: string
  entities?: EntityKey[]
  mode?: 'full' | 'incremental'
  /** Keeps passwords, card data and cart keys; off by default. */
  storeSensitive?: boolean
  signal?: AbortSignal
  onProgress?: (progress: PullProgress) => void
  pacing?: PacingConfig | 'off'
  retry?: Partial<RetryPolicy>
  /** Timeout of one request in milliseconds. */
  timeoutMs?: number
}

export interface PullResult {
  runId: number
  state: 'completed' | 'cancelled' | 'failed'
  mode: 'full' | 'incremental'
  /** Verification per entity; empty unless the pull got that far. */
  entities: EntityVerification[]
  /** True when every entity's local count matches the store's. */
  complete: boolean
  error: ErrorInfo | null
  /** Limits and facts the merchant should read, in plain words. */
  notices: string[]
  changes: EntityChanges[]
}

/** Entities a pull reads when the caller names none. */
export function defaultEntities(): EntityKey[] {
  return ENTITIES.filter((e) => e.defaultSelected).map((e) => e.key)
}

/** Validates a selection and puts it in catalogue order. */
export function resolveEntities(selection?: readonly string[]): EntityKey[] {
  if (!selection || selection.length === 0) return defaultEntities()
  const unknown = selection.filter((key) => !isEntityKey(key))
  if (unknown.length > 0) {
    throw new AppError(
      'UNKNOWN_ENTITY',
      `Unknown entity: ${unknown.join(', ')}. Choose from: ${ENTITIES.map((e) => e.key).join(', ')}.`,
      { unknown },
    )
  }
  const chosen = new Set(selection)
  return ENTITIES.filter((e) => chosen.has(e.key)).map((e) => e.key)
}

export class PullJob {
  private readonly options: PullOptions
  private readonly entities: EntityKey[]
  private readonly mode: 'full' | 'incremental'
  private readonly gate = new PullGate()
  /** Aborts the other walks in flight when one of them fails. */
  private readonly failure = new AbortController()
  private readonly tracker: ProgressTracker
  private client: ApiClient | null = null
  private previousCounts: Map<EntityKey, number | null> | null = null
  /** List entities of this pull whose walk has not ended yet. */
  private unwalked = 0
  /** Repeated ids per entity as earlier pulls recorded them. */
  private recorded = new Map<EntityKey, ListingRepeats>()
  /** Counts that disagreed with the listing in earlier pulls, per entity. */
  private recordedMismatches = new Map<EntityKey, RecordedMismatch>()
  /** Set when StoreSettings gave no time zone the archive can use. */
  private timeZoneFinding: TimeZoneFinding | null = null
  /** True when the store returned 404 for StoreSettings, so it has none. */
  private storeSettingsAbsent = false
  private started = false

  constructor(options: PullOptions) {
    this.options = options
    this.entities = resolveEntities(options.entities)
    this.mode = options.mode ?? 'full'
    this.tracker = new ProgressTracker(
      this.entities,
      (requests) => this.client?.estimateSeconds(requests) ?? null,
      options.onProgress,
    )
    options.signal?.addEventListener('abort', () => this.cancel(), {
      once: true,
    })
  }

  progress(): PullProgress {
    return this.tracker.snapshot()
  }

  /** Stops after the page in flight is stored, until `resume`. */
  pause(): void {
    if (this.gate.isPaused || this.gate.isCancelled) return
    this.gate.pause()
    this.tracker.setState('paused')
  }

  resume(): void {
    if (!this.gate.isPaused) return
    this.gate.resume()
    this.tracker.setState(this.tracker.currentPhase)
  }

  /** Aborts the request in flight; the checkpoint of the last page stays. */
  cancel(): void {
    this.gate.cancel()
  }

  async start(): Promise<PullResult> {
    if (this.started) throw new Error('A PullJob can only be started once')
    this.started = true
    const { archive } = this.options
    claimArchiveForStore(archive, this.options.credentials.secureUrl)
    // A run still 'running' here was killed; this run takes over.
    markInterruptedRuns(archive)
    // Taken before this run is created, so it names the previous pull.
    const previous = lastCompletedRun(archive)
    const runId = archive.startRun(this.mode, this.entities)
    this.tracker.setRunId(runId)
    const context = this.createContext(runId)

    const notices: string[] = []
    const since = this.incrementalSince(previous?.startedAt, notices)
    log.info('Pull started', {
      runId,
      mode: this.mode,
      entities: this.entities,
    })
    try {
      this.tracker.enterPhase('running', this.gate.isPaused)
      const verified = await this.run(context, since)
      const complete = verified.every((v) => v.complete)
      const changing = verified.filter((v) => !v.complete && !v.keptAside)
      if (changing.length > 0) notices.push(incompleteNotice(changing))
      for (const row of verified) {
        if (row.countMismatch) notices.push(row.countMismatch.message)
        if (row.keptAside) notices.push(row.keptAside.message)
      }
      this.reportTimeZone(verified, notices)
      for (const key of this.entities) archive.clearCheckpoint(key)
      archive.finishRun(runId, 'completed', { complete, entities: verified })
      this.tracker.setState('completed')
      log.info('Pull completed', { runId, complete })
      return this.result(runId, 'completed', verified, null, notices)
    } catch (error) {
      return this.fail(runId, error, notices)
    }
  }

  private createContext(runId: number): SyncContext {
    this.client = new ApiClient({
      credentials: this.options.credentials,
      signal: AbortSignal.any([this.gate.signal, this.failure.signal]),
      onRetry: (event) => this.tracker.recordRetry(event.code, event.message),
      ...(this.options.baseUrl ? { baseUrl: this.options.baseUrl } : {}),
      ...(this.options.pacing ? { pacing: this.options.pacing } : {}),
      ...(this.options.retry ? { retry: this.options.retry } : {}),
      ...(this.options.timeoutMs ? { timeoutMs: this.options.timeoutMs } : {}),
    })
    return {
      archive: this.options.archive,
      client: this.client,
      gate: this.gate,
      progress: this.tracker,
      runId,
      storeSensitive: this.options.storeSensitive ?? false,
      fullPageSizes: new Set(),
      keptAside: new Set(),
    }
  }

  private incrementalSince(
    previousStart: string | undefined,
    notices: string[],
  ): Date | null {
    if (this.mode !== 'incremental') return null
    notices.push(...INCREMENTAL_LIMITS)
    if (!previousStart) {
      notices.push(
        'This archive has no completed pull yet, so every record is read.',
      )
      return null
    }
    return new Date(Date.parse(previousStart) - INCREMENTAL_OVERLAP_MS)
  }

  private async run(
    context: SyncContext,
    since: Date | null,
  ): Promise<EntityVerification[]> {
    const zone = await this.pullStoreSettings(context)
    this.recorded = recordedRepeats(context.archive, this.entities)
    this.recordedMismatches = recordedCountMismatches(
      context.archive,
      this.entities,
    )
    const lists = this.entities
      .map(getEntity)
      .filter((definition) => definition.shape === 'list')
    const abort = (): void => this.failure.abort()
    const walk = (definition: EntityDefinition): Promise<VerifyState> =>
      this.pullEntity(context, definition, since, zone)
    this.unwalked = lists.length
    // Entities with an update filter go first. The others are walked once
    // those walks have ended, so each of their walks reads the changes made
    // until then, as a re-read in verification would, at no extra request.
    const tracked = lists.filter((definition) => definition.lastUpdateFilter)
    const plain = lists.filter((definition) => !definition.lastUpdateFilter)
    const states = new Map<EntityKey, VerifyState>()
    for (const group of [tracked, plain]) {
      const walked = await runPool(group, WALK_CONCURRENCY, walk, abort)
      group.forEach((definition, i) => states.set(definition.key, walked[i]!))
      if (group === tracked) this.refreshSearchIndex()
    }
    this.tracker.enterPhase('verifying', this.gate.isPaused)
    const verified: EntityVerification[] = []
    if (this.entities.includes('store_settings')) {
      verified.push(this.storeSettingsVerification())
    }
    const checks = await runPool(
      lists,
      WALK_CONCURRENCY,
      (definition) =>
        verifyEntity(context, definition, states.get(definition.key)!),
      abort,
    )
    return [...verified, ...checks]
  }

  /**
   * Rebuilds the substring search index once the large entities are
   * stored, instead of in `finishRun`. The rebuild blocks this thread (0.5 s
   * for 24,000 orders on the shared 2-core machine), and the requests
   * still to come wait for the rate limit anyway, so here it adds no wall
   * time. The few records stored later keep the index up to date as they
   * are written.
   */
  private refreshSearchIndex(): void {
    try {
      this.options.archive.refreshSubstringIndex()
    } catch (error) {
      // `finishRun` tries again; until then substring search stays off.
      log.warn('Could not rebuild the substring index during the pull', {
        error,
      })
    }
  }

  /**
   * Reads and stores StoreSettings, selected or not: its time zone turns
   * every store date into UTC, so a pull of a few entities needs it too.
   * Returns the zone of the API's date filters.
   */
  private async pullStoreSettings(context: SyncContext): Promise<StoreZone> {
    const selected = this.entities.includes('store_settings')
    const definition = getEntity('store_settings')
    if (selected)
      this.tracker.updateEntity('store_settings', { state: 'pulling' })
    let read: StoreSettingsRead
    try {
      await this.gate.pass()
      const record = await context.client.fetchObject(definition)
      if (record) {
        const [prepared] = prepareRecords([record], context.storeSensitive)
        context.archive.setStoreSettings(prepared!.raw, prepared!.value)
        if (selected) this.tracker.addRecords('store_settings', 1)
        read = { kind: 'read', settings: record.value }
      } else {
        this.storeSettingsAbsent = true
        read = {
          kind: 'unreadable',
          reason: 'the store returned 404 Not Found',
        }
      }
    } catch (error) {
      // Without read access to StoreSettings the pull still works when the
      // merchant did not select them.
      if (
        selected ||
        !(error instanceof AppError) ||
        error.code !== ApiErrorCode.badCredentials
      ) {
        throw error
      }
      log.warn('StoreSettings not readable, so the pull goes on without them', {
        code: error.code,
      })
      read = {
        kind: 'unreadable',
        reason: 'the application has no read access to StoreSettings',
      }
    }
    const zone = pullZone(read, context.archive.storeTimeZone())
    this.timeZoneFinding = zone.finding
    if (zone.finding) {
      log.warn('Store time zone unknown, so the UTC date columns stay empty', {
        problem: zone.finding.problem,
        setting: zone.finding.setting,
      })
    }
    return zone.filterZone
  }

  /**
   * Adds the time zone finding to the notices and to the verification row
   * of StoreSettings, or of the first entity when StoreSettings were not
   * selected, so the wizard shows it as it shows other findings.
   */
  private reportTimeZone(
    verified: EntityVerification[],
    notices: string[],
  ): void {
    const finding = this.timeZoneFinding
    if (finding === null) return
    notices.push(finding.message)
    const row =
      verified.find((v) => v.entity === 'store_settings') ?? verified[0]
    if (row) row.timeZone = finding
  }

  /**
   * Verifies StoreSettings. A 404 means the store exposes none, so nothing
   * is missing, and the time zone finding explains the effect on dates.
   */
  private storeSettingsVerification(): EntityVerification {
    const localCount = this.options.archive.count('store_settings')
    const storeCount = this.storeSettingsAbsent ? 0 : 1
    const complete = this.storeSettingsAbsent || localCount === 1
    this.tracker.updateEntity('store_settings', {
      state: complete ? 'complete' : 'incomplete',
      done: localCount,
      total: storeCount,
    })
    return {
      entity: 'store_settings',
      storeCount,
      localCount,
      complete,
      rewalks: 0,
      removed: 0,
    }
  }

  /** Walks one entity, resuming from its checkpoint when one fits. */
  private async pullEntity(
    context: SyncContext,
    definition: EntityDefinition,
    since: Date | null,
    zone: StoreZone,
  ): Promise<VerifyState> {
    const { archive, runId } = context
    const key = definition.key
    const filters =
      since && definition.lastUpdateFilter
        ? updatedSinceFilter(since, zone)
        : {}
    const filtered = Object.keys(filters).length > 0
    const checkpoint = this.usableCheckpoint(key)
    const total = this.previousTotal(definition, filtered)
    this.tracker.updateEntity(key, {
      state: 'pulling',
      done: checkpoint?.received ?? 0,
      total,
    })
    if (checkpoint && checkpoint.phase !== 'walk') {
      // The walk finished in an earlier run; only verification is left.
      this.unwalked--
      return {
        walk: null,
        seenIds: null,
        walkStartedAt: new Date(chainStartedAt(archive, runId)),
        walkedLast: false,
        zone,
        recordedRepeats: this.recorded.get(key) ?? null,
        recordedMismatch: this.recordedMismatches.get(key) ?? null,
      }
    }
    // An entity without an update filter walks after every entity with
    // one. An entity with one walked last when it is the only one left. A
    // failed walk fails the whole pull, so the count is not decremented on
    // failure.
    const walkedLast = !definition.lastUpdateFilter || this.unwalked === 1
    const walkStartedAt = checkpoint
      ? new Date(chainStartedAt(archive, runId))
      : new Date()
    // Only a whole, unfiltered walk reads every id the store has.
    const seenIds = !checkpoint && !filtered ? new Set<string>() : null
    const walk = await walkEntity(context, definition, {
      filters,
      startOffset: checkpoint?.nextOffset ?? 1,
      received: checkpoint?.received ?? 0,
      checkpoint: true,
      ...(seenIds ? { seenIds } : {}),
      ...(total === null && !filtered && definition.lastUpdateFilter
        ? { fetchCount: () => this.countForProgress(context, definition) }
        : {}),
    })
    this.unwalked--
    archive.upsertPage(key, [], {
      entity: key,
      runId,
      nextOffset: walk.nextOffset,
      received: walk.received,
      storeCount: walk.endCount,
      phase: 'verify',
    })
    if (walk.endCount !== null && !filtered) {
      this.tracker.updateEntity(key, { total: walk.endCount })
    }
    return {
      // A filtered walk's count is not the entity's count.
      walk: filtered ? { ...walk, endCount: null, repeats: null } : walk,
      seenIds: walk.ordered ? seenIds : null,
      walkStartedAt,
      walkedLast,
      zone,
      recordedRepeats: this.recorded.get(key) ?? null,
      recordedMismatch: this.recordedMismatches.get(key) ?? null,
    }
  }

  /**
   * The total shown until the walk finds the exact count: the count an
   * earlier pull recorded, or null. Null for filtered walks.
   */
  private previousTotal(
    definition: EntityDefinition,
    filtered: boolean,
  ): number | null {
    if (filtered) return null
    if (!this.previousCounts) {
      this.previousCounts = new Map(
        this.options.archive
          .completeness()
          .map((row) => [row.entity, row.storeCount]),
      )
    }
    return this.previousCounts.get(definition.key) ?? null
  }

  /**
   * Counts an entity whose first page came back full and that no earlier
   * pull counted. The large entities (those with an update filter) decide
   * the ETA, and the count also ends their walk without a request past
   * the end. Other entities stay unknown until their walk ends, since every
   * request costs half a second of the rate limit.
   */
  private async countForProgress(
    context: SyncContext,
    definition: EntityDefinition,
  ): Promise<number> {
    await this.gate.pass()
    const count = await context.client.count(definition)
    this.tracker.updateEntity(definition.key, { total: count })
    return count
  }

  /** Returns the entity's checkpoint when a pull of this mode wrote it. */
  private usableCheckpoint(key: EntityKey) {
    const { archive } = this.options
    const checkpoint = archive.getCheckpoint(key)
    if (!checkpoint || checkpoint.phase === 'done') return undefined
    const run = runById(archive, checkpoint.runId)
    if (run?.mode === this.mode) return checkpoint
    archive.clearCheckpoint(key)
    return undefined
  }

  private fail(runId: number, error: unknown, notices: string[]): PullResult {
    const { archive } = this.options
    if (isCancelled(error) || this.gate.isCancelled) {
      archive.finishRun(runId, 'cancelled')
      this.tracker.setState('cancelled')
      log.info('Pull cancelled', { runId })
      return this.result(runId, 'cancelled', [], null, notices)
    }
    const info = this.describeFailure(error)
    log.error('Pull failed', { runId, code: info.code, message: info.message })
    try {
      archive.recordError(runId, entityOf(info), info.code, info.message)
      archive.finishRun(runId, 'failed', { error: info })
    } catch (bookkeeping) {
      // The archive itself may be what failed (disk full); the original
      // error is the one to report.
      log.error('Could not record the failed run', bookkeeping)
    }
    this.tracker.recordError(info.code, info.message)
    this.tracker.setState('failed')
    return this.result(runId, 'failed', [], info, notices)
  }

  /** Describes a failure; a 401 after earlier successes is a missing scope. */
  private describeFailure(error: unknown): ErrorInfo {
    if (!(error instanceof AppError)) {
      const message = error instanceof Error ? error.message : String(error)
      return {
        code: 'PULL_FAILED',
        message: `The pull stopped on an unexpected error: ${message}. Run it again to continue where it stopped.`,
      }
    }
    if (
      error.code === ApiErrorCode.badCredentials &&
      this.client?.hasSucceeded
    ) {
      const module = String(error.details?.['module'] ?? 'one')
      return {
        code: ApiErrorCode.missingScope,
        message: `The application has no read access to the ${module} module. In the developer portal give it read access to ${module}, or leave that data out of the pull, then run it again.`,
        details: { ...error.details },
      }
    }
    return error.toInfo()
  }

  private result(
    runId: number,
    state: PullResult['state'],
    entities: EntityVerification[],
    error: ErrorInfo | null,
    notices: string[],
  ): PullResult {
    let changes: EntityChanges[] = []
    try {
      changes = this.options.archive.changesForRun(runId)
    } catch (readError) {
      log.warn('Could not read the changes of the run', readError)
    }
    return {
      runId,
      state,
      mode: this.mode,
      entities,
      complete: state === 'completed' && entities.every((e) => e.complete),
      error,
      notices,
      changes,
    }
  }
}

function entityOf(info: ErrorInfo): EntityKey | null {
  const entity = info.details?.['entity']
  return typeof entity === 'string' && isEntityKey(entity) ? entity : null
}

function incompleteNotice(verified: EntityVerification[]): string {
  const rows = verified
    .filter((v) => !v.complete)
    .map(
      (v) => `${getEntity(v.entity).label}: ${v.localCount} of ${v.storeCount}`,
    )
  // Equal counts can be incomplete too. A store that lists ids twice
  // counts more rows than records, and those rows cannot be counted while
  // the positions keep moving.
  return `The store kept changing while it was read, so some entities could not be verified (${rows.join('; ')}). Run the pull again to bring them in line.`
}
