/**
 * The status of a store's last finished copy, read from its archive, so the
 * copy step still shows that copy and its verification after the app
 * restarts. Only a completed run counts: a cancelled or failed copy has its
 * own status while the app runs, and after a restart the merchant starts
 * again from the form.
 */
import { existsSync } from 'node:fs'
import { z } from 'zod'
import {
  entityKeySchema,
  type PullStatus,
} from '../../shared/ipc/channels/wizard.ts'
import { Archive } from '../archive/index.ts'
import { log } from '../log.ts'
import { verificationNote } from '../sync/progress-format.ts'

const lastRunSchema = z.object({
  status: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  summary: z.string().nullable(),
})

/** The summary a completed run stores (see PullJob.start). */
const completedSummarySchema = z.object({
  entities: z.array(
    z.object({
      entity: entityKeySchema,
      storeCount: z.number(),
      localCount: z.number(),
      complete: z.boolean(),
      duplicateListings: z.object({ message: z.string() }).optional(),
      countMismatch: z.object({ message: z.string() }).optional(),
      keptAside: z.object({ message: z.string() }).optional(),
      timeZone: z.object({ message: z.string() }).optional(),
    }),
  ),
})

function readLastRun(file: string): z.output<typeof lastRunSchema> | null {
  const archive = Archive.open(file, { readonly: true })
  try {
    const row: unknown = archive.db
      .prepare(
        `SELECT status, started_at AS startedAt,
                finished_at AS finishedAt, summary
         FROM sync_runs ORDER BY id DESC LIMIT 1`,
      )
      .get()
    const parsed = lastRunSchema.safeParse(row)
    return parsed.success ? parsed.data : null
  } finally {
    archive.close()
  }
}

/**
 * Builds the status of the store's last copy when it completed, or null:
 * no archive yet, no finished copy, or a summary this version cannot read.
 * A file that cannot be opened is logged and also gives null, because the
 * copy step then offers a new copy, which reports the problem itself.
 */
export function finishedStatus(
  file: string,
  storeId: string,
): PullStatus | null {
  if (!existsSync(file)) return null
  let run: z.output<typeof lastRunSchema> | null
  try {
    run = readLastRun(file)
  } catch (error) {
    log.warn('pulls: failed to read the last copy of a store', {
      storeId,
      error,
    })
    return null
  }
  if (run === null || run.status !== 'completed' || run.summary === null) {
    return null
  }
  const summary = completedSummarySchema.safeParse(JSON.parse(run.summary))
  if (!summary.success) return null
  const rows = summary.data.entities
  return {
    storeId,
    state: 'completed',
    entities: rows.map((row) => ({
      entity: row.entity,
      done: row.localCount,
      total: row.storeCount,
      state: row.complete ? 'complete' : 'incomplete',
    })),
    recordsPerSecond: 0,
    etaSeconds: null,
    retries: 0,
    lastError: null,
    errors: [],
    verification: rows.map(verificationRow),
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
  }
}

type VerificationRow = NonNullable<PullStatus['verification']>[number]

/** Builds the wizard's row for one entity of a pull's verification. */
export function verificationRow(
  row: Parameters<typeof verificationNote>[0] & {
    entity: VerificationRow['entity']
    storeCount: number | null
    localCount: number
    complete: boolean
  },
): VerificationRow {
  const note = verificationNote(row)
  return {
    entity: row.entity,
    expected: row.storeCount,
    stored: row.localCount,
    ok: row.complete,
    ...(note ? { note } : {}),
  }
}
