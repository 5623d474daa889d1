/**
 * Progress of a pull as the wizard and the command line show it: per
 * entity done and total, the record rate, an ETA from the rate limit, the
 * retry count and the last error.
 */
import { getEntity } from '../../shared/entities.ts'
import type { EntityKey } from '../../shared/entities.ts'

export type PullState =
  | 'running'
  | 'paused'
  | 'retrying'
  | 'verifying'
  | 'completed'
  | 'cancelled'
  | 'failed'

export type EntityState =
  | 'waiting'
  | 'pulling'
  | 'verifying'
  | 'reconciling'
  | 'complete'
  | 'incomplete'
  | 'failed'

export interface EntityProgress {
  entity: EntityKey
  done: number
  total: number | null
  state: EntityState
}

export interface PullProgress {
  runId: number
  state: PullState
  entities: EntityProgress[]
  recordsPerSecond: number
  etaSeconds: number | null
  retries: number
  lastError: { code: string; message: string } | null
}

/** Seconds of history behind the records-per-second figure. */
const RATE_WINDOW_MS = 30_000

export class ProgressTracker {
  private state: PullState = 'running'
  /** The state that a retry or a pause returns to. */
  private phase: 'running' | 'verifying' = 'running'
  private readonly entities: EntityProgress[]
  private readonly samples: Array<{ at: number; records: number }> = []
  private retries = 0
  private lastError: { code: string; message: string } | null = null
  private runId = 0
  private readonly estimateSeconds: (requests: number) => number | null
  private readonly listener: ((progress: PullProgress) => void) | undefined
  private readonly now: () => number

  constructor(
    entities: readonly EntityKey[],
    estimateSeconds: (requests: number) => number | null,
    listener: ((progress: PullProgress) => void) | undefined,
    now: () => number = Date.now,
  ) {
    this.estimateSeconds = estimateSeconds
    this.listener = listener
    this.now = now
    this.entities = entities.map((entity) => ({
      entity,
      done: 0,
      total: null,
      state: 'waiting',
    }))
  }

  setRunId(runId: number): void {
    this.runId = runId
  }

  get currentState(): PullState {
    return this.state
  }

  /** The running or verifying phase, whatever the current state. */
  get currentPhase(): 'running' | 'verifying' {
    return this.phase
  }

  /** Enters a phase without hiding a pause that is in effect. */
  enterPhase(phase: 'running' | 'verifying', paused: boolean): void {
    this.phase = phase
    if (!paused) this.setState(phase)
  }

  setState(state: PullState): void {
    this.state = state
    if (state === 'running' || state === 'verifying') this.phase = state
    this.emit()
  }

  updateEntity(entity: EntityKey, patch: Partial<EntityProgress>): void {
    const row = this.entities.find((e) => e.entity === entity)
    if (!row) return
    Object.assign(row, patch)
    this.emit()
  }

  addRecords(entity: EntityKey, count: number): void {
    const row = this.entities.find((e) => e.entity === entity)
    if (row) row.done += count
    this.samples.push({ at: this.now(), records: count })
    if (this.state === 'retrying') this.state = this.phase
    this.emit()
  }

  recordRetry(code: string, message: string): void {
    this.retries++
    this.lastError = { code, message }
    if (this.state === 'running' || this.state === 'verifying') {
      this.state = 'retrying'
    }
    this.emit()
  }

  recordError(code: string, message: string): void {
    this.lastError = { code, message }
  }

  snapshot(): PullProgress {
    const recordsPerSecond = this.rate()
    return {
      runId: this.runId,
      state: this.state,
      entities: this.entities.map((e) => ({ ...e })),
      recordsPerSecond,
      etaSeconds: this.eta(),
      retries: this.retries,
      lastError: this.lastError,
    }
  }

  emit(): void {
    this.listener?.(this.snapshot())
  }

  private rate(): number {
    const cutoff = this.now() - RATE_WINDOW_MS
    while (this.samples.length > 0 && this.samples[0]!.at < cutoff) {
      this.samples.shift()
    }
    if (this.samples.length < 2) return 0
    const records = this.samples.reduce((sum, s) => sum + s.records, 0)
    const seconds = (this.now() - this.samples[0]!.at) / 1000
    return seconds > 0 ? Math.round((records / seconds) * 10) / 10 : 0
  }

  /**
   * Estimates the seconds left from the requests still needed at maximum
   * page size, paced by the store's rate limit.
   */
  private eta(): number | null {
    if (this.state === 'completed') return 0
    let requests = 0
    for (const row of this.entities) {
      if (row.state === 'complete' || row.state === 'failed') continue
      const definition = getEntity(row.entity)
      if (row.total === null) {
        // A large entity (one with an update filter) is counted when its
        // walk starts and decides the ETA, so until then there is none.
        // Another entity of unknown size counts as one page.
        if (definition.lastUpdateFilter) return null
        requests += 1
        continue
      }
      const pageSize = definition.maxPageSize
      requests += Math.ceil(Math.max(0, row.total - row.done) / pageSize)
      // Verification of an entity with an update filter reads the records
      // updated since its walk began, then counts it.
      if (definition.lastUpdateFilter) requests += 2
    }
    const seconds = this.estimateSeconds(requests)
    return seconds === null ? null : Math.ceil(seconds)
  }
}
