/**
 * `demo-server`: runs the demo store on 127.0.0.1 until SIGINT or SIGTERM
 * and prints one JSON line with its address and credentials, so scripts and
 * other tools can point a client at it.
 */
import { existsSync, statSync } from 'node:fs'
import { parseArgs } from 'node:util'
import {
  startDemoStore,
  type DemoStore,
  type DemoStoreOptions,
} from '../../demo-store/index.ts'
import { parseFaults } from '../../demo-store/faults.ts'
import { parseSize } from '../../demo-store/sizes.ts'
import { EXIT_CODES } from '../help.ts'

const HELP = `Usage: npm run --silent cli -- demo-server [options]

Serves a fake 3dcart store (REST API and storefront images) on 127.0.0.1
and prints one JSON line: {"baseUrl", "secureUrl", "privateKey", "token"}.
Stops on SIGINT or SIGTERM.

Options:
  --port N             TCP port; 0 picks a free one (default 0)
  --size S             tiny, small, medium, large or a number of orders
                       up to 1000000 (default tiny)
  --seed N             data seed; the same seed gives the same store (default 1)
  --faults LIST        comma list of: empty-500, html-502, truncated-json,
                       reset, slow, throttle-storm, changes, duplicate-ids,
                       duplicate-ids-later
  --fault-rate R       share of requests hit by a fault, 0..1 (default 0.1)
  --fault-seed N       seed of the fault sequence (default: the data seed)
  --rate-limit MODE    real (50-request burst, 2 per second), off, or N
                       requests per second with the real burst (default real)
  --throttle-status N  status of a throttled request: 429 (default) or 503
  --retry-after S      send Retry-After: S seconds on throttled requests
  --latency MS         delay added to every API request in milliseconds
                       (default 0)
  --samples DIR        serve the JSON arrays in DIR instead of generated data
  --date-format F      iso-local (default) or us-short
  --time-zone ZONE     IANA zone in StoreSettings (default America/New_York)
`

function usage(message: string): number {
  process.stderr.write(
    `${message}\nRun "demo-server --help" for the options.\n`,
  )
  return EXIT_CODES.usage
}

function parseNumber(
  name: string,
  text: string,
  min: number,
  max: number,
): number {
  const value = Number(text)
  if (
    text.trim() === '' ||
    !Number.isFinite(value) ||
    value < min ||
    value > max
  ) {
    throw new Error(
      `Invalid --${name} "${text}": expected a number from ${min} to ${max}`,
    )
  }
  return value
}

function parseRateLimit(text: string): DemoStoreOptions['rateLimit'] {
  if (text === 'real' || text === 'off') return text
  const perSecond = Number(text)
  if (
    text.trim() === '' ||
    !Number.isFinite(perSecond) ||
    perSecond < 0.001 ||
    perSecond > 1_000_000
  ) {
    throw new Error(
      `Invalid --rate-limit "${text}": expected real, off, or a number of requests per second from 0.001 to 1000000`,
    )
  }
  return { burst: 50, perSecond }
}

/** Returns `dir` when it is a folder, else names what is wrong with it. */
function checkSamplesDir(dir: string): string {
  if (!existsSync(dir)) {
    throw new Error(`Invalid --samples "${dir}": the folder is missing.`)
  }
  if (!statSync(dir).isDirectory()) {
    throw new Error(
      `Invalid --samples "${dir}": it is a file, expected a folder of JSON files.`,
    )
  }
  return dir
}

function checkTimeZone(zone: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone })
  } catch {
    throw new Error(
      `Invalid --time-zone "${zone}": use an IANA zone such as America/Chicago`,
    )
  }
  return zone
}

/** Builds store options from the command line; throws on invalid values. */
export function optionsFromArgs(argv: string[]): DemoStoreOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '0' },
      size: { type: 'string', default: 'tiny' },
      seed: { type: 'string', default: '1' },
      faults: { type: 'string', default: '' },
      'fault-rate': { type: 'string', default: '0.1' },
      'fault-seed': { type: 'string' },
      'throttle-status': { type: 'string', default: '429' },
      'retry-after': { type: 'string' },
      'time-zone': { type: 'string' },
      'rate-limit': { type: 'string', default: 'real' },
      latency: { type: 'string', default: '0' },
      samples: { type: 'string' },
      'date-format': { type: 'string', default: 'iso-local' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  })
  if (values.help) return 'help'
  const dateFormat = values['date-format']
  if (dateFormat !== 'iso-local' && dateFormat !== 'us-short') {
    throw new Error(
      `Invalid --date-format "${dateFormat}": use iso-local or us-short`,
    )
  }
  const options: DemoStoreOptions = {
    port: parseNumber('port', values.port, 0, 65_535),
    size: parseSize(values.size),
    seed: parseNumber('seed', values.seed, 0, 2 ** 32 - 1),
    faults: parseFaults(values.faults),
    faultRate: parseNumber('fault-rate', values['fault-rate'], 0, 1),
    rateLimit: parseRateLimit(values['rate-limit']),
    latencyMs: parseNumber('latency', values.latency, 0, 600_000),
    payloadDateFormat: dateFormat,
  }
  const throttleStatus = values['throttle-status']
  if (throttleStatus !== '429' && throttleStatus !== '503') {
    throw new Error(
      `Invalid --throttle-status "${throttleStatus}": use 429 or 503`,
    )
  }
  options.throttleStatus = throttleStatus === '503' ? 503 : 429
  if (values['fault-seed'] !== undefined) {
    options.faultSeed = parseNumber(
      'fault-seed',
      values['fault-seed'],
      0,
      2 ** 32 - 1,
    )
  }
  if (values['retry-after'] !== undefined) {
    options.retryAfterSeconds = parseNumber(
      'retry-after',
      values['retry-after'],
      0,
      86_400,
    )
  }
  if (values['time-zone'] !== undefined) {
    options.storeTimeZone = checkTimeZone(values['time-zone'])
  }
  if (values.samples !== undefined) {
    options.samplesDir = checkSamplesDir(values.samples)
  }
  return options
}

export async function run(argv: string[]): Promise<number> {
  let options: DemoStoreOptions | 'help'
  try {
    options = optionsFromArgs(argv)
  } catch (error) {
    return usage((error as Error).message)
  }
  if (options === 'help') {
    process.stdout.write(HELP)
    return EXIT_CODES.ok
  }
  let store: DemoStore
  try {
    store = await startDemoStore(options)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EADDRINUSE' || code === 'EACCES') {
      return usage(
        `Cannot listen on 127.0.0.1:${options.port}: ${code === 'EADDRINUSE' ? 'the port is in use' : 'permission denied'}. Choose another --port, or 0 for a free one.`,
      )
    }
    throw error
  }
  process.stdout.write(
    `${JSON.stringify({
      baseUrl: store.baseUrl,
      secureUrl: store.secureUrl,
      privateKey: store.privateKey,
      token: store.token,
    })}\n`,
  )
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
  })
  await store.close()
  return EXIT_CODES.ok
}
