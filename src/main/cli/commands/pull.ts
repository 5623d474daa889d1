/**
 * `pull`: reads a whole store into a SQLite archive, with a progress bar on
 * a terminal or JSON lines with `--json`. SIGINT and SIGTERM stop after the
 * page in flight is stored; running the same command again resumes.
 */
import { parseArgs } from 'node:util'
import { AppError, type ErrorInfo } from '../../../shared/errors.ts'
import type { EntityKey } from '../../../shared/entities.ts'
import { Archive } from '../../archive/index.ts'
import type { Credentials } from '../../api/credentials.ts'
import { credentialsFromEnv } from '../../api/env-credentials.ts'
import { ApiErrorCode } from '../../api/errors.ts'
import { parseFaults, type FaultProfile } from '../../demo-store/faults.ts'
import { startDemoStore, type DemoStore } from '../../demo-store/index.ts'
import { parseSize, type DemoSize } from '../../demo-store/sizes.ts'
import { setConsoleLevel } from '../../log.ts'
import {
  plainProgressPrinter,
  progressLine,
  verificationTable,
} from '../../sync/progress-format.ts'
import { PullJob, resolveEntities, type PullResult } from '../../sync/pull.ts'
import type { PullProgress } from '../../sync/progress.ts'
import { EXIT_CODES } from '../help.ts'

const HELP = `Usage: npm run --silent cli -- pull --db FILE [options]

Pulls every record of a store into a SQLite archive, then verifies each
entity's count against the store. Run the same command again to resume an
interrupted pull; records are upserted by id, so nothing is duplicated.
One pull at a time writes an archive: a second pull, from this command or
the app, stops with ARCHIVE_LOCKED (exit code 1), while verify, export
and the app's review keep reading it.

Options:
  --db FILE           archive file, created when missing (required)
  --demo              pull from a demo store started inside this process
  --size S            demo store size: tiny, small, medium, large or a
                      number of orders (default small)
  --seed N            demo store data seed (default 1)
  --faults LIST       demo store fault profiles, a comma list such as
                      duplicate-ids or changes ("demo-server --help" lists
                      them all)
  --entities LIST     comma list of entities to pull (default: all except
                      payment_tokens, which are pulled only when named
                      here), for example orders,customers
  --incremental       read only records changed since the last completed
                      pull; the limits of this mode are printed at the end
  --store-sensitive   keep card verification values, card numbers,
                      password hashes, cart and order keys and the order
                      links that contain a key (default: they are removed
                      before storing)
  --json              print one JSON object per line on stdout: progress
                      objects, then one {"type":"result"} object
  --no-pacing         send requests without the 2-per-second pacing; only
                      for servers without a rate limit
  -h, --help          show this help

Credentials come from THREEDCART_SECURE_URL, THREEDCART_PRIVATE_KEY and
THREEDCART_TOKEN; THREEDCART_API_BASE_URL overrides the API address.

Exit codes:
  0    pulled and verified
  1    failure (the message says what failed)
  2    wrong options
  3    credentials missing, invalid or rejected, or an API address
       that is not the 3dcart REST API
  4    network or API failure after retries (run again to resume)
  5    pulled, but some entity counts still differ from the store, or
       records without a usable id were kept aside in sync_errors
  130  interrupted by SIGINT or SIGTERM (run again to resume)
`

const CREDENTIAL_CODES = new Set([
  'CREDENTIALS_MISSING',
  'CREDENTIALS_INVALID',
  ApiErrorCode.badCredentials,
  ApiErrorCode.missingScope,
  ApiErrorCode.notAuthorized,
  ApiErrorCode.wrongHost,
  'API_BASE_URL_INVALID',
])

/** Exit code for a failure's error code, shared by the commands. */
export function exitCodeFor(code: string): number {
  if (CREDENTIAL_CODES.has(code)) return EXIT_CODES.credentials
  if (
    code === ApiErrorCode.retriesExhausted ||
    code === ApiErrorCode.networkUnreachable
  ) {
    return EXIT_CODES.network
  }
  if (code === ApiErrorCode.cancelled) return EXIT_CODES.interrupted
  return EXIT_CODES.failure
}

export function usage(command: string, message: string): number {
  process.stderr.write(`${message}\nRun "${command} --help" for the options.\n`)
  return EXIT_CODES.usage
}

export function printError(error: ErrorInfo): void {
  process.stderr.write(`error ${error.code}: ${error.message}\n`)
}

/** Keeps the logger off the terminal; the commands print their own lines. */
export function quietLogs(): void {
  if (!process.env['WIZARD_LOG_LEVEL']) setConsoleLevel(false)
}

/** Options of the entity list, shared with `verify`. */
export function parseEntityList(text: string | undefined): EntityKey[] {
  if (text === undefined) return resolveEntities()
  const keys = text
    .split(',')
    .map((key) => key.trim().toLowerCase())
    .filter((key) => key !== '')
  if (keys.length === 0) {
    throw new AppError('UNKNOWN_ENTITY', '--entities lists no entity.')
  }
  return resolveEntities(keys)
}

interface PullArgs {
  db: string
  demo: boolean
  size: DemoSize
  seed: number
  faults: FaultProfile[]
  entities: EntityKey[]
  incremental: boolean
  storeSensitive: boolean
  json: boolean
  pacing: boolean
}

function parsePullArgs(argv: string[]): PullArgs | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: 'string' },
      demo: { type: 'boolean', default: false },
      size: { type: 'string', default: 'small' },
      seed: { type: 'string', default: '1' },
      faults: { type: 'string', default: '' },
      entities: { type: 'string' },
      incremental: { type: 'boolean', default: false },
      'store-sensitive': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      pacing: { type: 'boolean', default: true },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowNegative: true,
    strict: true,
  })
  if (values.help) return 'help'
  if (!values.db) throw new AppError('USAGE', 'Missing --db FILE.')
  const seed = Number(values.seed)
  if (!Number.isInteger(seed)) {
    throw new AppError(
      'USAGE',
      `Invalid --seed "${values.seed}": expected a whole number.`,
    )
  }
  const faults = parseFaults(values.faults)
  if (faults.length > 0 && !values.demo) {
    throw new AppError(
      'USAGE',
      '--faults applies only with --demo. Add --demo, or leave out --faults.',
    )
  }
  return {
    db: values.db,
    demo: values.demo,
    // Checked with the other options, so a bad size is a usage error.
    size: parseSize(values.size),
    seed,
    faults,
    entities: parseEntityList(values.entities),
    incremental: values.incremental,
    storeSensitive: values['store-sensitive'],
    json: values.json,
    pacing: values.pacing,
  }
}

/**
 * Redraws the progress line on a terminal at most ten times a second. On a
 * pipe or file, writes a plain line at most every ten seconds.
 */
function progressPrinter(json: boolean): (progress: PullProgress) => void {
  if (json) {
    return (progress) => {
      process.stdout.write(
        `${JSON.stringify({ type: 'progress', ...progress })}\n`,
      )
    }
  }
  if (!process.stderr.isTTY) {
    return plainProgressPrinter((line) => process.stderr.write(line))
  }
  let last = 0
  return (progress) => {
    const now = Date.now()
    const final = ['completed', 'failed', 'cancelled'].includes(progress.state)
    if (!final && now - last < 100) return
    last = now
    const width = Math.max(40, (process.stderr.columns ?? 100) - 1)
    process.stderr.write(`\r\x1b[2K${progressLine(progress, width)}`)
    if (final) process.stderr.write('\n')
  }
}

function printResult(result: PullResult, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify({ type: 'result', ...result })}\n`)
    return
  }
  if (result.entities.length > 0) {
    process.stdout.write(
      `Verification (local of store):\n${verificationTable(result.entities)}`,
    )
  }
  for (const notice of result.notices) process.stdout.write(`note: ${notice}\n`)
  if (result.state === 'cancelled') {
    process.stderr.write(
      'Pull interrupted. Run the same command again to resume.\n',
    )
  }
  if (result.error) printError(result.error)
}

function exitCodeOf(result: PullResult): number {
  if (result.state === 'cancelled') return EXIT_CODES.interrupted
  if (result.error) return exitCodeFor(result.error.code)
  return result.complete ? EXIT_CODES.ok : EXIT_CODES.incomplete
}

async function openSource(
  args: PullArgs,
): Promise<{ credentials: Credentials; baseUrl?: string; demo?: DemoStore }> {
  if (!args.demo) {
    return {
      credentials: credentialsFromEnv(
        process.env,
        'Or pull the built-in demo store with --demo.',
      ),
    }
  }
  const demo = await startDemoStore({
    size: args.size,
    seed: args.seed,
    faults: args.faults,
    rateLimit: args.pacing ? 'real' : 'off',
  })
  return { credentials: demo, baseUrl: demo.baseUrl, demo }
}

export async function run(argv: string[]): Promise<number> {
  let args: PullArgs | 'help'
  try {
    args = parsePullArgs(argv)
  } catch (error) {
    return usage('pull', error instanceof Error ? error.message : String(error))
  }
  if (args === 'help') {
    process.stdout.write(HELP)
    return EXIT_CODES.ok
  }
  quietLogs()
  let source: Awaited<ReturnType<typeof openSource>>
  try {
    source = await openSource(args)
  } catch (error) {
    if (!(error instanceof AppError)) throw error
    printError(error.toInfo())
    return exitCodeFor(error.code)
  }
  try {
    return await pullInto(args, source)
  } finally {
    await source.demo?.close()
  }
}

async function pullInto(
  args: PullArgs,
  source: { credentials: Credentials; baseUrl?: string },
): Promise<number> {
  const archive = Archive.open(args.db)
  const job = new PullJob({
    archive,
    credentials: source.credentials,
    entities: args.entities,
    mode: args.incremental ? 'incremental' : 'full',
    storeSensitive: args.storeSensitive,
    onProgress: progressPrinter(args.json),
    ...(source.baseUrl ? { baseUrl: source.baseUrl } : {}),
    ...(args.pacing ? {} : { pacing: 'off' as const }),
  })
  let signals = 0
  const stop = (): void => {
    signals++
    // A second signal means the user does not want to wait for the page.
    if (signals > 1) process.exit(EXIT_CODES.interrupted)
    job.cancel()
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  try {
    const result = await job.start()
    printResult(result, args.json)
    return exitCodeOf(result)
  } finally {
    process.off('SIGINT', stop)
    process.off('SIGTERM', stop)
    archive.close()
  }
}
