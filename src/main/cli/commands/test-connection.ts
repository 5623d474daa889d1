/**
 * `test-connection`: checks the credentials in the environment and prints
 * which modules the application can read, with each module's count.
 */
import { parseArgs } from 'node:util'
import { AppError } from '../../../shared/errors.ts'
import { getEntity } from '../../../shared/entities.ts'
import {
  testConnection,
  type ConnectionReport,
} from '../../api/connection-test.ts'
import { credentialsFromEnv } from '../../api/env-credentials.ts'
import { EXIT_CODES } from '../help.ts'
import { exitCodeFor, printError, quietLogs, usage } from './pull.ts'

const HELP = `Usage: npm run --silent cli -- test-connection [--json]

Checks THREEDCART_SECURE_URL, THREEDCART_PRIVATE_KEY and THREEDCART_TOKEN
against the store (THREEDCART_API_BASE_URL overrides the API address) and
lists, per entity, whether the application may read it and how many
records the store has.

Options:
  --json       print the report as one JSON object
  -h, --help   show this help

Exit codes: 0 connected, 3 credentials, scope or API address problem,
4 network unreachable or the API still failing after retries, 1 any other
problem.
`

export function exitCodeOfReport(report: ConnectionReport): number {
  if (report.ok) return EXIT_CODES.ok
  switch (report.problem?.code) {
    case 'BAD_CREDENTIALS':
    case 'MISSING_SCOPE':
    case 'NOT_AUTHORIZED':
    case 'WRONG_HOST':
      return EXIT_CODES.credentials
    case 'NETWORK_UNREACHABLE':
    case 'API_UNAVAILABLE':
      return EXIT_CODES.network
    default:
      return EXIT_CODES.failure
  }
}

function printReport(report: ConnectionReport): void {
  if (report.storeName) process.stdout.write(`Store: ${report.storeName}\n`)
  for (const row of report.modules) {
    const label = getEntity(row.entity).label.padEnd(24)
    const access = row.readable
      ? `readable, ${row.count ?? 0} records`
      : 'NOT READABLE'
    process.stdout.write(`  ${label} ${access}\n`)
  }
  if (report.problem) {
    process.stderr.write(
      `error ${report.problem.code}: ${report.problem.message}\n`,
    )
  } else {
    process.stdout.write('Connection OK.\n')
  }
}

export async function run(argv: string[]): Promise<number> {
  let json: boolean
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    })
    if (values.help) {
      process.stdout.write(HELP)
      return EXIT_CODES.ok
    }
    json = values.json
  } catch (error) {
    return usage(
      'test-connection',
      error instanceof Error ? error.message : String(error),
    )
  }
  quietLogs()
  try {
    const report = await testConnection(credentialsFromEnv())
    if (json) process.stdout.write(`${JSON.stringify(report)}\n`)
    else printReport(report)
    return exitCodeOfReport(report)
  } catch (error) {
    if (!(error instanceof AppError)) throw error
    printError(error.toInfo())
    return exitCodeFor(error.code)
  }
}
