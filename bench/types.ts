import type { Summary } from './stats.ts'

/** One measured quantity: a summary over runs, or the reason it is missing. */
export interface Measure {
  label: string
  /** Unit of the summary values, for example `s`, `orders/s`, `MiB`, `×`. */
  unit: string
  summary?: Summary
  /** A single value that is not a repeated measurement, such as a count. */
  value?: number | string
  /** Why the measure is missing; set instead of `summary` and `value`. */
  notMeasured?: string
}

export type TargetStatus = 'met' | 'not met' | 'not measured'

/** A target from the product requirements and whether this run met it. */
export interface TargetCheck {
  target: string
  status: TargetStatus
  /** The margin or the reason, in one sentence. */
  detail: string
}

export interface SectionResult {
  key: string
  title: string
  /** How the figures were measured, in plain sentences. */
  method: string
  measures: Measure[]
  targets: TargetCheck[]
  notes: string[]
  /** Wall time the section took, in seconds. */
  elapsedSeconds: number
}

export interface MachineFacts {
  cpuModel: string
  cores: number
  memoryGiB: number
  os: string
  node: string
  sqlite: string
  sqliteCli: string
}

export interface BenchResults {
  mode: 'quick' | 'full'
  command: string
  /** `git describe --always --dirty` of the measured code, when known. */
  commit?: string
  startedAt: string
  finishedAt: string
  machine: MachineFacts
  /** `os.loadavg()` (1, 5 and 15 minutes) when the run started and ended. */
  loadAverageStart: number[]
  loadAverageEnd: number[]
  /** Wall time of the whole run so far, in seconds. */
  totalSeconds: number
  /** Whether the run itself finished within its time limit. */
  runTargets: TargetCheck[]
  sections: SectionResult[]
}

/** Settings that differ between `--quick` and the full run. */
export interface BenchConfig {
  quick: boolean
  /** Repetitions of each timed run. */
  runs: number
  /** Repetitions of each pull, which take the longest. */
  pullRuns: number
  /** Orders in the demo store for the pull figures. */
  pullOrders: number
  /** Demo-store latency per request, in milliseconds, for the limited pull. */
  pullLatencyMs: number
  /** Orders in the archive that the ingest figure writes per run. */
  ingestOrders: number
  /** Orders in the archive of the review figure and the orders CSV. */
  archiveOrders: number
  /** Orders in the archive that the CSV, XLSX and Shopify exports write. */
  formatOrders: number
  /** Repetitions of each whole-format export. */
  exportRuns: number
  /** Store sizes, in orders, for the two memory measurements. */
  memoryOrders: [number, number]
  /** Timed samples per review query kind and run, at most. */
  reviewSamples: number
  /** Seconds one kind of review query may take per run before it stops. */
  reviewBudgetSeconds: number
  /** Directory for generated archives and exports (gitignored). */
  workDir: string
}
