import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ENTITIES, getEntity, readRecordId } from '../../src/shared/entities.ts'
import {
  startDemoStore,
  type DemoStore,
} from '../../src/main/demo-store/index.ts'
import { apiGet, apiJson, authHeaders, type Row } from './helpers.ts'

const OFFSET_BODY =
  '[{"Key":"Error","Value":"","Status":"400","Message":"Offset amount exceeds the total number of records"}]'

let store: DemoStore

beforeAll(async () => {
  store = await startDemoStore({ size: 'small', seed: 7 })
})
afterAll(async () => {
  await store.close()
})

describe('authentication', () => {
  it('accepts the three headers in any case', async () => {
    const result = await apiGet(store, 'Orders?countonly=1', {
      secureurl: store.secureUrl,
      PRIVATEKEY: store.privateKey,
      tOkEn: store.token,
    })
    expect(result.status).toBe(200)
  })

  it('normalises the secure URL', async () => {
    const host = store.secureUrl.replace('http://', '')
    for (const secureUrl of [
      `HTTPS://WWW.${host}/`,
      host,
      `https://${host}//`,
    ]) {
      const result = await apiGet(store, 'Orders?countonly=1', {
        ...authHeaders(store),
        SecureUrl: secureUrl,
      })
      expect(result.status, secureUrl).toBe(200)
    }
  })

  it('accepts a bearer token alone', async () => {
    const result = await apiGet(store, 'Orders?countonly=1', {
      Authorization: `Bearer ${store.token}`,
    })
    expect(result.status).toBe(200)
  })

  it('rejects wrong credentials with 401', async () => {
    const cases: Record<string, string>[] = [
      {},
      { ...authHeaders(store), Token: 'x'.repeat(32) },
      { ...authHeaders(store), PrivateKey: 'y'.repeat(32) },
      { ...authHeaders(store), SecureUrl: 'https://other.3dcartstores.com' },
      { Authorization: 'Bearer wrong' },
    ]
    for (const headers of cases) {
      const result = await apiGet(store, 'Orders', headers)
      expect(result.status).toBe(401)
      expect(JSON.parse(result.text)).toEqual({
        Message: 'Authorization has been denied for this request.',
      })
    }
  })

  it('rejects a module without scope like bad credentials', async () => {
    const scoped = await startDemoStore({ scopes: { Customers: false } })
    try {
      const denied = await apiGet(scoped, 'Customers?countonly=1')
      expect(denied.status).toBe(401)
      expect(denied.text).toBe(
        '{"Message":"Authorization has been denied for this request."}',
      )
      expect((await apiGet(scoped, 'Orders?countonly=1')).status).toBe(200)
      expect((await apiGet(scoped, 'CustomerGroups')).status).toBe(200)
    } finally {
      await scoped.close()
    }
  })
})

describe('listing', () => {
  it('returns a bare array in ascending id order', async () => {
    for (const definition of ENTITIES) {
      if (definition.shape === 'object') continue
      const body = await apiJson(
        store,
        `${definition.resource}?limit=500&offset=1`,
      )
      expect(Array.isArray(body), definition.resource).toBe(true)
      const ids = [...store.records(definition.key)]
        .map((r) => r.id)
        .slice(0, (body as Row[]).length)
      expect((body as Row[]).length).toBe(
        Math.min(definition.maxPageSize, store.count(definition.key)),
      )
      const sorted = [...ids].sort((a, b) => Number(a) - Number(b))
      expect(ids).toEqual(sorted)
    }
  })

  it('serves StoreSettings as an object with zone and URLs', async () => {
    const body = (await apiJson(store, 'StoreSettings')) as Row
    expect(Array.isArray(body)).toBe(false)
    const standards = body['StoreStandards'] as Row
    const information = body['StoreInformation'] as Row
    expect(standards['StoreTimeZone']).toBe('America/New_York')
    expect(information['StoreSecureURL']).toBe(store.secureUrl)
  })

  it('answers a single id with a one-element array', async () => {
    const [first] = store.records('orders')
    const body = (await apiJson(store, `Orders/${first!.id}`)) as Row[]
    expect(body).toHaveLength(1)
    expect(body[0]!['OrderID']).toBe(first!.id)
  })

  it('counts with countonly, also zero', async () => {
    const count = await apiGet(store, 'Orders?countonly=1')
    expect(count.status).toBe(200)
    expect(count.text).toBe(`{"TotalCount":${store.count('orders')}}`)
    const none = await apiGet(
      store,
      'Orders?countonly=1&billingemail=nobody@nowhere.test',
    )
    expect(none.status).toBe(200)
    expect(none.text).toBe('{"TotalCount":0}')
  })

  it('caps limit at the resource maximum', async () => {
    const orders = (await apiJson(store, 'Orders?limit=1000&offset=1')) as Row[]
    expect(orders).toHaveLength(300)
    const products = (await apiJson(
      store,
      'Products?limit=1000&offset=1',
    )) as Row[]
    expect(products).toHaveLength(150)
    const big = await startDemoStore({ size: { orders: 5000 } })
    try {
      const many = (await apiJson(big, 'Products?limit=1000&offset=1')) as Row[]
      expect(many).toHaveLength(200)
      const customers = (await apiJson(
        big,
        'Customers?limit=1000&offset=1',
      )) as Row[]
      expect(customers).toHaveLength(500)
    } finally {
      await big.close()
    }
  })

  it('pages by 1-based offset without gaps', async () => {
    const all = [...store.records('orders')].map((r) => r.raw)
    const first = await apiGet(store, 'Orders?limit=100&offset=1')
    const second = await apiGet(store, 'Orders?limit=100&offset=101')
    expect(first.text).toBe(`[${all.slice(0, 100).join(',')}]`)
    expect(second.text).toBe(`[${all.slice(100, 200).join(',')}]`)
  })

  it('rejects an offset past the end with the exact error', async () => {
    const total = store.count('orders')
    const last = await apiGet(store, `Orders?limit=10&offset=${total}`)
    expect(JSON.parse(last.text)).toHaveLength(1)
    const past = await apiGet(store, `Orders?limit=10&offset=${total + 1}`)
    expect(past.status).toBe(400)
    expect(past.text).toBe(OFFSET_BODY)
  })

  it('returns 404 when nothing matches', async () => {
    const result = await apiGet(
      store,
      'Orders?billingemail=nobody@nowhere.test',
    )
    expect(result.status).toBe(404)
    expect(JSON.parse(result.text)[0].Status).toBe('404')
    expect((await apiGet(store, 'Orders/1')).status).toBe(404)
  })

  it('serves v2 paths with the same handlers', async () => {
    const v1 = await apiGet(store, 'Products?limit=5&offset=3')
    const v2 = await fetch(
      `${store.secureUrl}/3dCartWebAPI/v2/products?limit=5&offset=3`,
      {
        headers: authHeaders(store),
      },
    )
    expect(await v2.text()).toBe(v1.text)
  })

  it('sends the recorded response headers', async () => {
    const result = await apiGet(store, 'Orders?limit=1&offset=1')
    expect(result.headers.get('content-type')).toBe(
      'application/json; charset=utf-8',
    )
    expect(result.headers.get('cache-control')).toBe('no-cache')
    expect(result.headers.get('pragma')).toBe('no-cache')
    expect(result.headers.get('expires')).toBe('-1')
    expect(result.headers.get('x-aspnet-version')).toBe('4.0.30319')
    expect(result.headers.get('access-control-allow-origin')).toBe('*')
  })

  it('answers an unknown path with the ASP.NET 404', async () => {
    const result = await apiGet(store, 'Reviews')
    expect(result.status).toBe(404)
    expect(JSON.parse(result.text).Message).toMatch(
      /^No HTTP resource was found that matches the request URI/,
    )
  })

  it('rejects a non-numeric limit with 400', async () => {
    const result = await apiGet(store, 'Orders?limit=ten&offset=1')
    expect(result.status).toBe(400)
    expect(JSON.parse(result.text)[0].Value).toBe('limit')
  })

  it('ends skuinfo paging like other lists', async () => {
    const past = await apiGet(store, 'Products/skuinfo?limit=200&offset=151')
    expect(past.status).toBe(400)
    expect(past.text).toBe(OFFSET_BODY)
  })

  it('uses the default limit of 10 for orders', async () => {
    const body = (await apiJson(store, 'Orders')) as Row[]
    expect(body).toHaveLength(10)
  })
})

describe('date filters', () => {
  it('includes the whole end day for a date-only dateend', async () => {
    const orders = [...store.records('orders')].map(
      (r) => JSON.parse(r.raw) as Row,
    )
    const sample = orders[40]!
    const day = String(sample['OrderDate']).slice(0, 10)
    const [y, m, d] = day.split('-')
    const us = `${m}/${d}/${y}`
    const body = (await apiJson(
      store,
      `Orders?limit=300&datestart=${encodeURIComponent(us)}&dateend=${encodeURIComponent(us)}`,
    )) as Row[]
    const expected = orders.filter((o) =>
      String(o['OrderDate']).startsWith(day),
    )
    expect(body.map((o) => o['OrderID'])).toEqual(
      expected.map((o) => o['OrderID']),
    )
  })

  it('honours times in MM/dd/yyyy HH:mm:ss', async () => {
    const orders = [...store.records('orders')].map(
      (r) => JSON.parse(r.raw) as Row,
    )
    const pivot = String(orders[100]!['LastUpdate'])
    const [date, time] = pivot.split('T')
    const [y, m, d] = date!.split('-')
    const start = `${m}/${d}/${y} ${time}`
    const count = (await apiJson(
      store,
      `Orders?countonly=1&lastupdatestart=${encodeURIComponent(start)}`,
    )) as Row
    const expected = orders.filter(
      (o) => String(o['LastUpdate']) >= pivot,
    ).length
    expect(count['TotalCount']).toBe(expected)
  })

  it('rejects invalid dates with 400', async () => {
    for (const value of [
      '2020-01-05',
      '13/01/2020',
      '02/30/2021',
      'yesterday',
      '01/02/2020 25:00:00',
    ]) {
      const result = await apiGet(
        store,
        `Orders?datestart=${encodeURIComponent(value)}`,
      )
      expect(result.status, value).toBe(400)
      const [error] = JSON.parse(result.text)
      expect(error.Key).toBe('Error')
      expect(error.Status).toBe('400')
      expect(error.Message).toContain('datestart')
    }
  })
})

describe('sub-resources', () => {
  it('lists embedded order and product lists', async () => {
    const orders = [...store.records('orders')].map(
      (r) => JSON.parse(r.raw) as Row,
    )
    const order = orders.find(
      (o) => (o['QuestionList'] as unknown[]).length > 0,
    )!
    const items = await apiJson(store, `Orders/${order['OrderID']}/Items`)
    expect(items).toEqual(order['OrderItemList'])
    const questions = await apiJson(
      store,
      `Orders/${order['OrderID']}/Questions`,
    )
    expect(questions).toEqual(order['QuestionList'])
    const without = orders.find(
      (o) => (o['QuestionList'] as unknown[]).length === 0,
    )!
    expect(
      (await apiGet(store, `Orders/${without['OrderID']}/Questions`)).status,
    ).toBe(404)

    const products = [...store.records('products')].map(
      (r) => JSON.parse(r.raw) as Row,
    )
    const product = products.find(
      (p) => (p['AdvancedOptionList'] as unknown[]).length > 0,
    )!
    const id = (product['SKUInfo'] as Row)['CatalogID']
    expect(await apiJson(store, `Products/${id}/AdvancedOptions`)).toEqual(
      product['AdvancedOptionList'],
    )
    expect(await apiJson(store, `Products/${id}/skuinfo`)).toEqual([
      product['SKUInfo'],
    ])
    const skus = (await apiJson(
      store,
      'Products/skuinfo?limit=200&offset=1',
    )) as Row[]
    expect(skus[0]).toEqual((products[0] as Row)['SKUInfo'])
  })

  it('lists the products of a category and customers of a group', async () => {
    const products = [...store.records('products')].map(
      (r) => JSON.parse(r.raw) as Row,
    )
    const categoryId = ((products[0]!['CategoryList'] as Row[])[0] as Row)[
      'CategoryID'
    ]
    const expected = products.filter((p) =>
      (p['CategoryList'] as Row[]).some((c) => c['CategoryID'] === categoryId),
    )
    const body = (await apiJson(
      store,
      `Categories/${categoryId}/Products?limit=200`,
    )) as Row[]
    expect(body.map((p) => (p['SKUInfo'] as Row)['CatalogID'])).toEqual(
      expected.map((p) => (p['SKUInfo'] as Row)['CatalogID']),
    )
    const customers = [...store.records('customers')].map(
      (r) => JSON.parse(r.raw) as Row,
    )
    const groupId = customers.find((c) => c['CustomerGroupID'] !== 0)![
      'CustomerGroupID'
    ]
    const members = (await apiJson(
      store,
      `CustomerGroups/${groupId}/Customers?limit=500`,
    )) as Row[]
    expect(members.length).toBe(
      customers.filter((c) => c['CustomerGroupID'] === groupId).length,
    )
  })
})

describe('entity catalogue', () => {
  it('gives every record its catalogue id', () => {
    for (const definition of ENTITIES) {
      if (definition.shape === 'object') continue
      const rows = [...store.records(definition.key)]
      expect(rows.length, definition.key).toBeGreaterThan(0)
      for (const row of rows) {
        const record = JSON.parse(row.raw) as unknown
        expect(readRecordId(definition, record), definition.key).toBe(row.id)
      }
    }
  })

  it('serves a record by its id for every entity', async () => {
    for (const definition of ENTITIES) {
      if (definition.shape === 'object') continue
      const [first] = store.records(definition.key)
      const result = await apiGet(store, `${definition.resource}/${first!.id}`)
      expect(result.status, definition.key).toBe(200)
      expect(result.text, definition.key).toBe(`[${first!.raw}]`)
    }
  })

  it('lists support ticket messages', async () => {
    const [ticket] = [...store.records('crm_tickets')].map(
      (r) => JSON.parse(r.raw) as Row,
    )
    const messages = await apiJson(store, `CRM/${ticket!['CrmID']}/message`)
    expect(messages).toEqual(ticket!['CrmMessageList'])
    const events = (await apiJson(store, 'Webhooks/Events')) as Row[]
    expect(events.length).toBeGreaterThan(0)
  })
})

describe('page bodies', () => {
  it('are the ground-truth texts joined', async () => {
    for (const key of ['categories', 'customers', 'products'] as const) {
      const max = getEntity(key).maxPageSize
      const raws = [...store.records(key)].map((r) => r.raw)
      const result = await apiGet(
        store,
        `${getEntity(key).resource}?limit=${max}&offset=1`,
      )
      expect(result.text).toBe(`[${raws.slice(0, max).join(',')}]`)
    }
  })
})
