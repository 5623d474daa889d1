/**
 * Figures of the reliability suite (faults injected, kills survived, inputs
 * tried, records compared, secrets found), written per test file to
 * test-results/reliability/ so docs/reliability.md can be checked against a
 * run.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const repoRoot = join(import.meta.dirname, '../../..')
const outputDir = join(repoRoot, 'test-results', 'reliability')

export type Figures = Record<string, number | string>

export class FigureLog {
  private readonly name: string
  private readonly rows: Record<string, Figures> = {}

  constructor(name: string) {
    this.name = name
  }

  add(test: string, figures: Figures): void {
    this.rows[test] = { ...this.rows[test], ...figures }
  }

  /** Writes the figures; called from `afterAll`. */
  write(): void {
    mkdirSync(outputDir, { recursive: true })
    writeFileSync(
      join(outputDir, `${this.name}.json`),
      `${JSON.stringify(this.rows, null, 2)}\n`,
    )
  }
}

/** True when the long variants run (`RELIABILITY_LONG=1`). */
export const LONG = process.env['RELIABILITY_LONG'] === '1'
