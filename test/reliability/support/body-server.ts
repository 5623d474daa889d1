/**
 * A one-route HTTP server on 127.0.0.1 that replies to every API request with
 * the body a test sets, byte for byte, so odd payloads reach the real client
 * over a real socket. A `countonly=1` request gets `{"TotalCount": 1}`.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Reply {
  status?: number
  contentType?: string
  body: Buffer | string
}

export interface BodyServer {
  baseUrl: string
  secureUrl: string
  set(reply: Reply): void
  close(): Promise<void>
}

export async function startBodyServer(): Promise<BodyServer> {
  let reply: Reply = { body: '[]' }
  const server: Server = createServer((request, response) => {
    if (request.url?.includes('countonly=1')) {
      response.writeHead(200, { 'Content-Type': 'application/json' })
      response.end('{"TotalCount": 1}')
      return
    }
    response.writeHead(reply.status ?? 200, {
      'Content-Type': reply.contentType ?? 'application/json; charset=utf-8',
    })
    response.end(reply.body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    baseUrl: `http://127.0.0.1:${port}/3dCartWebAPI/v1`,
    secureUrl: `http://127.0.0.1:${port}`,
    set: (next) => {
      reply = next
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
