import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { configureLogFile, log, setConsoleLevel } from '../../src/main/log.ts'
import {
  clearRegisteredSecrets,
  redactText,
  redactValue,
  registerSecret,
  REDACTED,
} from '../../src/main/logging/redact.ts'

const PRIVATE_KEY = '9f3c2b7a1d4e5f60718293a4b5c6d7e8'
const TOKEN = 'b1c2d3e4f5a60718293a4b5c6d7e8f90'

afterEach(() => clearRegisteredSecrets())

describe('redactValue', () => {
  it('masks fields named like secrets', () => {
    const out = redactValue({
      PrivateKey: PRIVATE_KEY,
      token: TOKEN,
      nested: { Authorization: `Bearer ${TOKEN}`, storeName: 'Shop' },
    })
    expect(out).toEqual({
      PrivateKey: REDACTED,
      token: REDACTED,
      nested: { Authorization: REDACTED, storeName: 'Shop' },
    })
  })

  it('masks registered secrets inside free text and errors', () => {
    registerSecret(PRIVATE_KEY)
    const error = new Error(`request failed with key ${PRIVATE_KEY}`)
    const out = redactValue({ error, note: `k=${PRIVATE_KEY}` }) as {
      error: { message: string; stack: string }
      note: string
    }
    expect(out.error.message).not.toContain(PRIVATE_KEY)
    expect(out.error.stack).not.toContain(PRIVATE_KEY)
    expect(out.note).not.toContain(PRIVATE_KEY)
  })

  it('masks a secret echoed in another case', () => {
    registerSecret(PRIVATE_KEY)
    const out = redactText(`Bad key ${PRIVATE_KEY.toUpperCase()} (400)`)
    expect(out).toBe(`Bad key ${REDACTED} (400)`)
  })

  it('masks a secret with pattern characters', () => {
    registerSecret('abc.def+ghi(1)')
    expect(redactText('x abc.def+ghi(1) y')).toBe(`x ${REDACTED} y`)
    expect(redactText('abcXdef+ghi(1)')).toBe('abcXdef+ghi(1)')
  })

  it('masks header-like pairs in text', () => {
    expect(redactText(`PrivateKey: ${PRIVATE_KEY}`)).toBe(
      `PrivateKey: ${REDACTED}`,
    )
    expect(redactText(`token=${TOKEN}&x=1`)).toBe(`token=${REDACTED}&x=1`)
    expect(redactText(`Authorization: Bearer ${TOKEN}`)).toBe(
      `Authorization: ${REDACTED}`,
    )
  })

  it('leaves its input unchanged', () => {
    const input = { token: TOKEN }
    redactValue(input)
    expect(input.token).toBe(TOKEN)
  })
})

describe('log file', () => {
  it('never receives a key or token', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wizard-log-'))
    const file = configureLogFile(dir)
    setConsoleLevel(false)
    registerSecret(PRIVATE_KEY)
    registerSecret(TOKEN)
    log.info('connecting', {
      secureUrl: 'https://shop.3dcartstores.com',
      privateKey: PRIVATE_KEY,
    })
    log.warn(`headers were Token: ${TOKEN} and PrivateKey=${PRIVATE_KEY}`)
    log.error(new Error(`401 for ${TOKEN}`))
    log.info('plain line', [PRIVATE_KEY, { deep: { deeper: TOKEN } }])
    const text = readFileSync(file, 'utf8')
    expect(text).toContain('connecting')
    expect(text).toContain('plain line')
    expect(text).not.toContain(PRIVATE_KEY)
    expect(text).not.toContain(TOKEN)
    expect(text).toContain(REDACTED)
  })
})
