/**
 * Text forms of pull progress for the command line: a one-line bar for a
 * terminal and a per-entity table for the final report.
 */
import { getEntity } from '../../shared/entities.ts'
import type { PullProgress } from './progress.ts'
import type { EntityVerification } from './reconcile.ts'

export function formatDuration(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds))
  const hours = Math.floor(whole / 3600)
  const minutes = Math.floor((whole % 3600) / 60)
  const rest = whole % 60
  if (hours > 0) return `${hours}h${String(minutes).padStart(2, '0')}m`
  if (minutes > 0) return `${minutes}m${String(rest).padStart(2, '0')}s`
  return `${rest}s`
}

/** Formats progress as one line of at most `width` characters. */
export function progressLine(progress: PullProgress, width = 100): string {
  let done = 0
  let total = 0
  for (const row of progress.entities) {
    done += Math.min(row.done, row.total ?? row.done)
    total += row.total ?? row.done
  }
  const ratio = total > 0 ? done / total : 0
  const barWidth = 20
  const filled = Math.round(ratio * barWidth)
  const bar = `[${'#'.repeat(filled)}${'.'.repeat(barWidth - filled)}]`
  const current =
    progress.entities.find((e) =>
      ['pulling', 'verifying', 'reconciling'].includes(e.state),
    ) ?? null
  const parts = [
    `${bar} ${Math.floor(ratio * 100)}%`,
    progress.state,
    current
      ? `${current.entity} ${current.done}/${current.total ?? '?'}`
      : null,
    `${Math.round(progress.recordsPerSecond)} rec/s`,
    progress.etaSeconds === null
      ? null
      : `ETA ${formatDuration(progress.etaSeconds)}`,
    progress.retries > 0 ? `retries ${progress.retries}` : null,
  ]
  const line = parts.filter((p) => p !== null).join(' · ')
  return line.length > width ? `${line.slice(0, width - 1)}…` : line
}

/** Joins an entity's verification messages, or returns undefined if none. */
export function verificationNote(row: {
  duplicateListings?: { message: string } | undefined
  countMismatch?: { message: string } | undefined
  keptAside?: { message: string } | undefined
  timeZone?: { message: string } | undefined
}): string | undefined {
  const notes = [
    row.duplicateListings?.message,
    row.countMismatch?.message,
    row.keptAside?.message,
    row.timeZone?.message,
  ].filter((note) => note !== undefined)
  return notes.length > 0 ? notes.join(' ') : undefined
}

/**
 * Formats the verification as a table, one entity per line. An entity
 * whose store lists ids on more than one row, whose count disagrees with
 * its listing, or whose listing has records without a usable id, gets
 * each message on a line of its own below.
 */
export function verificationTable(rows: EntityVerification[]): string {
  const lines = rows.map((row) => {
    const label = getEntity(row.entity).label.padEnd(24)
    const counts = `${row.localCount} of ${row.storeCount}`.padEnd(20)
    const line = `  ${label} ${counts} ${row.complete ? 'complete' : 'INCOMPLETE'}`
    const notes = [
      row.duplicateListings?.message,
      row.countMismatch?.message,
      row.keptAside?.message,
      row.timeZone?.message,
    ].filter((note) => note !== undefined)
    return [line, ...notes].join('\n    ')
  })
  return `${lines.join('\n')}\n`
}

/** Seconds between two plain progress lines when stderr is not a terminal. */
export const PLAIN_PROGRESS_INTERVAL_MS = 10_000

/**
 * Formats progress as a plain line for logs: each entity in flight with
 * done/total, then the rate, for example
 * `progress: orders 300/1200, customers 50/? · 150 rec/s · ETA 9s`.
 */
export function plainProgressLine(progress: PullProgress): string {
  const active = progress.entities.filter((e) =>
    ['pulling', 'verifying', 'reconciling'].includes(e.state),
  )
  const entities = active
    .map((e) => `${e.entity} ${e.done}/${e.total ?? '?'}`)
    .join(', ')
  const parts = [
    `progress: ${entities || progress.state}`,
    `${Math.round(progress.recordsPerSecond)} rec/s`,
    progress.etaSeconds === null
      ? null
      : `ETA ${formatDuration(progress.etaSeconds)}`,
    progress.retries > 0 ? `retries ${progress.retries}` : null,
  ]
  return parts.filter((p) => p !== null).join(' · ')
}

/**
 * Returns a progress listener that writes a plain line at most once per
 * `intervalMs`, for output that goes to a file or a pipe. The first update
 * with an entity in flight is written at once.
 */
export function plainProgressPrinter(
  write: (line: string) => void,
  intervalMs = PLAIN_PROGRESS_INTERVAL_MS,
  now: () => number = Date.now,
): (progress: PullProgress) => void {
  let last = Number.NEGATIVE_INFINITY
  return (progress) => {
    const inFlight = progress.entities.some((e) =>
      ['pulling', 'verifying', 'reconciling'].includes(e.state),
    )
    if (!inFlight || ['paused', 'cancelled'].includes(progress.state)) return
    const at = now()
    if (at - last < intervalMs) return
    last = at
    write(`${plainProgressLine(progress)}\n`)
  }
}
