import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { PullJob } from '../../src/main/sync/pull.ts'
import { FAST_RETRY, tempArchive } from './helpers.ts'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!()
})

/** Starts a server on 127.0.0.1 that returns `status` for every path. */
async function pageServer(status: number, body: string): Promise<string> {
  const server = createServer((_request, response) => {
    response.writeHead(status, { 'Content-Type': 'text/html' }).end(body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  cleanups.push(
    () => new Promise<void>((resolve) => server.close(() => resolve())),
  )
  const { port } = server.address() as AddressInfo
  return `http://127.0.0.1:${port}/3dCartWebAPI/v1`
}

describe('pull from a wrong address', () => {
  it('stops with WRONG_HOST', async () => {
    const baseUrl = await pageServer(
      404,
      '<!DOCTYPE html><html><body>Page not found</body></html>',
    )
    const temp = tempArchive()
    cleanups.push(() => temp.remove())
    const archive = temp.open()
    cleanups.push(() => archive.close())
    const result = await new PullJob({
      archive,
      credentials: {
        secureUrl: 'https://shop.3dcartstores.com',
        privateKey: '0123456789abcdef0123456789abcdef',
        token: 'fedcba9876543210fedcba9876543210',
      },
      baseUrl,
      entities: ['customers', 'orders'],
      pacing: 'off',
      retry: FAST_RETRY,
    }).start()
    expect(result.state).toBe('failed')
    expect(result.error?.code).toBe('WRONG_HOST')
    expect(result.error?.message).toContain(baseUrl)
  })
})
