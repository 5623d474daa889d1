/** Lets each benchmark module run on its own and print its section. */
import { pathToFileURL } from 'node:url'
import { configFromProcess } from './config.ts'
import type { BenchConfig, SectionResult } from './types.ts'

/**
 * Runs `measure` when `moduleUrl` is the script Node was started with,
 * printing the section as JSON.
 */
export function runWhenMain(
  moduleUrl: string,
  measure: (config: BenchConfig) => Promise<SectionResult>,
): void {
  if (moduleUrl !== pathToFileURL(process.argv[1] ?? '').href) return
  measure(configFromProcess()).then(
    (section) => {
      process.stdout.write(`${JSON.stringify(section, null, 2)}\n`)
    },
    (error: unknown) => {
      process.stderr.write(
        `${String(error instanceof Error ? error.stack : error)}\n`,
      )
      process.exitCode = 1
    },
  )
}
