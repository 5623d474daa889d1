/**
 * The command line against stores on 127.0.0.1 whose count disagrees with
 * their listing, or whose listing has a record without an id. `pull`
 * exits 0 for the first and 5 for the second, and prints what to do.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { PullResult } from '../../src/main/sync/pull.ts'
import { runCli, type CliRun } from '../reliability/support/cli.ts'
import { tempArchive } from '../sync/helpers.ts'
import {
  orderJson,
  startListingStore,
  type ListingOptions,
  type ListingStore,
} from '../sync/listing-server.ts'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!()
})

/** Runs the command line against the listing server. */
function cli(store: ListingStore, args: string[]): Promise<CliRun> {
  return runCli(args, {
    THREEDCART_SECURE_URL: store.credentials.secureUrl,
    THREEDCART_PRIVATE_KEY: store.credentials.privateKey,
    THREEDCART_TOKEN: store.credentials.token,
    THREEDCART_API_BASE_URL: store.baseUrl,
  })
}

function orders(count: number): string[] {
  const out: string[] = []
  for (let id = 1; id <= count; id++) out.push(orderJson(String(id)))
  return out
}

async function setup(options: ListingOptions) {
  const store = await startListingStore(options)
  cleanups.push(() => store.close())
  const temp = tempArchive()
  cleanups.push(() => temp.remove())
  return { store, file: temp.file }
}

function pullArgs(file: string): string[] {
  return ['pull', '--db', file, '--entities', 'orders', '--no-pacing']
}

describe('cli pull of a count above the listing', () => {
  it('exits 0 and explains the difference', async () => {
    const { store, file } = await setup({ records: orders(700), count: 705 })
    const run = await cli(store, pullArgs(file))
    expect(run.code).toBe(0)
    expect(run.stdout).toContain(
      "note: Orders: the store's count reports 5 records more than its listing returns (705 counted, 700 listed)",
    )
    expect(run.stdout).not.toContain('INCOMPLETE')
    expect(run.stdout).not.toContain('kept changing')
  })

  it('verify then exits 0', async () => {
    const { store, file } = await setup({ records: orders(700), count: 705 })
    expect((await cli(store, pullArgs(file))).code).toBe(0)
    const run = await cli(store, ['verify', '--db', file])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('(705 counted, 700 listed)')
  })
})

describe('cli pull of a record without an id', () => {
  it('exits 5 and says what to do', async () => {
    const records = orders(700)
    records[400] = '{"InvoiceNumber":9}'
    const { store, file } = await setup({ records })
    const run = await cli(store, [...pullArgs(file), '--json'])
    expect(run.code).toBe(5)
    const line = run.stdout
      .split('\n')
      .find((text) => text.startsWith('{"type":"result"'))
    expect(line, 'result line').toBeDefined()
    const result = JSON.parse(line!) as PullResult
    expect(result.state).toBe('completed')
    expect(result.error).toBeNull()
    expect(result.entities[0]!.localCount).toBe(699)
    expect(result.notices.join(' ')).toContain(
      "Orders: 1 record could not be stored because the store sent it without a usable id. It is kept as the store sent it in the archive's sync_errors table. Contact the store's support",
    )
  })
})
