/** Run settings for the quick and the full benchmark. */
import { resolve } from 'node:path'
import type { BenchConfig } from './types.ts'

export const REPO_ROOT = resolve(import.meta.dirname, '..')

/** Gitignored folder for generated stores, archives and exports. */
export const WORK_DIR = resolve(REPO_ROOT, 'bench-results')

/**
 * True when `--quick` is on the command line, or when npm received it
 * (`npm run bench --quick` passes the flag to npm, which then sets
 * `npm_config_quick`).
 */
export function isQuick(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): boolean {
  if (argv.includes('--quick')) return true
  const flag = env['npm_config_quick']
  return flag !== undefined && flag !== '' && flag !== 'false'
}

/**
 * The limited pull's store is sized so that it needs well over the
 * 50-request burst (about 120 requests at 24,000 orders, 185 at 40,000),
 * which makes the rate limit, not the burst, decide its wall time. The
 * XLSX export writes about 6,000 rows per second on the shared development
 * machine, so the format figures use a smaller archive than the review.
 */
export function configFor(quick: boolean): BenchConfig {
  if (quick) {
    return {
      quick,
      runs: 2,
      pullRuns: 1,
      pullOrders: 24_000,
      pullLatencyMs: 250,
      ingestOrders: 10_000,
      archiveOrders: 100_000,
      formatOrders: 5_000,
      exportRuns: 1,
      memoryOrders: [1_000, 10_000],
      reviewSamples: 12,
      reviewBudgetSeconds: 8,
      workDir: WORK_DIR,
    }
  }
  return {
    quick,
    runs: 3,
    pullRuns: 3,
    pullOrders: 40_000,
    pullLatencyMs: 250,
    ingestOrders: 30_000,
    archiveOrders: 1_000_000,
    formatOrders: 20_000,
    exportRuns: 3,
    memoryOrders: [5_000, 50_000],
    reviewSamples: 60,
    reviewBudgetSeconds: 30,
    workDir: WORK_DIR,
  }
}

/** The config for a module run directly: `node bench/pull.ts [--quick]`. */
export function configFromProcess(): BenchConfig {
  return configFor(isQuick(process.argv.slice(2), process.env))
}
