/**
 * Seeded randomness for the demo store. Every record is a pure function of
 * (seed, entity, index), so a record can be rebuilt at any time without
 * keeping the dataset in memory.
 */

/** 32-bit FNV-1a hash of a string. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}

/** Mixes integers into one well-spread 32-bit value (murmur3 finaliser). */
export function mix(...parts: number[]): number {
  let h = 0x9e3779b9
  for (const part of parts) {
    h ^= part >>> 0
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
    h ^= h >>> 16
  }
  return h >>> 0
}

/** A small deterministic generator (mulberry32) with helpers. */
export class Rng {
  private state: number

  constructor(seed: number) {
    this.state = seed >>> 0
  }

  /** Uniform float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  chance(probability: number): boolean {
    return this.next() < probability
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)]
    if (item === undefined) throw new Error('pick() from an empty list')
    return item
  }

  /** Money value rounded to cents; about half come out integral. */
  money(min: number, max: number): number {
    const whole = this.int(min, max)
    if (this.chance(0.5)) return whole
    return Math.round((whole + this.int(1, 99) / 100) * 100) / 100
  }

  /** Random string over the alphabet. */
  chars(length: number, alphabet: string): string {
    let text = ''
    for (let i = 0; i < length; i++) {
      text += alphabet[Math.floor(this.next() * alphabet.length)] ?? ''
    }
    return text
  }
}

/** The generator for record `index` of the entity tagged `tag`. */
export function recordRng(
  seed: number,
  tag: string,
  index: number,
  salt = 0,
): Rng {
  return new Rng(mix(seed, hashString(tag), index, salt))
}

/** Rounds to cents, so JSON prints at most two decimals. */
export function cents(value: number): number {
  return Math.round(value * 100) / 100
}
