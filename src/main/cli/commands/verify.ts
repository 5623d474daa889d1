/**
 * `verify`: compares an archive's count of each entity with the store's,
 * using the credentials in the environment. Changes nothing.
 */
import { existsSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { AppError } from '../../../shared/errors.ts'
import type { EntityKey } from '../../../shared/entities.ts'
import { Archive } from '../../archive/index.ts'
import { credentialsFromEnv } from '../../api/env-credentials.ts'
import { verificationTable } from '../../sync/progress-format.ts'
import { verifyArchive } from '../../sync/verify.ts'
import { EXIT_CODES } from '../help.ts'
import {
  exitCodeFor,
  parseEntityList,
  printError,
  quietLogs,
  usage,
} from './pull.ts'

const HELP = `Usage: npm run --silent cli -- verify --db FILE [options]

Compares each entity's record count in the archive with the store's count.
Credentials come from THREEDCART_SECURE_URL, THREEDCART_PRIVATE_KEY and
THREEDCART_TOKEN; THREEDCART_API_BASE_URL overrides the API address. A
demo store ends with the process that started it, so "pull --demo" runs
this verification itself and prints it.

Options:
  --db FILE          archive to check (required)
  --entities LIST    comma list of entities (default: those pulled before)
  --json             print the report as one JSON object
  -h, --help         show this help

Exit codes: 0 every entity complete, 5 some entity incomplete,
2 wrong options, 3 credentials problem, 4 network failure after retries,
1 other failure.
`

interface VerifyArgs {
  db: string
  entities: EntityKey[] | undefined
  json: boolean
}

function parseVerifyArgs(argv: string[]): VerifyArgs | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: 'string' },
      entities: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  })
  if (values.help) return 'help'
  if (!values.db) throw new Error('Missing --db FILE.')
  // Parsed with the other options, so an unknown entity is a usage error.
  const entities =
    values.entities === undefined ? undefined : parseEntityList(values.entities)
  return { db: values.db, entities, json: values.json }
}

export async function run(argv: string[]): Promise<number> {
  let args: VerifyArgs | 'help'
  try {
    args = parseVerifyArgs(argv)
  } catch (error) {
    return usage(
      'verify',
      error instanceof Error ? error.message : String(error),
    )
  }
  if (args === 'help') {
    process.stdout.write(HELP)
    return EXIT_CODES.ok
  }
  quietLogs()
  if (!existsSync(args.db)) {
    process.stderr.write(
      `error ARCHIVE_NOT_FOUND: No archive at ${args.db}. Check the path, or run "pull --db ${args.db}" first.\n`,
    )
    return EXIT_CODES.failure
  }
  try {
    const credentials = credentialsFromEnv(
      process.env,
      'A demo store exists only inside "pull --demo", which verifies the archive at its end.',
    )
    // Read-only, so it runs while a pull writes the archive.
    const archive = Archive.open(args.db, { readonly: true })
    try {
      const report = await verifyArchive({
        archive,
        credentials,
        ...(args.entities !== undefined ? { entities: args.entities } : {}),
      })
      if (args.json) process.stdout.write(`${JSON.stringify(report)}\n`)
      else
        process.stdout.write(
          `Verification (local of store):\n${verificationTable(report.entities)}`,
        )
      return report.complete ? EXIT_CODES.ok : EXIT_CODES.incomplete
    } finally {
      archive.close()
    }
  } catch (error) {
    if (!(error instanceof AppError)) throw error
    printError(error.toInfo())
    return exitCodeFor(error.code)
  }
}
