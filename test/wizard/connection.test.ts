import { createServer } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import {
  startDemoStore,
  type DemoStore,
} from '../../src/main/demo-store/index.ts'
import { runConnectionTest } from '../../src/main/stores/connection.ts'

let store: DemoStore | null = null
afterEach(async () => {
  await store?.close()
  store = null
})

function credentialsOf(demo: DemoStore) {
  return {
    secureUrl: demo.secureUrl,
    privateKey: demo.privateKey,
    token: demo.token,
  }
}

describe('runConnectionTest', () => {
  it('returns live counts of a readable store', async () => {
    store = await startDemoStore({ size: 'tiny', seed: 2 })
    const result = await runConnectionTest(credentialsOf(store), store.baseUrl)
    expect(result.ok).toBe(true)
    expect(result.problem).toBeUndefined()
    const orders = result.modules.find((m) => m.entity === 'orders')
    expect(orders?.readable).toBe(true)
    expect(orders?.count).toBe(store.count('orders'))
  })

  it('sends wrong keys back to a setup step', async () => {
    store = await startDemoStore({ size: 'tiny', seed: 2 })
    const result = await runConnectionTest(
      { ...credentialsOf(store), token: 'c'.repeat(32) },
      store.baseUrl,
    )
    expect(result.ok).toBe(false)
    expect(result.problem?.code).toBe('BAD_CREDENTIALS')
    expect(result.problem?.step).not.toBe('connect')
  })

  it('names the module without read scope', async () => {
    store = await startDemoStore({
      size: 'tiny',
      seed: 2,
      scopes: { Orders: false },
    })
    const result = await runConnectionTest(credentialsOf(store), store.baseUrl)
    expect(result.ok).toBe(false)
    expect(result.problem?.code).toBe('MISSING_SCOPE')
    expect(result.problem?.module).toBe('Orders')
    expect(result.problem?.step).toBe('create-app')
    const products = result.modules.find((m) => m.entity === 'products')
    expect(products?.readable).toBe(true)
  })

  it('reports no network at a closed port', async () => {
    const server = createServer()
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const address = server.address()
    const port = typeof address === 'object' && address ? address.port : 0
    await new Promise<void>((resolve) => server.close(() => resolve()))
    const result = await runConnectionTest(
      {
        secureUrl: 'https://mystore.3dcartstores.com',
        privateKey: 'a'.repeat(32),
        token: 'b'.repeat(32),
      },
      `http://127.0.0.1:${port}/3dCartWebAPI/v1`,
    )
    expect(result.ok).toBe(false)
    expect(result.problem?.code).toBe('NETWORK_UNREACHABLE')
    expect(result.problem?.step).toBe('connect')
  })
})
