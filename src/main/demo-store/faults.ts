/**
 * Deterministic fault injection. A seeded draw per API request decides
 * whether it fails and how; 'changes' instead edits the store between page
 * requests, as merchants and shoppers do during a long export, and
 * 'duplicate-ids' and 'duplicate-ids-later' list a few records of each
 * entity twice (see duplicate-ids.ts).
 */
import { mix, Rng } from './random.ts'
import type { ChangeKind } from './tables.ts'

export type FaultProfile =
  | 'empty-500'
  | 'html-502'
  | 'truncated-json'
  | 'reset'
  | 'slow'
  | 'throttle-storm'
  | 'changes'
  | 'duplicate-ids'
  | 'duplicate-ids-later'

export const FAULT_PROFILES: readonly FaultProfile[] = [
  'empty-500',
  'html-502',
  'truncated-json',
  'reset',
  'slow',
  'throttle-storm',
  'changes',
  'duplicate-ids',
  'duplicate-ids-later',
]

/** The fault applied to one request; 'throttle' comes from a storm. */
export type RequestFault =
  | Exclude<
      FaultProfile,
      'changes' | 'duplicate-ids' | 'duplicate-ids-later' | 'throttle-storm'
    >
  | 'throttle'

/** Profiles that change the store's data rather than single requests. */
const DATA_FAULTS: readonly FaultProfile[] = [
  'changes',
  'duplicate-ids',
  'duplicate-ids-later',
]

/** Requests throttled in a row once a storm starts. */
const STORM_LENGTH = 8

export class FaultInjector {
  private readonly requestFaults: FaultProfile[]
  private readonly changes: boolean
  private readonly rate: number
  private readonly faultRng: Rng
  private readonly changeRng: Rng
  private stormLeft = 0
  private changesLeft: number

  constructor(
    profiles: readonly FaultProfile[],
    rate: number,
    seed: number,
    maxChanges: number,
  ) {
    if (!(rate >= 0 && rate <= 1)) {
      throw new Error(`faultRate must be between 0 and 1, got ${rate}`)
    }
    for (const profile of profiles) {
      if (!FAULT_PROFILES.includes(profile)) {
        throw new Error(
          `Unknown fault profile "${profile}". Known: ${FAULT_PROFILES.join(', ')}`,
        )
      }
    }
    this.requestFaults = profiles.filter((p) => !DATA_FAULTS.includes(p))
    this.changes = profiles.includes('changes')
    this.rate = rate
    this.faultRng = new Rng(mix(seed, 1))
    this.changeRng = new Rng(mix(seed, 2))
    this.changesLeft = maxChanges
  }

  /** Decides the fault, if any, for the next API request. */
  nextRequest(): RequestFault | null {
    if (this.stormLeft > 0) {
      this.stormLeft--
      return 'throttle'
    }
    if (this.requestFaults.length === 0) return null
    if (!this.faultRng.chance(this.rate)) return null
    const fault = this.faultRng.pick(this.requestFaults)
    if (fault === 'throttle-storm') {
      this.stormLeft = STORM_LENGTH - 1
      return 'throttle'
    }
    return fault as RequestFault
  }

  /**
   * Decides whether the store changes before a page is served, and how.
   * `pick` in [0, 1) chooses the record that is updated or deleted.
   */
  nextChange(): { kind: ChangeKind; pick: number } | null {
    if (!this.changes || this.changesLeft <= 0) return null
    if (!this.changeRng.chance(this.rate)) return null
    this.changesLeft--
    const kind = this.changeRng.pick<ChangeKind>(['insert', 'update', 'delete'])
    return { kind, pick: this.changeRng.next() }
  }
}

export function parseFaults(text: string): FaultProfile[] {
  const names = text
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '')
  for (const name of names) {
    if (!FAULT_PROFILES.includes(name as FaultProfile)) {
      throw new Error(
        `Unknown fault profile "${name}". Known: ${FAULT_PROFILES.join(', ')}`,
      )
    }
  }
  return names as FaultProfile[]
}
