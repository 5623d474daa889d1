/**
 * The paging loop of one entity: 1-based offsets advancing by the rows
 * received, each page stored with its checkpoint in one transaction, ending
 * on an empty page, a 404, the "offset exceeds" 400 or the expected count.
 */
import type { Archive, RawRecord } from '../archive/index.ts'
import type { ApiClient, PageResult, Query } from '../api/client.ts'
import type { ParsedRecord } from '../api/parse.ts'
import { stripSensitiveFields } from '../api/raw-json.ts'
import {
  readRecordId,
  SENSITIVE_FIELDS,
  type EntityDefinition,
} from '../../shared/entities.ts'
import { RepeatTally, type ListingRepeats } from './duplicate-listings.ts'
import { ScatteredRepeats } from './scattered-repeats.ts'
import { setAsideUnstorable } from './kept-aside.ts'
import type { PullGate } from './gate.ts'
import type { ProgressTracker } from './progress.ts'

/** State shared by every step of a pull. */
export interface SyncContext {
  archive: Archive
  client: ApiClient
  gate: PullGate
  progress: ProgressTracker
  runId: number
  storeSensitive: boolean
  /**
   * Page sizes that some walk of this pull received as a full page. The
   * documented maximums are per size class (Orders 300, Products 200, all
   * others 500), so such a page rules out a lower cap for its class.
   */
  fullPageSizes: Set<number>
  /** Records kept aside in this pull (entity and raw JSON), each once. */
  keptAside: Set<string>
}

export interface WalkOptions {
  filters?: Query
  /** 1-based offset of the first record to read. */
  startOffset?: number
  /** Records already received by earlier pages of this walk. */
  received?: number
  /** Saves the walk's position with every page, so a restart resumes. */
  checkpoint: boolean
  /** Collects the id of every record seen, as text. */
  seenIds?: Set<string>
  /**
   * Requests the store's count, called once when the first page comes
   * back full, so the count travels with the second page. The walk then
   * ends when its position reaches the count, without a request past the
   * end. Only for walks whose verification reads the records updated since
   * the walk began, since that read finds records added after the count.
   */
  fetchCount?: () => Promise<number>
}

export interface WalkResult {
  received: number
  nextOffset: number
  /** Pages read, counting pages read again after a step back. */
  pages: number
  /** Records the archive had not stored before. */
  added: number
  /**
   * Records in the list when the walk reached its end (the position of the
   * last record), or null when the walk could not tell: it was resumed, or
   * records before its offset were inserted or deleted while it ran.
   */
  endCount: number | null
  /**
   * True when ids came back in ascending order (an id may repeat on
   * adjacent rows), so the walk could detect deletions before its offset
   * and skipped no record.
   */
  ordered: boolean
  /**
   * Ids the listing contained more than once: on adjacent rows when the ids
   * were in ascending order, else anywhere, found among `seenIds`. Null for
   * a walk out of order without `seenIds`. Exact when the walk has an
   * `endCount`. A walk whose positions moved may count a repeated id once
   * per read.
   */
  repeats: ListingRepeats | null
  /**
   * A hash of the ids of every row read, independent of their order, or
   * null without `seenIds` (see scattered-repeats.ts).
   */
  fingerprint: number | null
  /** Largest id read, or undefined when no record was read. */
  lastId: RecordId
  /** The count `fetchCount` returned, or null when it was not requested. */
  storeCount: number | null
  /**
   * Rows whose record could not be stored for want of a usable id, kept
   * aside in `sync_errors`. Exact when the walk has an `endCount`.
   */
  keptAside: number
}

/** Drops sensitive members unless the merchant chose to keep them. */
export function prepareRecords(
  records: ParsedRecord[],
  storeSensitive: boolean,
): RawRecord[] {
  if (storeSensitive) return records
  return records.map((record) => {
    const raw = stripSensitiveFields(record.raw, SENSITIVE_FIELDS)
    if (raw === record.raw) return record
    deleteMembers(record.value, SENSITIVE_NAMES)
    return { raw, value: record.value }
  })
}

const SENSITIVE_NAMES = new Set(SENSITIVE_FIELDS)

/**
 * Deletes the named members at any depth, as the raw text was stripped.
 * An explicit stack instead of recursion keeps deep nesting from
 * overflowing the call stack.
 */
function deleteMembers(value: unknown, names: ReadonlySet<string>): void {
  const pending: unknown[] = [value]
  while (pending.length > 0) {
    const next = pending.pop()
    if (Array.isArray(next)) {
      for (const item of next) pending.push(item)
      continue
    }
    if (next === null || typeof next !== 'object') continue
    const object = next as Record<string, unknown>
    for (const key of Object.keys(object)) {
      if (names.has(key)) delete object[key]
      else pending.push(object[key])
    }
  }
}

export type RecordId = number | string | undefined

/** A page requested before the walk needs it. */
interface Ahead {
  offset: number
  page: Promise<PageResult>
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}

/** Orders two ids the way the API sorts them: numerically when both are. */
export function compareIds(a: RecordId, b: RecordId): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b
  return String(a).localeCompare(String(b))
}

/**
 * Ids never decrease: a store may list one id on adjacent rows. Rows kept
 * aside for want of a usable id (undefined here) are left out.
 */
function isAscending(ids: RecordId[]): boolean {
  let previous: RecordId = undefined
  for (const id of ids) {
    if (id === undefined) continue
    if (previous !== undefined && compareIds(previous, id) > 0) return false
    previous = id
  }
  return true
}

/**
 * Returns true when a page ends the list. Every request is for the
 * documented maximum page size, so a shorter page is normally the last.
 * A page of a round size (a multiple of 50) could instead be a lower cap
 * than documented, unless a full page of the requested size came back
 * earlier in the pull (`servedFull`). Without that evidence the walk counts
 * the store, or requests the next page when its positions moved.
 * NOTE: a cap of another size, or one that applies to a single resource
 * while another with the same documented maximum served full pages, ends
 * the walk early without notice.
 */
export function isLastPage(
  length: number,
  pageSize: number,
  servedFull = false,
): boolean {
  if (length >= pageSize) return false
  return servedFull || length < 50 || length % 50 !== 0
}

/**
 * Walks an entity page by page until its position reaches the store's
 * count, or a page comes back shorter than the maximum page size, empty,
 * 404 or "offset exceeds". Each request after the
 * first re-reads the last record of the previous page: lists come back in
 * ascending id order, so when that record is not first, records before the
 * offset were deleted and the positions moved. The walk then steps back a
 * page at a time until it finds that record again, so no record is skipped.
 */
export async function walkEntity(
  context: SyncContext,
  definition: EntityDefinition,
  options: WalkOptions,
): Promise<WalkResult> {
  const { archive, client, gate, progress } = context
  const pageSize = definition.maxPageSize
  const resumed = (options.startOffset ?? 1) > 1
  let offset = options.startOffset ?? 1
  let received = options.received ?? 0
  let pages = 0
  let added = 0
  let shifted = false
  // Id of the last record stored; unknown after a resume.
  let lastId: RecordId = undefined
  let maxId: RecordId = undefined
  let ordered = true
  // Rows of an id listed again, counted in listing order without the
  // re-read record. Exact only while nothing moves the positions.
  const repeats = new RepeatTally()
  // The same rows counted by id wherever they are, for a listing that
  // turns out not to be in id order.
  const scattered = options.seenIds ? new ScatteredRepeats() : null
  // Pages requested before the walk needs them, in offset order.
  let ahead: Ahead[] = []
  const fetchAt = (at: number): Promise<PageResult> =>
    client.fetchPage(definition, at, pageSize, options.filters)
  let counting: Promise<number> | null = null
  let storeCount: number | null = null
  let keptAside = 0
  // Set when a full page reads past the count: the store added records
  // after counting, or counts fewer than it lists. Either way the count no
  // longer marks the end, and a short page does.
  let pastCount = false
  for (;;) {
    await gate.pass()
    const overlap: boolean = lastId !== undefined && ordered && offset > 1
    const requestOffset: number = overlap ? offset - 1 : offset
    const prefetched: Ahead | undefined = ahead.shift()
    const usable = prefetched?.offset === requestOffset
    // After a step back or a shift the requested offsets are of no use.
    if (!usable) ahead = []
    const page: PageResult = usable
      ? await prefetched!.page
      : await fetchAt(requestOffset)
    pages++
    // Records before the offset were deleted when the re-read record is
    // gone or not first: step back a page and read again.
    const stepBack = (): void => {
      shifted = true
      offset = Math.max(1, requestOffset - pageSize + 1)
      if (offset === 1) lastId = undefined
    }
    if (page.kind === 'end') {
      if (!overlap) break
      stepBack()
      continue
    }
    // Records without a usable id go to sync_errors, so the rest of the
    // page is stored and the walk goes on.
    const { storable, bad } = setAsideUnstorable(
      context,
      definition,
      page.records,
      requestOffset,
    )
    const ids: RecordId[] = page.records.map((r, position) =>
      bad.has(position) ? undefined : readRecordId(definition, r.value),
    )
    if (!isAscending(ids)) ordered = false
    let records = prepareRecords(storable, context.storeSensitive)
    let rereads = 0
    if (overlap) {
      // A kept-aside first record cannot be the re-read one, so the
      // positions moved. On the page where the ids leave ascending order,
      // any record other than the re-read one counts as a deletion, since
      // the order no longer distinguishes an insert from a delete.
      const shift = ids[0] === undefined ? 1 : compareIds(ids[0], lastId)
      if (shift > 0 || (shift < 0 && !ordered)) {
        stepBack()
        continue
      }
      // Records were inserted before the offset; re-reading them is harmless.
      if (shift < 0) shifted = true
      // The first record was stored with the previous page.
      // NOTE: when that record is listed twice and one record before the
      // offset was deleted, its second row is first now, so the deletion
      // goes unnoticed. No record is skipped, but the repeat is not counted
      // and the deleted record stays until a later walk.
      if (shift === 0) {
        records = records.slice(1)
        rereads = 1
      }
    }
    offset = requestOffset + page.records.length
    const full = page.records.length === pageSize
    if (full) context.fullPageSizes.add(pageSize)
    const lastPage = isLastPage(
      page.records.length,
      pageSize,
      context.fullPageSizes.has(pageSize),
    )
    // A count requested with an earlier page has usually arrived by now.
    // Positions match it only while no insert or delete before the offset
    // moved them.
    if (full && counting !== null && !shifted) storeCount = await counting
    if (full && counting === null && options.fetchCount) {
      counting = options.fetchCount()
      // A failure surfaces when the walk awaits the count.
      counting.catch(() => {})
    }
    // Positions are only comparable with a count when the walk started at
    // the first record and nothing moved them.
    const positioned = !shifted && !resumed
    if (positioned && storeCount === null && !full && !lastPage) {
      // A short page of a round size is the last unless the store caps
      // pages below the documented maximum, which no full page of this
      // size has ruled out yet. A count shows which, and unlike a request
      // past the end it reads no records.
      await gate.pass()
      storeCount = await (counting ?? client.count(definition, options.filters))
    }
    if (positioned && storeCount !== null && full && offset - 1 > storeCount) {
      pastCount = true
    }
    const counted = positioned && storeCount !== null && !pastCount
    const reachedCount = counted && offset - 1 >= storeCount!
    let requested = false
    if (full) {
      // A full page may not be the last, even when it reaches the count,
      // because a store may count fewer records than it lists. Ask for the
      // next one (re-reading this page's last record) before storing this
      // one, so the reply's latency overlaps the write. With a count the
      // walk can tell the next page is full too, and requests the one after
      // as well, so a reply is waiting whenever a write ends. At most two
      // pages are parsed at once, the one being stored and the next, and
      // one more may be in flight.
      const step = ordered ? pageSize - 1 : pageSize
      const first = ordered ? offset - 1 : offset
      const wanted = [first]
      const second = first + step
      // A page contains unread records when its offset is below the count
      // (ordered walks re-read the record at the offset).
      const unread = (at: number): boolean =>
        ordered ? at < storeCount! : at <= storeCount!
      if (counted && unread(second)) wanted.push(second)
      for (const at of wanted) {
        if (ahead.some((entry) => entry.offset === at)) continue
        const entry: Ahead = { offset: at, page: fetchAt(at) }
        // A failure surfaces when a later iteration awaits the page.
        entry.page.catch(() => {})
        ahead.push(entry)
        requested = true
      }
    }
    // A new request has only queued promise callbacks so far. One turn of
    // the event loop lets the pacer admit it and fetch send it, so the
    // request travels while the synchronous write below runs.
    if (requested) await yieldToEventLoop()
    received += records.length
    const counts = archive.upsertPage(
      definition.key,
      records,
      options.checkpoint
        ? {
            entity: definition.key,
            runId: context.runId,
            nextOffset: offset,
            received,
            storeCount: null,
            phase: 'walk',
          }
        : undefined,
    )
    added += counts.added
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]
      if (id === undefined) continue
      if (i >= rereads) {
        repeats.add(id)
        scattered?.add(id, options.seenIds!)
      }
      options.seenIds?.add(String(id))
    }
    keptAside += bad.size
    // After a kept-aside last record the next request does not overlap,
    // since there is no id to find again.
    // NOTE: a deletion before the offset during that one request goes
    // unnoticed, so the walk can skip one record without a shift.
    lastId = ids[ids.length - 1]
    for (const id of ids) {
      if (id === undefined) continue
      if (maxId === undefined || compareIds(id, maxId) > 0) maxId = id
    }
    progress.addRecords(definition.key, records.length)
    // A page with nothing but the re-read record is past the end, which
    // happens when records were deleted after the count, and is how a
    // listing that ends on a full page at its count confirms the end.
    if ((reachedCount && !full) || page.records.length === rereads) break
    // Below a usable count the list goes on, else a short page ends it.
    if (!counted && lastPage) break
  }
  if (counting && storeCount === null) storeCount = await counting
  return {
    received,
    nextOffset: offset,
    pages,
    added,
    endCount: resumed || shifted ? null : offset - 1,
    ordered,
    repeats: ordered ? repeats.result() : (scattered?.result() ?? null),
    fingerprint: scattered?.fingerprint() ?? null,
    lastId: maxId,
    storeCount,
    keptAside,
  }
}
