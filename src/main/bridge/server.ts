/**
 * The loopback bridge: serves the same handler table as Electron's IPC over
 * HTTP on 127.0.0.1, for development in a browser and for end-to-end tests in
 * Chromium. It is never part of the packaged app (the Electron entry does not
 * import it). Every API request must carry the per-run secret; the built
 * renderer's static files are served without it.
 *
 *   POST /api/<channel>   JSON body = request payload, reply = IpcResult
 *   GET  /api/events      server-sent events: `event: <name>`, `data: <json>`
 */
import { randomBytes, timingSafeEqual } from 'node:crypto'
import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http'
import type { AddressInfo } from 'node:net'
import type { EventName, EventPayloadOf } from '../../shared/ipc/contract.ts'
import { dispatch, type HandlerTable } from '../ipc/dispatch.ts'
import { log } from '../log.ts'
import { serveStatic } from './static.ts'

export const SECRET_HEADER = 'x-bridge-secret'
const MAX_BODY_BYTES = 1024 * 1024

export interface BridgeOptions {
  /** Folder of the built renderer to serve at `/`; omitted in API-only use. */
  staticDir?: string
  port?: number
  /** Fixed secret for tests; a random one is made otherwise. */
  secret?: string
}

export interface Bridge {
  url: string
  secret: string
  /** Address to open in a browser: the secret travels in the fragment. */
  appUrl: string
  emit<E extends EventName>(event: E, payload: EventPayloadOf<E>): void
  setHandlers(handlers: HandlerTable): void
  close(): Promise<void>
}

function secretMatches(expected: Buffer, given: string | undefined): boolean {
  if (!given) return false
  const candidate = Buffer.from(given)
  return (
    candidate.length === expected.length && timingSafeEqual(candidate, expected)
  )
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    const buffer = chunk as Buffer
    size += buffer.length
    if (size > MAX_BODY_BYTES) throw new Error('body too large')
    chunks.push(buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

function sendJson(response: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body)
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  })
  response.end(text)
}

/** Rejects cross-site requests: only pages served from loopback may call. */
function isAllowedOrigin(request: IncomingMessage, ownOrigin: string) {
  const origin = request.headers.origin
  return origin === undefined || origin === ownOrigin
}

export async function startBridge(
  initialHandlers: HandlerTable,
  options: BridgeOptions = {},
): Promise<Bridge> {
  let handlers = initialHandlers
  const secret = options.secret ?? randomBytes(32).toString('base64url')
  const expected = Buffer.from(secret)
  const streams = new Set<ServerResponse>()
  let ownOrigin = ''

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      log.error('bridge: request failed', { error })
      if (!response.headersSent) sendJson(response, 500, { error: 'internal' })
      else response.end()
    })
  })

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? '/', ownOrigin)
    if (!url.pathname.startsWith('/api/')) {
      if (options.staticDir && request.method === 'GET') {
        await serveStatic(options.staticDir, url.pathname, response)
        return
      }
      sendJson(response, 404, { error: 'not found' })
      return
    }
    if (!isAllowedOrigin(request, ownOrigin)) {
      sendJson(response, 403, { error: 'origin not allowed' })
      return
    }
    const given = request.headers[SECRET_HEADER]
    if (
      !secretMatches(expected, typeof given === 'string' ? given : undefined)
    ) {
      sendJson(response, 401, { error: 'missing or wrong bridge secret' })
      return
    }
    if (url.pathname === '/api/events' && request.method === 'GET') {
      openEventStream(response)
      return
    }
    if (request.method !== 'POST') {
      sendJson(response, 405, { error: 'use POST' })
      return
    }
    const name = decodeURIComponent(url.pathname.slice('/api/'.length))
    let body: string
    try {
      body = await readBody(request)
    } catch {
      // The rest of the body is never read, so the connection cannot be
      // reused: tell the client to close it.
      response.setHeader('connection', 'close')
      sendJson(response, 413, {
        ok: false,
        error: {
          code: 'IPC_PAYLOAD_TOO_LARGE',
          message: `The request is larger than ${MAX_BODY_BYTES} bytes.`,
        },
      })
      return
    }
    let payload: unknown
    try {
      payload = body === '' ? undefined : JSON.parse(body)
    } catch {
      sendJson(response, 400, {
        ok: false,
        error: {
          code: 'IPC_INVALID_PAYLOAD',
          message: 'The request body is not valid JSON.',
        },
      })
      return
    }
    sendJson(response, 200, await dispatch(handlers, name, payload))
  }

  function openEventStream(response: ServerResponse) {
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    })
    response.write(': connected\n\n')
    streams.add(response)
    response.on('close', () => streams.delete(response))
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  ownOrigin = `http://127.0.0.1:${port}`
  log.info('bridge: listening', { url: ownOrigin })

  return {
    url: ownOrigin,
    secret,
    appUrl: `${ownOrigin}/#bridge=${secret}`,
    emit(event, payload) {
      const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`
      for (const stream of streams) stream.write(frame)
    },
    setHandlers(next) {
      handlers = next
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const stream of streams) stream.end()
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
