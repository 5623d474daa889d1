/**
 * The command line against a store on 127.0.0.1 whose StoreSettings have
 * no time zone: `pull` exits 0 and prints why the UTC date columns are
 * empty and what to do, as text and in the `--json` result.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PullResult } from '../../src/main/sync/pull.ts'
import { runCli, type CliRun } from '../reliability/support/cli.ts'
import { tempArchive, type TempArchive } from '../sync/helpers.ts'
import { startZoneStore, type ZoneStore } from '../sync/zone-server.ts'

const NOTICE_START = 'StoreSettings has no StoreTimeZone, so the UTC date'

let store: ZoneStore
let temp: TempArchive

beforeAll(async () => {
  store = await startZoneStore('absent')
  temp = tempArchive()
})

afterAll(async () => {
  await store?.close()
  temp?.remove()
})

function cli(args: string[]): Promise<CliRun> {
  return runCli(args, {
    THREEDCART_SECURE_URL: store.credentials.secureUrl,
    THREEDCART_PRIVATE_KEY: store.credentials.privateKey,
    THREEDCART_TOKEN: store.credentials.token,
    THREEDCART_API_BASE_URL: store.baseUrl,
  })
}

function resultLine(stdout: string): PullResult {
  const line = stdout
    .split('\n')
    .find((text) => text.startsWith('{"type":"result"'))
  if (!line) throw new Error(`no result line in: ${stdout.slice(-500)}`)
  return JSON.parse(line) as PullResult
}

const PULL = ['pull', '--entities', 'store_settings,orders', '--no-pacing']

describe('pull of a store without a time zone', () => {
  it('prints the notice as text', async () => {
    const run = await cli([...PULL, '--db', temp.file])
    expect(run.code).toBe(0)
    const notes = run.stdout
      .split('\n')
      .filter((line) => line.startsWith(`note: ${NOTICE_START}`))
    expect(notes).toHaveLength(1)
    expect(notes[0]).toContain("set the time zone in the store's settings")
  })

  it('puts the notice in the JSON result', async () => {
    const run = await cli([...PULL, '--db', temp.file, '--json'])
    expect(run.code).toBe(0)
    const result = resultLine(run.stdout)
    expect(result.state).toBe('completed')
    const notices = result.notices.filter((n) => n.startsWith(NOTICE_START))
    expect(notices).toHaveLength(1)
    const row = result.entities.find((e) => e.entity === 'store_settings')
    expect(row?.timeZone?.problem).toBe('missing')
    expect(row?.timeZone?.message).toBe(notices[0])
  })
})
