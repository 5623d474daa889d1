/**
 * A small Orders-only store on 127.0.0.1 whose count and listing can
 * disagree, and whose records can be shaped freely, for the pull tests of
 * stores that misreport their count or send a record without a usable id.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface ListingStore {
  baseUrl: string
  credentials: { secureUrl: string; privateKey: string; token: string }
  /** Listing requests served, `countonly` requests left out. */
  pageRequests: number
  countRequests: number
  close(): Promise<void>
}

export interface ListingOptions {
  /** Raw JSON text of each listed record, in listing order. */
  records: string[]
  /** What `countonly=1` returns; default the listing's length. */
  count?: number
  /**
   * Called before each listing page is served, with the number of pages
   * served so far. It may change `records`, as a store changes between two
   * requests.
   */
  beforePage?: (served: number) => void
}

/** Raw JSON of an order with the given id text, e.g. '7' or '"x"'. */
export function orderJson(idText: string | null): string {
  const id = idText === null ? '' : `"OrderID":${idText},`
  return `{${id}"InvoiceNumber":1,"LastUpdate":"01/02/2024 10:00:00 AM","OrderItemList":[]}`
}

/** Starts the store. Offsets are 1-based, and a page past the end is []. */
export async function startListingStore(
  options: ListingOptions,
): Promise<ListingStore> {
  const store: ListingStore = {
    baseUrl: '',
    credentials: {
      secureUrl: 'https://shop.3dcartstores.com',
      privateKey: '0123456789abcdef0123456789abcdef',
      token: 'fedcba9876543210fedcba9876543210',
    },
    pageRequests: 0,
    countRequests: 0,
    close: async () => {},
  }
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    const send = (body: string): void => {
      response.writeHead(200, { 'Content-Type': 'application/json' }).end(body)
    }
    if (!url.pathname.endsWith('/Orders')) {
      response.writeHead(404).end()
      return
    }
    if (url.searchParams.get('countonly') === '1') {
      store.countRequests++
      send(
        JSON.stringify({ TotalCount: options.count ?? options.records.length }),
      )
      return
    }
    options.beforePage?.(store.pageRequests)
    store.pageRequests++
    // Every record was last updated long ago, so a catch-up read of
    // recent updates finds nothing.
    if (url.searchParams.has('lastupdatestart')) {
      send('[]')
      return
    }
    const offset = Number(url.searchParams.get('offset') ?? '1')
    const limit = Number(url.searchParams.get('limit') ?? '100')
    const rows = options.records.slice(offset - 1, offset - 1 + limit)
    send(`[${rows.join(',')}]`)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  store.baseUrl = `http://127.0.0.1:${port}/3dCartWebAPI/v1`
  store.close = () =>
    new Promise<void>((resolve) => server.close(() => resolve()))
  return store
}
