/**
 * Demo-store orders in pages, generated without going through HTTP, for
 * the figures that measure the archive rather than the API.
 */
import { startDemoStore, type DemoStore } from '../src/main/demo-store/index.ts'
import type { RawRecord } from '../src/main/archive/index.ts'

/** The API's maximum page size for orders. */
export const ORDERS_PAGE = 300

/** Starts a demo store of `orders` orders (seed 1) and no rate limit. */
export function openOrderSource(orders: number): Promise<DemoStore> {
  return startDemoStore({ size: { orders }, seed: 1, rateLimit: 'off' })
}

/**
 * Yields the store's orders as pages of raw JSON text plus the parsed
 * value, the shape `Archive.upsertPage` takes.
 */
export function* orderPages(
  store: DemoStore,
  pageSize = ORDERS_PAGE,
): Generator<RawRecord[]> {
  let page: RawRecord[] = []
  for (const { raw } of store.records('orders')) {
    page.push({ raw, value: JSON.parse(raw) as Record<string, unknown> })
    if (page.length === pageSize) {
      yield page
      page = []
    }
  }
  if (page.length > 0) yield page
}
