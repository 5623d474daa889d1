import { afterEach, describe, expect, it } from 'vitest'
import {
  startDemoStore,
  type DemoStore,
} from '../../src/main/demo-store/index.ts'
import { apiGet } from './helpers.ts'

const stores: DemoStore[] = []
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()))
})

async function open(
  options: Parameters<typeof startDemoStore>[0],
): Promise<DemoStore> {
  const store = await startDemoStore(options)
  stores.push(store)
  return store
}

describe('uncertain behaviours', () => {
  it('serve offset 0 like offset 1 by default', async () => {
    const store = await open({})
    const zero = await apiGet(store, 'Orders?limit=3&offset=0')
    const one = await apiGet(store, 'Orders?limit=3&offset=1')
    expect(zero.status).toBe(200)
    expect(zero.text).toBe(one.text)
  })

  it('can reject offset 0', async () => {
    const store = await open({ behaviour: { offsetZero: 'reject' } })
    const zero = await apiGet(store, 'Orders?limit=3&offset=0')
    expect(zero.status).toBe(400)
    expect(JSON.parse(zero.text)[0].Value).toBe('offset')
  })

  it('can reject an oversized limit', async () => {
    const store = await open({ behaviour: { oversizedLimit: 'reject' } })
    expect((await apiGet(store, 'Orders?limit=301&offset=1')).status).toBe(400)
    expect((await apiGet(store, 'Orders?limit=300&offset=1')).status).toBe(200)
    expect((await apiGet(store, 'Products?limit=201&offset=1')).status).toBe(
      400,
    )
  })

  it('can send 404 without a body', async () => {
    const store = await open({ behaviour: { notFoundBody: 'empty' } })
    const missing = await apiGet(store, 'Orders?billingemail=none@example.test')
    expect(missing.status).toBe(404)
    expect(missing.text).toBe('')
    const unknownPath = await apiGet(store, 'Nothing')
    expect(unknownPath.status).toBe(404)
    expect(unknownPath.text).not.toBe('')
  })
})

describe('custom credentials', () => {
  it('accept only the configured secure URL and keys', async () => {
    const credentials = {
      secureUrl: 'https://merchant.3dcartstores.com',
      privateKey: 'k'.repeat(32),
      token: 't'.repeat(32),
    }
    const store = await open({ credentials })
    expect(store.privateKey).toBe(credentials.privateKey)
    expect(store.token).toBe(credentials.token)
    const ok = await apiGet(store, 'Orders?countonly=1', {
      SecureUrl: 'merchant.3dcartstores.com/',
      PrivateKey: credentials.privateKey,
      Token: credentials.token,
    })
    expect(ok.status).toBe(200)
    const loopback = await apiGet(store, 'Orders?countonly=1', {
      SecureUrl: store.secureUrl,
      PrivateKey: credentials.privateKey,
      Token: credentials.token,
    })
    expect(loopback.status).toBe(401)
  })
})

describe('latency and request count', () => {
  it('counts API requests but not image requests', async () => {
    const store = await open({ latencyMs: 5 })
    await apiGet(store, 'Orders?countonly=1')
    await apiGet(store, 'Nothing')
    await fetch(`${store.secureUrl}/assets/images/logo.png`)
    expect(store.requestCount()).toBe(2)
  })
})

describe('sizes', () => {
  it('scale every entity with the order count', async () => {
    const store = await open({ size: { orders: 1_000_000 } })
    expect(store.count('orders')).toBe(1_000_000)
    expect(store.count('products')).toBe(60_000)
    expect(store.count('customers')).toBe(300_000)
    const last = await apiGet(store, 'Orders?limit=300&offset=999901')
    expect(JSON.parse(last.text)).toHaveLength(100)
  })

  it('reject an order count above a million', async () => {
    await expect(
      startDemoStore({ size: { orders: 1_000_001 } }),
    ).rejects.toThrow(/0 to 1000000/)
  })

  it('give small the documented counts', async () => {
    const store = await open({ size: 'small' })
    expect(store.count('orders')).toBe(500)
    expect(store.count('products')).toBe(150)
    expect(store.count('customers')).toBe(300)
  })
})
