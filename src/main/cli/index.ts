/**
 * Command line for agencies and scripts:
 *   npm run --silent cli -- <command> [options]
 * Each command lives in `commands/<name>.ts` and exports `run(argv)`, which
 * resolves to the process exit code. Exit codes are listed in `--help`.
 */
import { pathToFileURL } from 'node:url'
import { AppError } from '../../shared/errors.ts'
import { limitYoungGeneration } from '../sync/young-generation.ts'
import { EXIT_CODES, helpText } from './help.ts'

interface CommandModule {
  run(argv: string[]): Promise<number>
}

const COMMANDS: Record<string, () => Promise<CommandModule>> = {
  'demo-server': () => import('./commands/demo-server.ts'),
  pull: () => import('./commands/pull.ts'),
  'test-connection': () => import('./commands/test-connection.ts'),
  verify: () => import('./commands/verify.ts'),
  export: () => import('./commands/export.ts'),
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(helpText())
    return name ? EXIT_CODES.ok : EXIT_CODES.usage
  }
  const load = COMMANDS[name]
  if (!load) {
    process.stderr.write(
      `Unknown command "${name}". Run with --help to list the commands.\n`,
    )
    return EXIT_CODES.usage
  }
  const command = await load()
  return command.run(rest)
}

function reportFatal(error: unknown): number {
  if (error instanceof AppError) {
    process.stderr.write(`error ${error.code}: ${error.message}\n`)
    return EXIT_CODES.failure
  }
  const message = error instanceof Error ? error.message : String(error)
  process.stderr.write(`unexpected error: ${message}\n`)
  return EXIT_CODES.failure
}

/**
 * Makes relative paths such as `--db store.sqlite` start from the folder
 * the user ran npm in. `npm run` starts scripts in the package folder and
 * passes the user's folder in INIT_CWD, also with `npm --prefix DIR`.
 */
export function enterCallerFolder(env: NodeJS.ProcessEnv): void {
  const callerFolder = env['INIT_CWD']
  if (callerFolder === undefined || callerFolder === '') return
  if (env['npm_lifecycle_event'] !== 'cli') return
  process.chdir(callerFolder)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  enterCallerFolder(process.env)
  // Before the command's modules load, since loading them can already grow
  // the young generation, which V8 seldom shrinks again.
  limitYoungGeneration()
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code
    },
    (error: unknown) => {
      process.exitCode = reportFatal(error)
    },
  )
}
