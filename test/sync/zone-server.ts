/**
 * A small store on 127.0.0.1 with StoreSettings and three dated orders,
 * whose StoreSettings time zone a test can set, leave out or make
 * unreadable, for the tests of the `*_utc` columns.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface ZoneStore {
  baseUrl: string
  credentials: { secureUrl: string; privateKey: string; token: string }
  /**
   * The `StoreTimeZone` member: a value to send, `absent` to leave it out,
   * or an HTTP status (404, 401) to return for StoreSettings.
   */
  storeTimeZone: unknown
  /** `lastupdatestart` of every Orders request that had one. */
  updateFilters: string[]
  close(): Promise<void>
}

/** Order dates, in the store's wall clock as the API sends them. */
export const ORDER_DATES = [
  '2024-01-15T09:30:00',
  '2024-07-15T09:30:00',
  '2024-11-03T01:30:00',
]

function orders(): string {
  const rows = ORDER_DATES.map(
    (date, i) =>
      `{"OrderID":${i + 1},"InvoiceNumber":${i + 1},"OrderDate":"${date}",` +
      `"LastUpdate":"${date}","OrderItemList":[]}`,
  )
  return `[${rows.join(',')}]`
}

function storeSettings(zone: unknown): string {
  const standards: Record<string, unknown> = { CurrencyCode: 'USD' }
  if (zone !== 'absent') standards['StoreTimeZone'] = zone
  return JSON.stringify({
    StoreInformation: { StoreName: 'Zone test store' },
    StoreStandards: standards,
  })
}

export async function startZoneStore(
  storeTimeZone: unknown,
): Promise<ZoneStore> {
  const store: ZoneStore = {
    baseUrl: '',
    credentials: {
      secureUrl: 'https://zone.3dcartstores.com',
      privateKey: '0123456789abcdef0123456789abcdef',
      token: 'fedcba9876543210fedcba9876543210',
    },
    storeTimeZone,
    updateFilters: [],
    close: async () => {},
  }
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    const send = (status: number, body: string): void => {
      response
        .writeHead(status, { 'Content-Type': 'application/json' })
        .end(body)
    }
    if (url.pathname.endsWith('/StoreSettings')) {
      const zone = store.storeTimeZone
      if (zone === 404) send(404, '')
      else if (zone === 401) send(401, '')
      else send(200, storeSettings(zone))
      return
    }
    if (!url.pathname.endsWith('/Orders')) {
      send(404, '')
      return
    }
    if (url.searchParams.get('countonly') === '1') {
      send(200, JSON.stringify({ TotalCount: ORDER_DATES.length }))
      return
    }
    const since = url.searchParams.get('lastupdatestart')
    if (since !== null) {
      store.updateFilters.push(since)
      send(200, '[]')
      return
    }
    const offset = Number(url.searchParams.get('offset') ?? '1')
    send(200, offset === 1 ? orders() : '[]')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  store.baseUrl = `http://127.0.0.1:${port}/3dCartWebAPI/v1`
  store.close = () =>
    new Promise<void>((resolve) => server.close(() => resolve()))
  return store
}
