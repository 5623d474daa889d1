/**
 * Tests generated from the IPC contract: every channel, over both
 * transports, rejects malformed payloads, foreign senders and requests
 * without the bridge secret.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import {
  CHANNEL_NAMES,
  channels,
  ipcChannelId,
} from '../../src/shared/ipc/contract.ts'
import { dispatch } from '../../src/main/ipc/dispatch.ts'
import { startBridge, type Bridge } from '../../src/main/bridge/server.ts'
import { testContext } from './helpers.ts'

type InvokeHandler = (event: unknown, payload: unknown) => Promise<unknown>
const registered = new Map<string, InvokeHandler>()

vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: InvokeHandler) => {
      registered.set(channel, handler)
    },
    removeHandler: (channel: string) => {
      registered.delete(channel)
    },
  },
}))

const MALFORMED: unknown[] = [42, 'text', null, [], true]

describe('every channel', () => {
  const { handlers } = testContext()

  it('has a strict object request schema', () => {
    for (const name of CHANNEL_NAMES) {
      const schema = channels[name].request
      const result = schema.safeParse({ __unexpected__: true })
      expect(result.success, `${name} accepts unknown fields`).toBe(false)
    }
  })

  for (const name of CHANNEL_NAMES) {
    it(`${name} rejects malformed payloads`, async () => {
      for (const payload of MALFORMED) {
        const result = await dispatch(handlers, name, payload)
        expect(result.ok, `${name} accepted ${JSON.stringify(payload)}`).toBe(
          false,
        )
        if (!result.ok) expect(result.error.code).toBe('IPC_INVALID_PAYLOAD')
      }
    })
  }
})

describe('Electron IPC registration', () => {
  const appOrigin = 'file://'
  const ownFrame = { url: 'file:///app/out/renderer/index.html' }
  const own = { id: 7, mainFrame: ownFrame }

  beforeAll(async () => {
    const { registerIpc } = await import('../../src/main/electron/ipc.ts')
    const { handlers } = testContext()
    const registration = registerIpc(handlers, appOrigin)
    registration.trust({
      id: 7,
      once: () => undefined,
    } as unknown as Parameters<typeof registration.trust>[0])
  })

  it('registers one handler per channel', () => {
    for (const name of CHANNEL_NAMES) {
      expect(registered.has(ipcChannelId(name))).toBe(true)
    }
  })

  for (const name of CHANNEL_NAMES) {
    it(`${name} rejects a foreign sender`, async () => {
      const handler = registered.get(ipcChannelId(name))
      expect(handler).toBeDefined()
      const foreignWindow = { id: 99, mainFrame: ownFrame }
      const fromOtherWindow = await handler?.(
        { sender: foreignWindow, senderFrame: ownFrame },
        {},
      )
      expect(fromOtherWindow).toMatchObject({
        ok: false,
        error: { code: 'IPC_FOREIGN_SENDER' },
      })
      const subFrame = { url: 'https://evil.example/' }
      const fromSubFrame = await handler?.(
        { sender: own, senderFrame: subFrame },
        {},
      )
      expect(fromSubFrame).toMatchObject({
        ok: false,
        error: { code: 'IPC_FOREIGN_SENDER' },
      })
    })
  }

  it('answers our own window', async () => {
    const handler = registered.get(ipcChannelId('getAppInfo'))
    const result = await handler?.({ sender: own, senderFrame: ownFrame }, {})
    expect(result).toMatchObject({ ok: true })
  })
})

describe('bridge', () => {
  let bridge: Bridge

  beforeAll(async () => {
    bridge = await startBridge(testContext().handlers)
  })
  afterAll(async () => {
    await bridge.close()
  })

  async function post(name: string, body: string, secret?: string) {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
    }
    if (secret !== undefined) headers['x-bridge-secret'] = secret
    return fetch(`${bridge.url}/api/${name}`, { method: 'POST', headers, body })
  }

  it('binds to loopback with a long random secret', () => {
    expect(new URL(bridge.url).hostname).toBe('127.0.0.1')
    expect(bridge.secret.length).toBeGreaterThanOrEqual(40)
  })

  for (const name of CHANNEL_NAMES) {
    it(`${name} requires the secret`, async () => {
      const missing = await post(name, '{}')
      expect(missing.status).toBe(401)
      const wrong = await post(name, '{}', 'x'.repeat(bridge.secret.length))
      expect(wrong.status).toBe(401)
    })
  }

  it('rejects a request from another web origin', async () => {
    const response = await fetch(`${bridge.url}/api/getAppInfo`, {
      method: 'POST',
      headers: {
        'x-bridge-secret': bridge.secret,
        origin: 'https://evil.example',
      },
      body: '{}',
    })
    expect(response.status).toBe(403)
  })

  it('rejects a body that is not JSON', async () => {
    const response = await post('getAppInfo', '{nope', bridge.secret)
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({
      ok: false,
      error: { code: 'IPC_INVALID_PAYLOAD' },
    })
  })

  it('rejects a body over one megabyte', async () => {
    const huge = JSON.stringify({ url: 'x'.repeat(2 * 1024 * 1024) })
    const response = await post('openExternal', huge, bridge.secret)
    expect(response.status).toBe(413)
    expect(await response.json()).toMatchObject({
      ok: false,
      error: { code: 'IPC_PAYLOAD_TOO_LARGE' },
    })
  })

  it('validates payloads like IPC does', async () => {
    const response = await post('openExternal', '{"url":7}', bridge.secret)
    expect(await response.json()).toMatchObject({
      ok: false,
      error: { code: 'IPC_INVALID_PAYLOAD' },
    })
  })

  it('answers a valid request', async () => {
    const response = await post('getAppInfo', '{}', bridge.secret)
    const body = (await response.json()) as { ok: boolean; value: unknown }
    expect(body.ok).toBe(true)
    expect(body.value).toMatchObject({ transport: 'bridge' })
  })

  it('streams events to a subscriber', async () => {
    const controller = new AbortController()
    const response = await fetch(`${bridge.url}/api/events`, {
      headers: { 'x-bridge-secret': bridge.secret },
      signal: controller.signal,
    })
    expect(response.status).toBe(200)
    const reader = response
      .body!.pipeThrough(new TextDecoderStream())
      .getReader()
    await reader.read()
    bridge.emit('notice', { level: 'info', message: 'export done' })
    let text = ''
    while (!text.includes('export done')) {
      const chunk = await reader.read()
      if (chunk.done) break
      text += chunk.value
    }
    controller.abort()
    expect(text).toContain('event: notice')
  })
})
