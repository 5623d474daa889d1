/**
 * Counts the faults a demo store injected. The store's fault injector is
 * seeded and draws once per API request, so a second injector with the
 * same settings, drawn as many times as the store saw requests, replays
 * exactly the same faults.
 */
import {
  FaultInjector,
  type FaultProfile,
} from '../../../src/main/demo-store/faults.ts'

export function countInjectedFaults(
  profiles: readonly FaultProfile[],
  rate: number,
  seed: number,
  requests: number,
): Record<string, number> {
  const replay = new FaultInjector(profiles, rate, seed, 0)
  const counts: Record<string, number> = {}
  for (let n = 0; n < requests; n++) {
    const fault = replay.nextRequest()
    if (fault) counts[fault] = (counts[fault] ?? 0) + 1
  }
  return counts
}

export function total(counts: Record<string, number>): number {
  return Object.values(counts).reduce((sum, count) => sum + count, 0)
}
