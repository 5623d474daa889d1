/** Serves a matched API route from the store's tables. */
import { getEntity, type EntityKey } from '../../shared/entities.ts'
import { listItems, listTable, readPaging } from './listing.ts'
import {
  errorArray,
  json,
  OFFSET_EXCEEDED,
  page,
  type ApiResponse,
} from './responses.ts'
import type { Route } from './routes.ts'
import type { Table } from './tables.ts'
import type { JsonRecord } from './types.ts'

export interface StoreData {
  /** Unique per store, so cached filter results never mix stores. */
  cacheScope: string
  table(entity: EntityKey): Table
  storeSettingsRaw(): string
}

/** `limit` when the request sends none: 10 for orders and products. */
export function defaultLimit(entity: EntityKey): number {
  // NOTE: the old help pages give 10 for Orders and Products/skuinfo; the
  // other resources' defaults are undocumented, so they serve a full page.
  return entity === 'orders' || entity === 'products'
    ? 10
    : getEntity(entity).maxPageSize
}

function notFoundMessage(entity: EntityKey): string {
  return `No ${getEntity(entity).label.toLowerCase()} found`
}

function embeddedList(record: JsonRecord, field: string): unknown[] {
  const value = record[field]
  if (Array.isArray(value)) return value
  return value === undefined || value === null ? [] : [value]
}

/** Builds the test of whether a product or customer belongs to a parent. */
function childScope(
  parent: EntityKey,
  parentId: number,
): (attributes: JsonRecord) => boolean {
  return (a) => {
    switch (parent) {
      case 'categories':
        return Array.isArray(a['categoryIds'])
          ? a['categoryIds'].includes(parentId)
          : embeddedList(a, 'CategoryList').some(
              (c) => (c as JsonRecord)['CategoryID'] === parentId,
            )
      case 'manufacturers':
        return (a['manufacturerId'] ?? a['ManufacturerID']) === parentId
      case 'distributors':
        return Array.isArray(a['distributorIds'])
          ? a['distributorIds'].includes(parentId)
          : embeddedList(a, 'DistributorList').some(
              (d) => (d as JsonRecord)['DistributorID'] === parentId,
            )
      case 'customer_groups':
        return (a['groupId'] ?? a['CustomerGroupID']) === parentId
      default:
        return false
    }
  }
}

export function handleRoute(
  data: StoreData,
  route: Route,
  query: URLSearchParams,
): ApiResponse {
  switch (route.kind) {
    case 'settings':
      return { status: 200, body: data.storeSettingsRaw() }
    case 'list': {
      const definition = getEntity(route.entity)
      return listTable(
        data.table(route.entity),
        query,
        {
          maxPageSize: definition.maxPageSize,
          defaultLimit: defaultLimit(route.entity),
          notFoundMessage: notFoundMessage(route.entity),
        },
        data.cacheScope,
      )
    }
    case 'one': {
      const table = data.table(route.entity)
      const index = table.findIndex(route.id)
      if (index < 0) return errorArray(404, notFoundMessage(route.entity))
      return page([table.raw(index)])
    }
    case 'embedded': {
      const table = data.table(route.entity)
      const index = table.findIndex(route.id)
      if (index < 0) return errorArray(404, route.notFound)
      const items = embeddedList(table.record(index), route.field)
      return listItems(items, query, route.notFound)
    }
    case 'skuinfo':
      return skuInfoList(data.table('products'), query)
    case 'children': {
      const parent = data.table(route.parent)
      const parentIndex = parent.findIndex(route.id)
      if (parentIndex < 0) return errorArray(404, notFoundMessage(route.parent))
      const definition = getEntity(route.entity)
      return listTable(
        data.table(route.entity),
        query,
        {
          maxPageSize: definition.maxPageSize,
          defaultLimit: defaultLimit(route.entity),
          notFoundMessage: notFoundMessage(route.entity),
          scope: childScope(route.parent, Number(route.id)),
        },
        `${data.cacheScope}|${route.parent}/${route.id}`,
      )
    }
    case 'webhook-events':
      return listItems(WEBHOOK_EVENTS, query, 'No events found')
  }
}

/** `GET /Products/skuinfo`: the SKUInfo block of each product, paged. */
function skuInfoList(table: Table, query: URLSearchParams): ApiResponse {
  if (query.get('countonly') === '1')
    return json(200, { TotalCount: table.count() })
  const catalogId = query.get('catalogid')
  if (catalogId) {
    const index = table.findIndex(catalogId)
    if (index < 0) return errorArray(404, 'No products found')
    return page([JSON.stringify(table.record(index)['SKUInfo'])])
  }
  const total = table.count()
  const { limit, offset } = readPaging(query, {
    maxPageSize: 200,
    defaultLimit: 10,
  })
  if (total === 0) return errorArray(404, 'No products found')
  if (offset > total) return errorArray(400, OFFSET_EXCEEDED)
  const raws: string[] = []
  for (
    let position = offset - 1;
    position < Math.min(total, offset - 1 + limit);
    position++
  ) {
    raws.push(JSON.stringify(table.record(table.indexAt(position))['SKUInfo']))
  }
  return page(raws)
}

const WEBHOOK_EVENTS = [
  { EventType: 1, EventName: 'New Order' },
  { EventType: 2, EventName: 'Order Status Changed' },
  { EventType: 4, EventName: 'New Customer' },
  { EventType: 64, EventName: 'Product Updated' },
]
