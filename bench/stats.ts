/**
 * Summary statistics for benchmark samples. Every figure in the report is a
 * median over repeated runs with the min and max beside it, and latency
 * figures add percentiles.
 */

export interface Summary {
  median: number
  min: number
  max: number
  /** Number of samples behind the summary. */
  runs: number
  /** The samples in the order they were taken. */
  samples: number[]
}

function sortedCopy(samples: readonly number[]): number[] {
  return [...samples].sort((a, b) => a - b)
}

function requireSamples(samples: readonly number[]): void {
  if (samples.length === 0) throw new Error('No samples to summarize')
  for (const value of samples) {
    if (!Number.isFinite(value)) {
      throw new Error(`Sample ${String(value)} is not a finite number`)
    }
  }
}

/**
 * Percentile by linear interpolation between the closest ranks (the method
 * of NumPy's default and of spreadsheet PERCENTILE.INC). `p` is 0 to 100.
 */
export function percentile(samples: readonly number[], p: number): number {
  requireSamples(samples)
  if (!(p >= 0 && p <= 100)) {
    throw new Error(`Percentile must be from 0 to 100, got ${p}`)
  }
  const sorted = sortedCopy(samples)
  const rank = (p / 100) * (sorted.length - 1)
  const lower = Math.floor(rank)
  const upper = Math.ceil(rank)
  const weight = rank - lower
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * weight
}

/** Median: the mean of the two middle samples when the count is even. */
export function median(samples: readonly number[]): number {
  return percentile(samples, 50)
}

export function summarize(samples: readonly number[]): Summary {
  requireSamples(samples)
  const sorted = sortedCopy(samples)
  return {
    median: median(sorted),
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
    runs: samples.length,
    samples: [...samples],
  }
}

/** Applies `transform` to every sample, for example to turn times into rates. */
export function mapSummary(
  summary: Summary,
  transform: (value: number) => number,
): Summary {
  return summarize(summary.samples.map(transform))
}
