import { describe, expect, it } from 'vitest'
import { normalizeCredentials } from '../../src/main/api/credentials.ts'

const KEY = '0123456789abcdef0123456789abcdef'
const TOKEN = 'fedcba9876543210fedcba9876543210'

function problemsOf(input: {
  secureUrl: string
  privateKey: string
  token: string
}): string[] {
  const result = normalizeCredentials(input)
  return result.ok ? [] : result.problems.map((p) => `${p.field}:${p.code}`)
}

describe('normalizeCredentials', () => {
  it('trims spaces, quotes and line breaks', () => {
    const result = normalizeCredentials({
      secureUrl: '  "mystore.3dcartstores.com/"\n',
      privateKey: `\u201c${KEY.slice(0, 16)}\n${KEY.slice(16)}\u201d `,
      token: `'${TOKEN}'\r\n`,
    })
    expect(result).toEqual({
      ok: true,
      value: {
        secureUrl: 'https://mystore.3dcartstores.com',
        privateKey: KEY,
        token: TOKEN,
      },
      warnings: [],
    })
  })

  it('drops a pasted admin path', () => {
    const result = normalizeCredentials({
      secureUrl: 'https://MyStore.3dcartstores.com/admin/default.asp?x=1',
      privateKey: KEY,
      token: TOKEN,
    })
    expect(result.ok && result.value.secureUrl).toBe(
      'https://mystore.3dcartstores.com',
    )
  })

  it('accepts http only for loopback hosts', () => {
    const local = normalizeCredentials({
      secureUrl: 'http://127.0.0.1:4000',
      privateKey: KEY,
      token: TOKEN,
    })
    expect(local.ok && local.value.secureUrl).toBe('http://127.0.0.1:4000')
    expect(
      problemsOf({
        secureUrl: 'http://mystore.3dcartstores.com',
        privateKey: KEY,
        token: TOKEN,
      }),
    ).toEqual(['secureUrl:INSECURE_URL'])
  })

  it('rejects the API host as a secure URL', () => {
    expect(
      problemsOf({
        secureUrl: 'https://apirest.3dcart.com/3dCartWebAPI/v1',
        privateKey: KEY,
        token: TOKEN,
      }),
    ).toEqual(['secureUrl:API_HOST_NOT_STORE'])
  })

  it('warns about a likely storefront domain', () => {
    const result = normalizeCredentials({
      secureUrl: 'www.example-shop.com',
      privateKey: KEY,
      token: TOKEN,
    })
    expect(result.ok).toBe(true)
    expect(result.ok && result.warnings.map((w) => w.code)).toEqual([
      'MAYBE_STOREFRONT_DOMAIN',
    ])
  })

  it('lists every problem at once', () => {
    expect(
      problemsOf({ secureUrl: ' ', privateKey: 'abc', token: '' }),
    ).toEqual([
      'secureUrl:MISSING',
      'privateKey:INVALID_LENGTH',
      'token:MISSING',
    ])
  })

  it.each([
    ['a short key', { privateKey: KEY.slice(1) }, 'privateKey:INVALID_LENGTH'],
    [
      'a key with symbols',
      { privateKey: `${KEY.slice(1)}!` },
      'privateKey:INVALID_CHARACTERS',
    ],
    ['a short token', { token: 'abc123' }, 'token:TOO_SHORT'],
    ['the key as token', { token: KEY }, 'token:SAME_AS_PRIVATE_KEY'],
    ['a word as URL', { secureUrl: 'mystore' }, 'secureUrl:INVALID_URL'],
    ['an ftp URL', { secureUrl: 'ftp://mystore.com' }, 'secureUrl:INVALID_URL'],
  ])('rejects %s', (_name, change, expected) => {
    expect(
      problemsOf({
        secureUrl: 'https://mystore.3dcartstores.com',
        privateKey: KEY,
        token: TOKEN,
        ...change,
      }),
    ).toEqual([expected])
  })
})
