import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { ApiClient, resolveBaseUrl } from '../../src/main/api/client.ts'
import { AppError } from '../../src/shared/errors.ts'
import { getEntity } from '../../src/shared/entities.ts'
import { PullJob } from '../../src/main/sync/pull.ts'
import { tempArchive } from '../sync/helpers.ts'

const CREDENTIALS = {
  secureUrl: 'https://shop.3dcartstores.com',
  privateKey: '0123456789abcdef0123456789abcdef',
  token: 'fedcba9876543210fedcba9876543210',
}
const FAST = { baseDelayMs: 1, maxDelayMs: 2, throttleDelayMs: 1 }

type Reply = { status: number; body: string; headers?: Record<string, string> }

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!()
})

/** Starts a scripted API on 127.0.0.1; `handle` gets the request URL. */
async function scripted(
  handle: (url: URL, request: IncomingMessage) => Reply,
): Promise<string> {
  const server: Server = createServer((request, response) => {
    const reply = handle(
      new URL(request.url ?? '/', 'http://127.0.0.1'),
      request,
    )
    response
      .writeHead(reply.status, {
        'Content-Type': 'application/json; charset=utf-8',
        ...reply.headers,
      })
      .end(reply.body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  cleanups.push(
    () => new Promise<void>((resolve) => server.close(() => resolve())),
  )
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/3dCartWebAPI/v1`
}

function manufacturer(id: number): string {
  return `{"ManufacturerID":${id},"Name":"Maker ${id}","Price":1.50}`
}

/**
 * A manufacturers list of `total` records that caps pages at `cap` rows
 * and ends the way `end` names. Records every offset and limit requested.
 */
async function listServer(
  total: number,
  cap: number,
  end: '400' | '404' | 'empty',
) {
  const requests: Array<{ offset: number; limit: number }> = []
  const baseUrl = await scripted((url) => {
    if (!url.pathname.endsWith('/Manufacturers')) {
      return { status: 404, body: '[{"Message":"No settings"}]' }
    }
    if (url.searchParams.get('countonly') === '1') {
      return { status: 200, body: `{"TotalCount":${total}}` }
    }
    const offset = Number(url.searchParams.get('offset'))
    const limit = Number(url.searchParams.get('limit'))
    requests.push({ offset, limit })
    if (offset > total) {
      if (end === '400') {
        return {
          status: 400,
          body: '[{"Key":"Error","Value":"","Status":"400","Message":"Offset amount exceeds the total number of records"}]',
        }
      }
      return end === '404'
        ? { status: 404, body: '' }
        : { status: 200, body: '[]' }
    }
    const ids: number[] = []
    for (
      let id = offset;
      id < offset + Math.min(limit, cap) && id <= total;
      id++
    ) {
      ids.push(id)
    }
    return { status: 200, body: `[${ids.map(manufacturer).join(',')}]` }
  })
  return { baseUrl, requests }
}

async function pullManufacturers(baseUrl: string) {
  const temp = tempArchive()
  cleanups.push(() => temp.remove())
  const archive = temp.open()
  cleanups.push(() => archive.close())
  const result = await new PullJob({
    archive,
    credentials: CREDENTIALS,
    baseUrl,
    entities: ['manufacturers'],
    pacing: 'off',
    retry: FAST,
  }).start()
  return { archive, result }
}

describe('paging', () => {
  it('advances by rows received when capped', async () => {
    const { baseUrl, requests } = await listServer(230, 100, '400')
    const { archive, result } = await pullManufacturers(baseUrl)
    expect(result.error).toBeNull()
    expect(result.complete).toBe(true)
    expect(archive.count('manufacturers')).toBe(230)
    expect(archive.getRaw('manufacturers', 150)).toBe(manufacturer(150))
    // Each request after the first re-reads the previous page's last row.
    expect(requests.map((r) => r.offset)).toEqual([1, 100, 199])
    expect(requests.every((r) => r.limit === 500)).toBe(true)
  })

  it('ends on a short page of an odd size', async () => {
    const { baseUrl, requests } = await listServer(23, 500, '400')
    const { archive } = await pullManufacturers(baseUrl)
    expect(archive.count('manufacturers')).toBe(23)
    expect(requests.map((r) => r.offset)).toEqual([1])
  })

  it.each([
    ['400', 'offset-exceeded'],
    ['404', 'not-found'],
    ['empty', 'empty'],
  ] as const)('reads the end of data from %s', async (end, reason) => {
    const { baseUrl } = await listServer(3, 500, end)
    const client = new ApiClient({
      credentials: CREDENTIALS,
      baseUrl,
      pacing: 'off',
    })
    const page = await client.fetchPage(getEntity('manufacturers'), 4, 500)
    expect(page).toEqual({ kind: 'end', reason })
  })

  it('counts instead of reading past a round page', async () => {
    const { baseUrl, requests } = await listServer(100, 500, '400')
    const { archive, result } = await pullManufacturers(baseUrl)
    expect(result.complete).toBe(true)
    expect(archive.count('manufacturers')).toBe(100)
    // The count of 100 shows the short page of 100 was the last.
    expect(requests.map((r) => r.offset)).toEqual([1])
  })

  it('reads a full last page to its end', async () => {
    const { baseUrl, requests } = await listServer(1000, 500, '400')
    const { result } = await pullManufacturers(baseUrl)
    expect(result.complete).toBe(true)
    expect(requests.map((r) => r.offset)).toEqual([1, 500, 999])
  })

  it('never asks for more than the page maximum', async () => {
    const limits = new Map<string, number>()
    const baseUrl = await scripted((url) => {
      const limit = url.searchParams.get('limit')
      if (limit) limits.set(url.pathname.split('/').pop()!, Number(limit))
      if (url.searchParams.get('countonly') === '1') {
        return { status: 200, body: '{"TotalCount":5}' }
      }
      return { status: 404, body: '' }
    })
    const temp = tempArchive()
    cleanups.push(() => temp.remove())
    const archive = temp.open()
    cleanups.push(() => archive.close())
    await new PullJob({
      archive,
      credentials: CREDENTIALS,
      baseUrl,
      entities: ['orders', 'products', 'customers'],
      pacing: 'off',
    }).start()
    expect(Object.fromEntries(limits)).toEqual({
      Orders: 300,
      Products: 200,
      Customers: 500,
    })
  })
})

describe('ApiClient', () => {
  it('sends the credential headers', async () => {
    let seen: IncomingMessage['headers'] = {}
    const baseUrl = await scripted((_url, request) => {
      seen = request.headers
      return { status: 200, body: '{"TotalCount":4}' }
    })
    const client = new ApiClient({
      credentials: CREDENTIALS,
      baseUrl,
      pacing: 'off',
    })
    expect(await client.count(getEntity('orders'))).toBe(4)
    expect(seen['secureurl']).toBe(CREDENTIALS.secureUrl)
    expect(seen['privatekey']).toBe(CREDENTIALS.privateKey)
    expect(seen['token']).toBe(CREDENTIALS.token)
    expect(seen['accept']).toBe('application/json')
  })

  it('retries a throttle and honours Retry-After', async () => {
    let calls = 0
    const baseUrl = await scripted(() => {
      calls++
      return calls <= 2
        ? { status: 429, body: '', headers: { 'Retry-After': '0' } }
        : { status: 200, body: '{"TotalCount":9}' }
    })
    const delays: number[] = []
    const client = new ApiClient({
      credentials: CREDENTIALS,
      baseUrl,
      pacing: 'off',
      retry: FAST,
      onRetry: (event) => delays.push(event.delayMs),
    })
    expect(await client.count(getEntity('orders'))).toBe(9)
    expect(delays).toEqual([0, 0])
  })

  it('retries a 503 as a throttle', async () => {
    let calls = 0
    const baseUrl = await scripted(() => {
      calls++
      return calls === 1
        ? { status: 503, body: '<html>busy</html>' }
        : { status: 200, body: '{"TotalCount":1}' }
    })
    const codes: string[] = []
    const client = new ApiClient({
      credentials: CREDENTIALS,
      baseUrl,
      pacing: 'off',
      retry: FAST,
      onRetry: (event) => codes.push(event.code),
    })
    expect(await client.count(getEntity('orders'))).toBe(1)
    expect(codes).toEqual(['API_THROTTLED'])
  })

  it('gives up after the retry cap', async () => {
    let calls = 0
    const baseUrl = await scripted(() => {
      calls++
      return { status: 500, body: '' }
    })
    const client = new ApiClient({
      credentials: CREDENTIALS,
      baseUrl,
      pacing: 'off',
      retry: { ...FAST, maxAttempts: 4 },
    })
    const error = await client
      .count(getEntity('orders'))
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).code).toBe('API_RETRIES_EXHAUSTED')
    expect(calls).toBe(4)
  })

  it('stops on a Retry-After beyond the cap', async () => {
    for (const retryAfter of ['86400', 'Fri, 31 Dec 9999 23:59:59 GMT']) {
      let calls = 0
      const baseUrl = await scripted(() => {
        calls++
        return { status: 429, body: '', headers: { 'Retry-After': retryAfter } }
      })
      const client = new ApiClient({ credentials: CREDENTIALS, baseUrl })
      const error = await client
        .fetchPage(getEntity('orders'), 1, 300)
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(AppError)
      const appError = error as AppError
      expect(appError.code).toBe('API_RETRIES_EXHAUSTED')
      expect(appError.message).toContain('Retry-After')
      expect(appError.message).toContain('Run the pull again after')
      expect(appError.details?.['status']).toBe(429)
      expect(calls).toBe(1)
    }
  })

  it('names the wait and resume time', async () => {
    const baseUrl = await scripted(() => ({
      status: 503,
      body: '',
      headers: { 'Retry-After': '86400' },
    }))
    const client = new ApiClient({ credentials: CREDENTIALS, baseUrl })
    const before = Date.now()
    const error = (await client
      .count(getEntity('customers'))
      .catch((e: unknown) => e)) as AppError
    const resumeAt = new Date(before + 86_400_000).toISOString().slice(0, 10)
    expect(error.message).toContain('a wait of 86400 seconds')
    expect(error.message).toContain('reads customers again (HTTP 503')
    expect(error.message).toContain(`after ${resumeAt} `)
    expect(error.details?.['retryAfterMs']).toBe(86_400_000)
  })

  it('waits out a Retry-After within the cap', async () => {
    let calls = 0
    const baseUrl = await scripted(() => {
      calls++
      return calls === 1
        ? { status: 429, body: '', headers: { 'Retry-After': '0.02' } }
        : { status: 200, body: '{"TotalCount":3}' }
    })
    const delays: number[] = []
    const client = new ApiClient({
      credentials: CREDENTIALS,
      baseUrl,
      pacing: 'off',
      retry: { maxRetryAfterMs: 50 },
      onRetry: (event) => delays.push(event.delayMs),
    })
    expect(await client.count(getEntity('orders'))).toBe(3)
    expect(delays).toEqual([20])
  })

  it('advises waiting after server errors', async () => {
    const baseUrl = await scripted(() => ({ status: 500, body: '' }))
    const client = new ApiClient({
      credentials: CREDENTIALS,
      baseUrl,
      pacing: 'off',
      retry: { ...FAST, maxAttempts: 2 },
    })
    const error = (await client
      .count(getEntity('orders'))
      .catch((e: unknown) => e)) as AppError
    expect(error.code).toBe('API_RETRIES_EXHAUSTED')
    expect(error.message).toContain('HTTP 500')
    expect(error.message).toContain("The store's API is failing right now.")
    expect(error.message).not.toContain('internet connection')
  })

  it('advises the network after refusals', async () => {
    const baseUrl = await scripted(() => ({ status: 200, body: '' }))
    // Closing the only server leaves its port refusing connections.
    await cleanups.pop()!()
    const client = new ApiClient({
      credentials: CREDENTIALS,
      baseUrl,
      pacing: 'off',
      retry: { ...FAST, maxAttempts: 2 },
    })
    const error = (await client
      .count(getEntity('orders'))
      .catch((e: unknown) => e)) as AppError
    expect(error.code).toBe('API_RETRIES_EXHAUSTED')
    expect(error.message).toContain('ECONNREFUSED')
    expect(error.message).toContain('Check your internet connection')
  })

  it('names an object sent for a list', async () => {
    const baseUrl = await scripted(() => ({
      status: 200,
      body: '{"OrderID":1}',
    }))
    const client = new ApiClient({
      credentials: CREDENTIALS,
      baseUrl,
      pacing: 'off',
      retry: { ...FAST, maxAttempts: 2 },
    })
    const error = (await client
      .fetchPage(getEntity('orders'), 1, 300)
      .catch((e: unknown) => e)) as AppError
    expect(error.code).toBe('API_RETRIES_EXHAUSTED')
    expect(error.message).toContain(
      'The store sent a JSON object where a list was expected',
    )
  })

  it('raises BAD_CREDENTIALS on 401', async () => {
    const baseUrl = await scripted(() => ({
      status: 401,
      body: '{"Message":"Authorization has been denied for this request."}',
    }))
    const client = new ApiClient({
      credentials: CREDENTIALS,
      baseUrl,
      pacing: 'off',
    })
    const error = await client
      .fetchPage(getEntity('customers'), 1, 500)
      .catch((e: unknown) => e)
    expect((error as AppError).code).toBe('BAD_CREDENTIALS')
    expect((error as AppError).details?.['module']).toBe('Customers')
  })

  it('times out a stalled reply and retries', async () => {
    let calls = 0
    const server: Server = createServer((_request, response) => {
      calls++
      if (calls === 1) return // never answers
      response.end('{"TotalCount":2}')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    cleanups.push(() => {
      server.closeAllConnections()
      return new Promise<void>((resolve) => server.close(() => resolve()))
    })
    const client = new ApiClient({
      credentials: CREDENTIALS,
      baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
      pacing: 'off',
      retry: FAST,
      timeoutMs: 100,
    })
    expect(await client.count(getEntity('orders'))).toBe(2)
    expect(calls).toBe(2)
  })

  it('prefers the explicit base URL, then the environment', () => {
    const saved = process.env['THREEDCART_API_BASE_URL']
    try {
      process.env['THREEDCART_API_BASE_URL'] = 'http://127.0.0.1:9/api/'
      expect(resolveBaseUrl()).toBe('http://127.0.0.1:9/api')
      expect(resolveBaseUrl('http://127.0.0.1:8/x')).toBe(
        'http://127.0.0.1:8/x',
      )
      delete process.env['THREEDCART_API_BASE_URL']
      expect(resolveBaseUrl()).toBe(
        'https://apirest.3dcart.com/3dCartWebAPI/v1',
      )
    } finally {
      if (saved === undefined) delete process.env['THREEDCART_API_BASE_URL']
      else process.env['THREEDCART_API_BASE_URL'] = saved
    }
  })
})
