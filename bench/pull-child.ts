/**
 * A full pull with pacing off into `--db FILE`, run as its own process by
 * the memory figure so its peak resident memory can be read. The store's
 * address and credentials come from THREEDCART_API_BASE_URL,
 * THREEDCART_SECURE_URL, THREEDCART_PRIVATE_KEY and THREEDCART_TOKEN.
 * Prints one JSON line with the outcome and `process.resourceUsage().maxRSS`.
 */
import { parseArgs } from 'node:util'
import { Archive } from '../src/main/archive/index.ts'
import { PullJob } from '../src/main/sync/pull.ts'

function requireEnv(name: string): string {
  const value = process.env[name]
  if (value === undefined || value === '') {
    throw new Error(`Environment variable ${name} is missing`)
  }
  return value
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { db: { type: 'string' } } })
  if (values.db === undefined) throw new Error('Missing --db FILE')
  const archive = Archive.open(values.db)
  try {
    const job = new PullJob({
      archive,
      baseUrl: requireEnv('THREEDCART_API_BASE_URL'),
      credentials: {
        secureUrl: requireEnv('THREEDCART_SECURE_URL'),
        privateKey: requireEnv('THREEDCART_PRIVATE_KEY'),
        token: requireEnv('THREEDCART_TOKEN'),
      },
      pacing: 'off',
    })
    const result = await job.start()
    const line = {
      state: result.state,
      complete: result.complete,
      orders: archive.count('orders'),
      maxRssKiB: process.resourceUsage().maxRSS,
      error: result.error?.message ?? null,
    }
    process.stdout.write(`${JSON.stringify(line)}\n`)
    if (result.state !== 'completed') process.exitCode = 1
  } finally {
    archive.close()
  }
}

await main()
