/**
 * Ids that a listing out of ascending id order contains more than once,
 * wherever the rows are. Such a listing may repeat a record pages after its
 * first row, so the walk finds a repeat in the ids it has already seen
 * rather than by comparing a row with the previous one.
 */
import {
  REPEAT_SAMPLE_SIZE,
  type ListingRepeats,
} from './duplicate-listings.ts'
import type { WalkResult } from './walk.ts'

/**
 * Counts the rows whose id the walk saw on an earlier row, and sums a hash
 * of every row's id. The seen ids are the walk's own set, so the tally adds
 * only the ids listed more than once.
 */
export class ScatteredRepeats {
  private readonly repeatedIds = new Set<string>()
  private extraRows = 0
  private readonly sample: Array<number | string> = []
  private hashSum = 0

  /**
   * Adds the next row. Call it before the id goes into `seen`, once per
   * row in listing order, leaving out rows read again on purpose.
   */
  add(id: number | string, seen: ReadonlySet<string>): void {
    const text = String(id)
    this.hashSum = (this.hashSum + idHash(text)) % HASH_MODULUS
    if (!seen.has(text)) return
    this.extraRows++
    if (this.repeatedIds.has(text)) return
    this.repeatedIds.add(text)
    if (this.sample.length < REPEAT_SAMPLE_SIZE) this.sample.push(id)
  }

  result(): ListingRepeats {
    return {
      ids: this.repeatedIds.size,
      extraRows: this.extraRows,
      sample: [...this.sample],
    }
  }

  /**
   * Returns a hash of the listing's ids, one per row, that does not depend
   * on their order, so two walks of an unchanged listing get the same value.
   */
  fingerprint(): number {
    return this.hashSum
  }
}

/** Modulus that keeps the sum of row hashes an exact integer (below 2^53). */
const HASH_MODULUS = 2 ** 52

/**
 * Hashes the UTF-16 code units with two 32-bit FNV-1a style hashes, of
 * which the result keeps 52 bits.
 */
function idHash(text: string): number {
  let low = 0x811c9dc5
  let high = 0x01000193
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i)
    low = Math.imul(low ^ unit, 0x01000193) >>> 0
    high = Math.imul(high ^ unit, 0x050c5d1f) >>> 0
  }
  return (high & 0xfffff) * 2 ** 32 + low
}

/** A whole walk out of id order, kept to compare with the next one. */
export interface ScatteredListing {
  rows: number
  extraRows: number
  ids: number
  fingerprint: number
}

/**
 * Returns what a whole walk out of id order listed, or null for a walk in
 * id order, a walk that did not read the whole listing, or one that did not
 * track its ids.
 */
export function scatteredListing(
  walk: WalkResult | null,
): ScatteredListing | null {
  if (walk === null || walk.ordered || walk.endCount === null) return null
  if (walk.repeats === null || walk.fingerprint === null) return null
  return {
    rows: walk.endCount,
    extraRows: walk.repeats.extraRows,
    ids: walk.repeats.ids,
    fingerprint: walk.fingerprint,
  }
}

/**
 * Returns true when two walks listed the same ids the same number of times.
 * A walk out of id order cannot see an insert before its offset, which
 * makes it read a row again as if the store listed it twice. Two walks that
 * agree show that the repeats are how the store lists its records.
 */
export function sameScatteredListing(
  earlier: ScatteredListing | null,
  later: ScatteredListing | null,
): boolean {
  if (earlier === null || later === null) return false
  return (
    earlier.rows === later.rows &&
    earlier.extraRows === later.extraRows &&
    earlier.ids === later.ids &&
    earlier.fingerprint === later.fingerprint
  )
}
