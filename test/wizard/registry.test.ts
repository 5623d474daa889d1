import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  NO_ENCRYPTION,
  type SecretCipher,
} from '../../src/main/platform/context.ts'
import { StoreRegistry } from '../../src/main/stores/registry.ts'
import { WizardProgressFile } from '../../src/main/stores/wizard-progress.ts'

const KEY = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6'
const TOKEN = 'f0e1d2c3b4a5f6e7d8c9b0a1f2e3d4c5'
const CREDENTIALS = {
  secureUrl: 'https://mystore.3dcartstores.com',
  privateKey: KEY,
  token: TOKEN,
}

/** A reversible cipher that marks its output, standing in for safeStorage. */
const XOR_CIPHER: SecretCipher = {
  isEncryptionAvailable: () => true,
  encryptString: (plain) =>
    Buffer.from([...Buffer.from(plain)].map((byte) => byte ^ 0x5a)),
  decryptString: (sealed) =>
    Buffer.from([...sealed].map((byte) => byte ^ 0x5a)).toString(),
}

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wizard-registry-'))
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

describe('StoreRegistry with encryption', () => {
  it('saves encrypted credentials that a new registry reads', async () => {
    const registry = new StoreRegistry(dir, XOR_CIPHER)
    const summary = await registry.save(CREDENTIALS, { label: 'Main shop' })
    expect(summary.label).toBe('Main shop')
    expect(summary.host).toBe('mystore.3dcartstores.com')
    expect(summary.credentials).toBe('encrypted')
    expect(summary.id).toMatch(/^mystore-3dcartstores-com-[0-9a-f]{4}$/)

    const reopened = new StoreRegistry(dir, XOR_CIPHER)
    expect(reopened.list()).toHaveLength(1)
    expect(reopened.credentials(summary.id)).toEqual(CREDENTIALS)
  })

  it('never writes a key or token in clear text', async () => {
    const registry = new StoreRegistry(dir, XOR_CIPHER)
    const { id } = await registry.save(CREDENTIALS)
    const listing = readFileSync(join(dir, 'stores.json'), 'utf8')
    const sealed = readFileSync(join(dir, 'credentials', `${id}.bin`), 'utf8')
    for (const text of [listing, sealed]) {
      expect(text).not.toContain(KEY)
      expect(text).not.toContain(TOKEN)
    }
  })

  it('summaries carry no secret', async () => {
    const registry = new StoreRegistry(dir, XOR_CIPHER)
    await registry.save(CREDENTIALS)
    const text = JSON.stringify(registry.list())
    expect(text).not.toContain(KEY)
    expect(text).not.toContain(TOKEN)
  })

  it('updates the store with the same host', async () => {
    const registry = new StoreRegistry(dir, XOR_CIPHER)
    const first = await registry.save(CREDENTIALS)
    const second = await registry.save({
      ...CREDENTIALS,
      token: 'ffffffffffffffffffffffffffffffff',
    })
    expect(second.id).toBe(first.id)
    expect(registry.list()).toHaveLength(1)
    expect(registry.credentials(first.id).token).toBe(
      'ffffffffffffffffffffffffffffffff',
    )
  })

  it('lists several stores', async () => {
    const registry = new StoreRegistry(dir, XOR_CIPHER)
    await registry.save(CREDENTIALS)
    await registry.save({
      ...CREDENTIALS,
      secureUrl: 'https://second.3dcartstores.com',
    })
    expect(registry.list().map((s) => s.host)).toEqual([
      'mystore.3dcartstores.com',
      'second.3dcartstores.com',
    ])
  })

  it('removes a store and its credential file', async () => {
    const registry = new StoreRegistry(dir, XOR_CIPHER)
    const { id } = await registry.save(CREDENTIALS)
    registry.remove(id)
    expect(registry.list()).toEqual([])
    expect(existsSync(join(dir, 'credentials', `${id}.bin`))).toBe(false)
  })

  it('reports unreadable credentials with a code', async () => {
    const registry = new StoreRegistry(dir, XOR_CIPHER)
    const { id } = await registry.save(CREDENTIALS)
    const broken: SecretCipher = {
      ...XOR_CIPHER,
      decryptString: () => {
        throw new Error('keychain locked')
      },
    }
    const reopened = new StoreRegistry(dir, broken)
    expect(() => reopened.credentials(id)).toThrow(
      expect.objectContaining({ code: 'STORE_CREDENTIALS_UNREADABLE' }),
    )
  })
})

describe('StoreRegistry without encryption', () => {
  it('keeps credentials for this session only', async () => {
    const registry = new StoreRegistry(dir, NO_ENCRYPTION)
    const summary = await registry.save(CREDENTIALS)
    expect(summary.credentials).toBe('session')
    expect(registry.credentials(summary.id)).toEqual(CREDENTIALS)
    expect(existsSync(join(dir, 'credentials'))).toBe(false)

    const restarted = new StoreRegistry(dir, NO_ENCRYPTION)
    expect(restarted.get(summary.id).credentials).toBe('missing')
    expect(() => restarted.credentials(summary.id)).toThrow(
      expect.objectContaining({ code: 'STORE_CREDENTIALS_MISSING' }),
    )
  })

  it('rejects an unknown store id', () => {
    const registry = new StoreRegistry(dir, NO_ENCRYPTION)
    expect(() => registry.get('nope')).toThrow(
      expect.objectContaining({ code: 'STORE_NOT_FOUND' }),
    )
  })
})

describe('WizardProgressFile', () => {
  it('starts at the welcome step', () => {
    expect(new WizardProgressFile(dir).get()).toEqual({
      step: 'welcome',
      storeId: null,
      entities: null,
      storeSensitive: false,
      done: [],
    })
  })

  it('saves the done steps', () => {
    new WizardProgressFile(dir).update({
      step: 'connect',
      done: ['welcome', 'create-app'],
    })
    const restored = new WizardProgressFile(dir).get()
    expect(restored.step).toBe('connect')
    expect(restored.done).toEqual(['welcome', 'create-app'])
  })

  it('reads a file without done steps', async () => {
    const { writeFileSync } = await import('node:fs')
    writeFileSync(
      join(dir, 'wizard.json'),
      JSON.stringify({
        step: 'choose',
        storeId: 'demo',
        entities: null,
        storeSensitive: false,
      }),
    )
    const restored = new WizardProgressFile(dir).get()
    expect(restored.step).toBe('choose')
    expect(restored.storeId).toBe('demo')
    expect(restored.done).toEqual([])
  })

  it('keeps progress across a restart', () => {
    new WizardProgressFile(dir).update({
      step: 'choose',
      storeId: 'demo',
      entities: ['orders', 'products'],
    })
    const restored = new WizardProgressFile(dir).get()
    expect(restored.step).toBe('choose')
    expect(restored.storeId).toBe('demo')
    expect(restored.entities).toEqual(['orders', 'products'])
  })

  it('starts afresh from a damaged file', async () => {
    const { writeFileSync } = await import('node:fs')
    writeFileSync(join(dir, 'wizard.json'), '{ not json')
    expect(new WizardProgressFile(dir).get().step).toBe('welcome')
  })
})
