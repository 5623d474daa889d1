/**
 * The HTTP side of the demo store: throttling, faults, routing, auth and
 * the storefront's image files, on 127.0.0.1 only.
 */
import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http'
import type { Socket } from 'node:net'
import type { ApiModule, EntityKey } from '../../shared/entities.ts'
import { hasScope, isAuthorized, type StoreCredentials } from './auth.ts'
import {
  checkPaging,
  shapeNotFound,
  type UncertainBehaviour,
} from './behaviour.ts'
import { FaultInjector } from './faults.ts'
import { handleRoute, type StoreData } from './handlers.ts'
import { imageExists, imageForPath } from './images.ts'
import { normalizeQuery } from './listing.ts'
import { LeakyBucket } from './rate-limit.ts'
import {
  bodyText,
  errorArray,
  JSON_TYPE,
  noRoute,
  RECORDED_HEADERS,
  unauthorized,
  type ApiResponse,
} from './responses.ts'
import { matchRoute } from './routes.ts'
import { log } from '../log.ts'

export interface ServerSettings {
  credentials: StoreCredentials
  scopes: Partial<Record<ApiModule, boolean>>
  bucket: LeakyBucket | null
  throttleStatus: 429 | 503
  retryAfterSeconds: number | undefined
  latencyMs: number
  slowMs: number
  faults: FaultInjector
  behaviour: UncertainBehaviour
  /** Applies one change to an entity's table before a page is served. */
  changeBeforePage(entity: EntityKey): void
}

const HTML_502 =
  '<!DOCTYPE html>\r\n<html><head><title>502 - Bad Gateway</title></head>' +
  '<body><h1>502 - Web server received an invalid response while acting as a gateway or proxy server.</h1>' +
  '<p>There is a problem with the page you are looking for, and it cannot be displayed.</p></body></html>\r\n'

const HTML_404 =
  '<!DOCTYPE html><html><head><title>404 - File or directory not found.</title></head>' +
  '<body><h1>404 - File or directory not found.</h1></body></html>'

export class DemoHttpServer {
  readonly server: Server
  private readonly data: StoreData
  private readonly settings: ServerSettings
  private readonly sockets = new Set<Socket>()
  private readonly closing = new AbortController()
  private apiRequests = 0

  constructor(data: StoreData, settings: ServerSettings) {
    this.data = data
    this.settings = settings
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        log.error('demo store: request failed', {
          url: request.url,
          error: error instanceof Error ? error.stack : String(error),
        })
        if (!response.headersSent) {
          send(response, errorArray(500, `Demo store error: ${String(error)}`))
        } else response.destroy()
      })
    })
    this.server.on('connection', (socket) => {
      this.sockets.add(socket)
      socket.on('close', () => this.sockets.delete(socket))
    })
  }

  requestCount(): number {
    return this.apiRequests
  }

  async listen(port: number): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject)
      this.server.listen(port, '127.0.0.1', () => resolve())
    })
    const address = this.server.address()
    if (address === null || typeof address === 'string') {
      throw new Error('The demo store did not get a TCP port')
    }
    return address.port
  }

  async close(): Promise<void> {
    this.closing.abort()
    for (const socket of this.sockets) socket.destroy()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }

  private async handle(
    request: IncomingMessage,
    response: ServerResponse,
  ): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    if (!/^\/3dcartwebapi\//i.test(url.pathname)) {
      this.serveStorefront(url.pathname, response)
      return
    }
    this.apiRequests++
    const { settings } = this
    if (settings.latencyMs > 0) await this.sleep(settings.latencyMs)
    if (settings.bucket && !settings.bucket.tryAdmit()) {
      send(response, this.throttled())
      return
    }
    const fault = settings.faults.nextRequest()
    if (fault === 'reset') {
      request.socket.destroy()
      return
    }
    if (fault === 'throttle') {
      send(response, this.throttled())
      return
    }
    if (fault === 'empty-500') {
      send(response, { status: 500, body: '' })
      return
    }
    if (fault === 'html-502') {
      send(response, { status: 502, body: HTML_502, contentType: 'text/html' })
      return
    }
    const result = this.answer(request, url)
    if (fault === 'slow') {
      // Longer than a client's timeout; the client has given up by then.
      await this.sleep(settings.slowMs)
      if (response.destroyed) return
    }
    if (fault === 'truncated-json' && result.status === 200) {
      send(response, {
        ...result,
        body: truncated(bodyText(result)),
      })
      return
    }
    send(response, result)
  }

  private answer(request: IncomingMessage, url: URL): ApiResponse {
    const route = matchRoute(url.pathname)
    if (!route)
      return noRoute(
        `http://${request.headers.host ?? '127.0.0.1'}${url.pathname}${url.search}`,
      )
    if (request.method !== 'GET') {
      return {
        status: 405,
        body: JSON.stringify({
          Message: `The requested resource does not support http method '${request.method}'.`,
        }),
      }
    }
    if (!isAuthorized(request.headers, this.settings.credentials))
      return unauthorized()
    if (!hasScope(this.settings.scopes, route.module)) return unauthorized()
    const query = normalizeQuery(url.searchParams)
    if (route.kind === 'list' && query.get('countonly') !== '1') {
      this.settings.changeBeforePage(route.entity)
    }
    const rejected = checkPaging(route, query, this.settings.behaviour)
    if (rejected) return rejected
    return shapeNotFound(
      handleRoute(this.data, route, query),
      this.settings.behaviour,
    )
  }

  private throttled(): ApiResponse {
    const { retryAfterSeconds, throttleStatus } = this.settings
    const response = errorArray(
      throttleStatus,
      throttleStatus === 429 ? 'Too many requests' : 'Service unavailable',
    )
    return retryAfterSeconds === undefined
      ? response
      : { ...response, headers: { 'Retry-After': String(retryAfterSeconds) } }
  }

  private serveStorefront(pathname: string, response: ServerResponse): void {
    const path = decodeURIComponent(pathname).replace(/^\/+/, '')
    if (!imageExists(path)) {
      send(response, { status: 404, body: HTML_404, contentType: 'text/html' })
      return
    }
    const { bytes, contentType } = imageForPath(path)
    response.writeHead(200, {
      'Content-Type': contentType,
      'Content-Length': bytes.length,
      'Cache-Control': 'max-age=86400',
    })
    response.end(bytes)
  }

  private sleep(ms: number): Promise<void> {
    const signal = this.closing.signal
    return new Promise((resolve) => {
      if (signal.aborted) return resolve()
      const onAbort = (): void => {
        clearTimeout(timer)
        resolve()
      }
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort)
        resolve()
      }, ms)
      signal.addEventListener('abort', onAbort, { once: true })
    })
  }
}

/** Cuts a body in half, so it is no longer valid JSON. */
function truncated(text: string): string {
  return text.slice(0, Math.floor(text.length / 2))
}

function send(response: ServerResponse, result: ApiResponse): void {
  if (response.destroyed) return
  const parts = typeof result.body === 'string' ? [result.body] : result.body
  let length = 0
  for (const part of parts) length += Buffer.byteLength(part, 'utf8')
  response.writeHead(result.status, {
    ...RECORDED_HEADERS,
    'Content-Type': result.contentType ?? JSON_TYPE,
    'Content-Length': length,
    ...result.headers,
  })
  // Writing the parts one by one keeps every string small, so a page leaves
  // no megabyte-sized garbage for the major collector.
  response.cork()
  for (const part of parts) response.write(part, 'utf8')
  response.uncork()
  response.end()
}
