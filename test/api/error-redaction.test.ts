import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { ApiClient } from '../../src/main/api/client.ts'
import { AppError } from '../../src/shared/errors.ts'
import { getEntity } from '../../src/shared/entities.ts'

const CREDENTIALS = {
  secureUrl: 'https://shop.3dcartstores.com',
  privateKey: '0123456789abcdef0123456789abcdef',
  token: 'fedcba9876543210fedcba9876543210',
}

let server: Server | null = null
afterEach(async () => {
  await new Promise<void>((resolve) => server?.close(() => resolve()))
  server = null
})

/** Replies to every request with HTTP 400 and a body built by `render`. */
async function echoingServer(
  render: (key: string, token: string) => string,
): Promise<string> {
  server = createServer((request, response) => {
    const body = render(
      String(request.headers['privatekey']),
      String(request.headers['token']),
    )
    response.writeHead(400, { 'Content-Type': 'application/json' }).end(body)
  })
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return `http://127.0.0.1:${port}/3dCartWebAPI/v1`
}

async function rejection(baseUrl: string): Promise<AppError> {
  const client = new ApiClient({
    credentials: CREDENTIALS,
    baseUrl,
    pacing: 'off',
  })
  const error = await client.count(getEntity('orders')).catch((e) => e)
  expect(error).toBeInstanceOf(AppError)
  return error as AppError
}

describe('API error text from the store', () => {
  it('masks an echoed key and token in Message', async () => {
    const baseUrl = await echoingServer(
      (key, token) =>
        `[{"Key":"Error","Message":"Bad token ${token} for key ${key}"}]`,
    )
    const error = await rejection(baseUrl)
    expect(error.code).toBe('API_BAD_REQUEST')
    expect(error.message).toContain('Bad token [redacted] for key [redacted]')
    expect(error.message).not.toContain(CREDENTIALS.token)
    expect(error.message).not.toContain(CREDENTIALS.privateKey)
  })

  it('masks a token cut at the summary length', async () => {
    // The token starts at character 190 of the body, across the 200 cut.
    const baseUrl = await echoingServer(
      (_key, token) => `${'x'.repeat(189)} ${token} trailing text`,
    )
    const error = await rejection(baseUrl)
    expect(error.message).toContain('[redacted]')
    expect(error.message).not.toContain(CREDENTIALS.token.slice(0, 10))
  })
})
