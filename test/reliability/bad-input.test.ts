/**
 * Malformed credentials and odd API payloads. Every input must end in a
 * clear error with a stable code, or be stored losslessly. None may crash
 * the client, the pull's record preparation or the archive.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiClient } from '../../src/main/api/client.ts'
import { testConnection } from '../../src/main/api/connection-test.ts'
import { normalizeCredentials } from '../../src/main/api/credentials.ts'
import { splitJsonArray } from '../../src/main/api/raw-json.ts'
import { Archive } from '../../src/main/archive/index.ts'
import {
  startDemoStore,
  type DemoStore,
} from '../../src/main/demo-store/index.ts'
import { prepareRecords } from '../../src/main/sync/walk.ts'
import { AppError } from '../../src/shared/errors.ts'
import { getEntity, readRecordId } from '../../src/shared/entities.ts'
import {
  startBodyServer,
  type BodyServer,
  type Reply,
} from './support/body-server.ts'
import { FigureLog } from './support/figures.ts'

const figures = new FigureLog('bad-input')
const workDir = mkdtempSync(join(tmpdir(), 'reliability-input-'))
const KEY = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6'
const TOKEN = 'f0e1d2c3b4a5968778695a4b3c2d1e0f'

afterAll(() => {
  figures.write()
  rmSync(workDir, { recursive: true, force: true })
})

describe('malformed credentials', () => {
  const url = 'https://mystore.3dcartstores.com'
  // Pasted variants that normalise to the real values.
  const repaired: Array<[string, string, string, string]> = [
    ['spaces around', `  ${url}  `, ` ${KEY} `, `\t${TOKEN}\t`],
    ['pasted quotes', `"${url}"`, `'${KEY}'`, `\u201c${TOKEN}\u201d`],
    [
      'line breaks',
      `${url}\n`,
      `${KEY.slice(0, 16)}\n${KEY.slice(16)}`,
      `${TOKEN}\r\n`,
    ],
    ['no scheme', 'mystore.3dcartstores.com', KEY, TOKEN],
    ['admin path', `${url}/admin/login.asp?x=1`, KEY, TOKEN],
    ['zero-width space', `${url}\u200b`, `\u200b${KEY}`, `${TOKEN}\ufeff`],
    ['backticks', `\`${url}\``, `\`${KEY}\``, TOKEN],
  ]
  it.each(repaired)('repairs %s', (_name, secureUrl, privateKey, token) => {
    const result = normalizeCredentials({ secureUrl, privateKey, token })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value).toEqual({
      secureUrl: url,
      privateKey: KEY,
      token: TOKEN,
    })
  })

  // Inputs that cannot be repaired: each names the field and a code.
  const rejected: Array<[string, string, string, string, string, string]> = [
    [
      'http URL',
      'http://mystore.3dcartstores.com',
      KEY,
      TOKEN,
      'secureUrl',
      'INSECURE_URL',
    ],
    [
      'ftp URL',
      'ftp://mystore.3dcartstores.com',
      KEY,
      TOKEN,
      'secureUrl',
      'INVALID_URL',
    ],
    [
      'API host as URL',
      'https://apirest.3dcart.com',
      KEY,
      TOKEN,
      'secureUrl',
      'API_HOST_NOT_STORE',
    ],
    ['bare word URL', 'mystore', KEY, TOKEN, 'secureUrl', 'INVALID_URL'],
    ['empty URL', '  ', KEY, TOKEN, 'secureUrl', 'MISSING'],
    ['short key', url, KEY.slice(0, 31), TOKEN, 'privateKey', 'INVALID_LENGTH'],
    ['long key', url, `${KEY}0`, TOKEN, 'privateKey', 'INVALID_LENGTH'],
    [
      'key with symbols',
      url,
      `${KEY.slice(0, 31)}!`,
      TOKEN,
      'privateKey',
      'INVALID_CHARACTERS',
    ],
    [
      'key in JSON',
      url,
      `{"key":"${KEY}"}`,
      TOKEN,
      'privateKey',
      'INVALID_CHARACTERS',
    ],
    [
      'header line as key',
      url,
      `PrivateKey: ${KEY}`,
      TOKEN,
      'privateKey',
      'INVALID_CHARACTERS',
    ],
    ['empty key', url, '', TOKEN, 'privateKey', 'MISSING'],
    ['short token', url, KEY, 'abc123', 'token', 'TOO_SHORT'],
    [
      'token with quotes inside',
      url,
      KEY,
      `${TOKEN.slice(0, 10)}"${TOKEN.slice(10)}`,
      'token',
      'INVALID_CHARACTERS',
    ],
    ['token equal to key', url, KEY, KEY, 'token', 'SAME_AS_PRIVATE_KEY'],
    [
      'non-Latin token',
      url,
      KEY,
      '\u0442\u043e\u043a\u0435\u043d'.repeat(5),
      'token',
      'INVALID_CHARACTERS',
    ],
  ]
  it.each(rejected)(
    'rejects %s',
    (_name, secureUrl, privateKey, token, field, code) => {
      const result = normalizeCredentials({ secureUrl, privateKey, token })
      expect(result.ok).toBe(false)
      if (result.ok) return
      const problem = result.problems.find((p) => p.field === field)
      expect(problem?.code).toBe(code)
      expect(problem?.message.length).toBeGreaterThan(20)
    },
  )

  it('warns about a storefront domain', () => {
    const result = normalizeCredentials({
      secureUrl: 'https://www.my-shop.com',
      privateKey: KEY,
      token: TOKEN,
    })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.warnings.map((w) => w.code)).toEqual([
      'MAYBE_STOREFRONT_DOMAIN',
    ])
    figures.add('credentials', {
      inputsTried: repaired.length + rejected.length + 1,
    })
  })
})

describe('well-formed but wrong credentials', () => {
  let store: DemoStore
  beforeAll(async () => {
    store = await startDemoStore({ size: 'tiny', seed: 5 })
  })
  afterAll(() => store.close())

  const cases: Array<
    [
      string,
      (s: DemoStore) => {
        secureUrl: string
        privateKey: string
        token: string
      },
      string,
    ]
  > = [
    [
      'wrong key',
      (s) => ({ secureUrl: s.secureUrl, privateKey: KEY, token: s.token }),
      'BAD_CREDENTIALS',
    ],
    [
      'wrong token',
      (s) => ({
        secureUrl: s.secureUrl,
        privateKey: s.privateKey,
        token: TOKEN,
      }),
      'BAD_CREDENTIALS',
    ],
    [
      'key and token swapped',
      (s) => ({
        secureUrl: s.secureUrl,
        privateKey: s.token,
        token: s.privateKey,
      }),
      'BAD_CREDENTIALS',
    ],
    [
      'storefront URL',
      (s) => ({
        secureUrl: 'https://www.my-shop.com',
        privateKey: s.privateKey,
        token: s.token,
      }),
      'BAD_CREDENTIALS',
    ],
  ]
  it.each(cases)('connection test reports %s', async (_name, make, code) => {
    const report = await testConnection(make(store), {
      baseUrl: store.baseUrl,
      pacing: 'off',
      retry: { baseDelayMs: 1, maxDelayMs: 2 },
      timeoutMs: 2_000,
    })
    expect(report.ok).toBe(false)
    expect(report.problem?.code).toBe(code)
  })

  it('connection test reports a closed port', async () => {
    const port = await closedPort()
    const report = await testConnection(
      {
        secureUrl: store.secureUrl,
        privateKey: store.privateKey,
        token: store.token,
      },
      {
        baseUrl: `http://127.0.0.1:${port}/3dCartWebAPI/v1`,
        pacing: 'off',
        retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 2 },
        timeoutMs: 2_000,
      },
    )
    expect(report.ok).toBe(false)
    expect(report.problem?.code).toBe('NETWORK_UNREACHABLE')
  })
})

/** Returns a loopback port that was free a moment ago, so a connection is refused. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

type Outcome =
  | { kind: 'stored'; count: number }
  | { kind: 'end' }
  | { kind: 'error'; code: string; message: string }

describe('odd payloads', () => {
  let server: BodyServer
  let archive: Archive
  beforeAll(async () => {
    server = await startBodyServer()
    archive = Archive.open(join(workDir, 'payloads.db'))
  })
  afterAll(async () => {
    archive.close()
    await server.close()
  })

  const orders = getEntity('orders')

  /** Sends `reply` for an Orders page and stores what the client accepts. */
  async function ingest(reply: Reply): Promise<Outcome> {
    server.set(reply)
    const client = new ApiClient({
      credentials: {
        secureUrl: server.secureUrl,
        privateKey: KEY,
        token: TOKEN,
      },
      baseUrl: server.baseUrl,
      pacing: 'off',
      retry: {
        maxAttempts: 2,
        maxThrottles: 1,
        baseDelayMs: 1,
        maxDelayMs: 2,
        throttleDelayMs: 1,
      },
      timeoutMs: 10_000,
    })
    try {
      const page = await client.fetchPage(orders, 1, orders.maxPageSize)
      if (page.kind === 'end') return { kind: 'end' }
      const records = prepareRecords(page.records, false)
      archive.upsertPage('orders', records)
      for (const record of records) {
        const id = readRecordId(orders, record.value)
        // Lossless: the archive contains the record's text exactly as received.
        expect(archive.getRaw('orders', id!)).toBe(record.raw)
      }
      return { kind: 'stored', count: records.length }
    } catch (error) {
      if (error instanceof AppError) {
        return { kind: 'error', code: error.code, message: error.message }
      }
      throw error
    }
  }

  const huge = 'x'.repeat(8 * 1024 * 1024)
  const nested = (depth: number) =>
    `[{"OrderID":7,"Extra":${'['.repeat(depth)}1${']'.repeat(depth)}}]`
  const retries = 'API_RETRIES_EXHAUSTED'
  const corpus: Array<[string, Reply, string]> = [
    ['empty body', { body: '' }, retries],
    [
      'plain text',
      { body: 'Service temporarily down', contentType: 'text/plain' },
      retries,
    ],
    [
      'HTML page with 200',
      {
        body: '<!DOCTYPE html><html><body>Login</body></html>',
        contentType: 'text/html',
      },
      retries,
    ],
    ['JSON null', { body: 'null' }, retries],
    ['object, not array', { body: '{"OrderID":1}' }, retries],
    ['array of numbers', { body: '[1,2,3]' }, retries],
    ['array of strings', { body: '["a"]' }, retries],
    ['array with null', { body: '[null]' }, retries],
    ['nested array', { body: '[[{"OrderID":1}]]' }, retries],
    ['truncated array', { body: '[{"OrderID":1},{"OrderID":' }, retries],
    ['trailing garbage', { body: '[{"OrderID":1}]<!-- cache -->' }, retries],
    ['single quotes', { body: "[{'OrderID':1}]" }, retries],
    ['NaN value', { body: '[{"OrderID":1,"Total":NaN}]' }, retries],
    ['trailing comma', { body: '[{"OrderID":1},]' }, retries],
    ['empty array', { body: '[]' }, 'end'],
    [
      'id missing',
      { body: '[{"OrderNumber":"A-1"}]' },
      'ARCHIVE_RECORD_WITHOUT_ID',
    ],
    ['id null', { body: '[{"OrderID":null}]' }, 'ARCHIVE_RECORD_WITHOUT_ID'],
    [
      'id is an object',
      { body: '[{"OrderID":{"v":1}}]' },
      'ARCHIVE_RECORD_WITHOUT_ID',
    ],
    ['id is a word', { body: '[{"OrderID":"abc"}]' }, 'ARCHIVE_INVALID_RECORD'],
    ['id as text digits', { body: '[{"OrderID":"42"}]' }, 'stored'],
    ['id fraction', { body: '[{"OrderID":1.5}]' }, 'ARCHIVE_INVALID_RECORD'],
    [
      'wrong field types',
      {
        body: '[{"OrderID":2,"OrderDate":123,"OrderAmount":"lots","OrderItemList":"none"}]',
      },
      'stored',
    ],
    [
      'unknown fields',
      { body: '[{"OrderID":3,"BrandNew":{"a":[1,{"b":null}]},"Ünïcödé":"✓"}]' },
      'stored',
    ],
    ['only the id', { body: '[{"OrderID":4}]' }, 'stored'],
    [
      'precise decimals',
      {
        body: '[{"OrderID":5,"OrderAmount":0.1000000000000000055511151231257827,"Big":123456789012345678901234567890}]',
      },
      'stored',
    ],
    [
      'duplicate keys',
      { body: '[{"OrderID":6,"Note":"a","Note":"b"}]' },
      'stored',
    ],
    [
      'escapes and lone surrogate',
      { body: '[{"OrderID":8,"Note":"\\ud800 \\u0000 \\" \\\\ \\/ \\n"}]' },
      'stored',
    ],
    ['byte order mark', { body: '\ufeff[{"OrderID":9}]' }, 'stored'],
    ['8 MB string', { body: `[{"OrderID":10,"Note":"${huge}"}]` }, 'stored'],
    ['nesting 1000 deep', { body: nested(1000) }, 'stored'],
    ['nesting 100000 deep', { body: nested(100_000) }, 'stored'],
    [
      'invalid UTF-8 bytes',
      {
        body: Buffer.concat([
          Buffer.from('[{"OrderID":11,"Note":"'),
          Buffer.from([0xff, 0xfe, 0xc3]),
          Buffer.from('"}]'),
        ]),
      },
      'stored',
    ],
    [
      'Latin-1 body',
      {
        body: Buffer.from('[{"OrderID":12,"Note":"caf\u00e9"}]', 'latin1'),
        contentType: 'application/json; charset=iso-8859-1',
      },
      'stored',
    ],
    [
      '404 page',
      { status: 404, body: '<html>Not found</html>', contentType: 'text/html' },
      // The API's own 404s are JSON or empty; a web page is another server.
      'WRONG_HOST',
    ],
    [
      '500 error',
      { status: 500, body: '[{"Key":"Error","Message":"Oops"}]' },
      retries,
    ],
    [
      '400 error',
      { status: 400, body: '[{"Key":"Error","Message":"Invalid filter"}]' },
      'API_BAD_REQUEST',
    ],
    ['401 error', { status: 401, body: '' }, 'BAD_CREDENTIALS'],
    ['403 error', { status: 403, body: '' }, 'NOT_AUTHORIZED'],
    ['302 redirect', { status: 302, body: '' }, 'WRONG_HOST'],
  ]

  it.each(corpus)('handles %s', async (name, reply, expected) => {
    const outcome = await ingest(reply)
    if (expected === 'stored' || expected === 'end') {
      expect(outcome.kind, JSON.stringify(outcome).slice(0, 300)).toBe(expected)
    } else {
      expect(outcome.kind).toBe('error')
      if (outcome.kind !== 'error') return
      expect(outcome.code, outcome.message).toBe(expected)
      expect(outcome.message.length).toBeGreaterThan(20)
    }
    if (outcome.kind === 'stored' && typeof reply.body === 'string') {
      // Exactly the text the store sent, element by element.
      const sent = splitJsonArray(reply.body)
      const id = readRecordId(
        orders,
        JSON.parse(sent[0]!) as Record<string, unknown>,
      )
      expect(archive.getRaw('orders', id!), name).toBe(sent[0])
    }
  })

  it('stores undecodable bytes as U+FFFD', async () => {
    // NOTE: the client decodes every body as UTF-8, so invalid bytes (and a
    // Latin-1 body) are stored with U+FFFD in their place, not as sent.
    const outcome = await ingest({
      body: Buffer.from('[{"OrderID":14,"Note":"caf\u00e9"}]', 'latin1'),
    })
    expect(outcome.kind).toBe('stored')
    expect(archive.getRaw('orders', 14)).toBe(
      '{"OrderID":14,"Note":"caf\ufffd"}',
    )
  })

  it('handles deep nesting with a sensitive key', async () => {
    const depth = 20_000
    const body = `[{"OrderID":15,"Password":"x","Extra":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}]`
    const outcome = await ingest({ body })
    expect(['stored', 'error']).toContain(outcome.kind)
  })

  it('counts the payload corpus', () => {
    figures.add('payloads', { inputsTried: corpus.length + 2 })
    expect(corpus.length).toBeGreaterThan(30)
  })
})
