/**
 * Rewrites docs/benchmarks.md from docs/benchmarks.json without measuring
 * again, for example after a change to the page layout:
 *   node --experimental-strip-types bench/render.ts
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { REPO_ROOT } from './config.ts'
import { renderReport } from './report.ts'
import type { BenchResults } from './types.ts'

const page = join(REPO_ROOT, 'docs', 'benchmarks.md')
const results = JSON.parse(
  readFileSync(join(REPO_ROOT, 'docs', 'benchmarks.json'), 'utf8'),
) as BenchResults
writeFileSync(page, renderReport(results, readFileSync(page, 'utf8')))
process.stderr.write(`bench: rendered ${page}\n`)
