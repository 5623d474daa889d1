/** Shared plumbing for benchmark sections: timing and missing figures. */
import { performance } from 'node:perf_hooks'
import type { SectionResult, TargetCheck } from './types.ts'

export type SectionBody = Omit<SectionResult, 'elapsedSeconds'>

/** Runs a section body and records how long it took. */
export async function timedSection(
  body: () => Promise<SectionBody>,
): Promise<SectionResult> {
  const started = performance.now()
  const result = await body()
  return { ...result, elapsedSeconds: (performance.now() - started) / 1000 }
}

/** Seconds taken by `work`, measured with the monotonic clock. */
export async function timeSeconds(work: () => unknown): Promise<number> {
  const started = performance.now()
  await work()
  return (performance.now() - started) / 1000
}

/** Turns an error into a one-line reason for "not measured". */
export function reasonOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  return text.split('\n')[0]!.slice(0, 300)
}

export function notMeasuredTarget(target: string, reason: string): TargetCheck {
  return { target, status: 'not measured', detail: reason }
}

/**
 * States how far `value` is from `bound`: as a percentage up to twice the
 * bound, and as a multiple beyond, where percentages grow hard to read.
 */
export function marginText(value: number, bound: number): string {
  if (value > 2 * bound) return `${(value / bound).toFixed(1)}×`
  const percent = (Math.abs(value - bound) / bound) * 100
  return `${percent.toFixed(1)}% ${value <= bound ? 'under' : 'over'}`
}

/**
 * Compares a measured value with an upper bound and states the margin as a
 * percentage of the bound.
 */
export function checkAtMost(
  target: string,
  value: number,
  bound: number,
  describe: (value: number) => string,
): TargetCheck {
  const met = value <= bound
  return {
    target,
    status: met ? 'met' : 'not met',
    detail: `${describe(value)}, ${marginText(value, bound)} the bound of ${describe(bound)}`,
  }
}

/** Compares a measured value with a lower bound. */
export function checkAtLeast(
  target: string,
  value: number,
  bound: number,
  describe: (value: number) => string,
): TargetCheck {
  const met = value >= bound
  return {
    target,
    status: met ? 'met' : 'not met',
    detail: `${describe(value)}, ${marginText(value, bound)} the bound of ${describe(bound)}`,
  }
}
