import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { testConnection } from '../../src/main/api/connection-test.ts'
import {
  startDemoStore,
  type DemoStore,
} from '../../src/main/demo-store/index.ts'

const FAST = {
  pacing: 'off' as const,
  retry: { baseDelayMs: 2, maxDelayMs: 5, throttleDelayMs: 2 },
  timeoutMs: 2_000,
}

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!()
})

async function demo(
  options: Parameters<typeof startDemoStore>[0] = {},
): Promise<DemoStore> {
  const store = await startDemoStore(options)
  cleanups.push(() => store.close())
  return store
}

/** Starts a server on 127.0.0.1 that returns the same reply to every request. */
async function fixedServer(
  status: number,
  body: string,
  headers: Record<string, string> = {},
): Promise<string> {
  const server: Server = createServer((_request, response) => {
    response.writeHead(status, headers).end(body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  cleanups.push(
    () => new Promise<void>((resolve) => server.close(() => resolve())),
  )
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/3dCartWebAPI/v1`
}

const CREDENTIALS = {
  secureUrl: 'https://shop.3dcartstores.com',
  privateKey: '0123456789abcdef0123456789abcdef',
  token: 'fedcba9876543210fedcba9876543210',
}

describe('testConnection', () => {
  it('lists every module with its count', async () => {
    const store = await demo({ size: 'tiny' })
    const report = await testConnection(store, {
      baseUrl: store.baseUrl,
      ...FAST,
    })
    expect(report.ok).toBe(true)
    expect(report.problem).toBeUndefined()
    expect(report.storeName).toBeTruthy()
    const orders = report.modules.find((m) => m.entity === 'orders')
    expect(orders).toEqual({
      module: 'Orders',
      entity: 'orders',
      readable: true,
      count: store.count('orders'),
    })
    expect(report.modules).toHaveLength(18)
  })

  it('reports rejected credentials', async () => {
    const store = await demo()
    const report = await testConnection(
      { ...store, token: 'ffffffffffffffffffffffffffffffff' },
      { baseUrl: store.baseUrl, ...FAST },
    )
    expect(report.ok).toBe(false)
    expect(report.problem?.code).toBe('BAD_CREDENTIALS')
    expect(report.problem?.step).toBe('token')
    expect(report.modules.every((m) => !m.readable)).toBe(true)
  })

  it('names the modules without read scope', async () => {
    const store = await demo({ scopes: { Customers: false, CRM: false } })
    const report = await testConnection(store, {
      baseUrl: store.baseUrl,
      ...FAST,
    })
    expect(report.ok).toBe(false)
    expect(report.problem?.code).toBe('MISSING_SCOPE')
    expect(report.problem?.message).toContain('Customers, CRM')
    const unreadable = report.modules.filter((m) => !m.readable)
    expect(unreadable.map((m) => m.entity)).toEqual([
      'customers',
      'crm_tickets',
      'crm_departments',
      'crm_statuses',
    ])
  })

  it('accepts a missing payment token scope', async () => {
    const store = await demo({ scopes: { PaymentTokens: false } })
    const report = await testConnection(store, {
      baseUrl: store.baseUrl,
      ...FAST,
    })
    expect(report.ok).toBe(true)
    expect(
      report.modules.find((m) => m.entity === 'payment_tokens')?.readable,
    ).toBe(false)
  })

  it('reports an unreachable host', async () => {
    const baseUrl = await fixedServer(200, '')
    // Close the server so the port refuses connections.
    await cleanups.pop()!()
    const report = await testConnection(CREDENTIALS, { baseUrl, ...FAST })
    expect(report.problem?.code).toBe('NETWORK_UNREACHABLE')
    expect(report.problem?.step).toBe('connect')
    expect(report.problem?.message).toContain('ECONNREFUSED')
  })

  it('reports a failing API without pull advice', async () => {
    const baseUrl = await fixedServer(500, '{"Message":"Server busy"}', {
      'Content-Type': 'application/json',
    })
    const report = await testConnection(CREDENTIALS, { baseUrl, ...FAST })
    const message = report.problem?.message ?? ''
    expect(report.problem?.code).toBe('API_UNAVAILABLE')
    expect(message).toContain('HTTP 500')
    expect(message).toContain('Test the connection again')
    expect(message).not.toContain('pull')
  })

  it('reports a rejected request with a next step', async () => {
    const baseUrl = await fixedServer(
      400,
      '[{"Key":"Error","Message":"Invalid SecureUrl."}]',
      { 'Content-Type': 'application/json' },
    )
    const report = await testConnection(CREDENTIALS, { baseUrl, ...FAST })
    const message = report.problem?.message ?? ''
    expect(report.problem?.code).toBe('REQUEST_REJECTED')
    expect(message).toContain('Invalid SecureUrl')
    expect(message).toContain('Check the Secure URL')
    expect(message).not.toContain('..')
  })

  it('reports a host that is no 3dcart API', async () => {
    const baseUrl = await fixedServer(
      200,
      '<html><body>Welcome to my shop</body></html>',
      { 'Content-Type': 'text/html' },
    )
    const report = await testConnection(CREDENTIALS, { baseUrl, ...FAST })
    expect(report.problem?.code).toBe('WRONG_HOST')
  })

  it('reports a 404 web page as a wrong host', async () => {
    const baseUrl = await fixedServer(
      404,
      '<!DOCTYPE html><html><body>404 Not Found</body></html>',
      { 'Content-Type': 'text/html' },
    )
    const report = await testConnection(CREDENTIALS, { baseUrl, ...FAST })
    expect(report.ok).toBe(false)
    expect(report.problem?.code).toBe('WRONG_HOST')
    expect(report.problem?.message).toContain(baseUrl)
    expect(report.problem?.message).toContain('THREEDCART_API_BASE_URL')
  })

  it('reports a 404 count as a wrong host', async () => {
    const baseUrl = await fixedServer(404, '')
    const report = await testConnection(CREDENTIALS, { baseUrl, ...FAST })
    expect(report.ok).toBe(false)
    expect(report.problem?.code).toBe('WRONG_HOST')
  })

  it('reports a plain-text reply as a wrong host', async () => {
    const baseUrl = await fixedServer(200, 'OK', {
      'Content-Type': 'text/plain',
    })
    const report = await testConnection(CREDENTIALS, { baseUrl, ...FAST })
    expect(report.problem?.code).toBe('WRONG_HOST')
  })

  it('reports a wrong API path', async () => {
    const store = await demo()
    const report = await testConnection(store, {
      baseUrl: store.baseUrl.replace('/v1', '/v9/x'),
      ...FAST,
    })
    expect(report.problem?.code).toBe('WRONG_HOST')
  })

  it('reports a redirect as a wrong host', async () => {
    const baseUrl = await fixedServer(301, '', {
      Location: 'https://shop.example.com/',
    })
    const report = await testConnection(CREDENTIALS, { baseUrl, ...FAST })
    expect(report.problem?.code).toBe('WRONG_HOST')
    expect(report.problem?.message).toContain('https://shop.example.com/')
  })

  it('reports a refused application', async () => {
    const baseUrl = await fixedServer(403, '{"Message":"Forbidden"}')
    const report = await testConnection(CREDENTIALS, { baseUrl, ...FAST })
    expect(report.problem?.code).toBe('NOT_AUTHORIZED')
    expect(report.problem?.step).toBe('authorize')
  })
})
