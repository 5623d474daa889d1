/**
 * Property-based tests (fast-check) of the parsers and the paging logic:
 * for any input they return a value or raise their documented error, and
 * a pull over any store size and page layout ends equal to the store.
 */
import fc from 'fast-check'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { normalizeCredentials } from '../../src/main/api/credentials.ts'
import { TransientApiError } from '../../src/main/api/errors.ts'
import { parseCountBody, parseListBody } from '../../src/main/api/parse.ts'
import {
  JsonSyntaxError,
  splitJsonArray,
  stripSensitiveFields,
} from '../../src/main/api/raw-json.ts'
import {
  backoffDelay,
  DEFAULT_RETRY_POLICY,
  parseRetryAfter,
} from '../../src/main/api/retry.ts'
import { Archive } from '../../src/main/archive/index.ts'
import { startDemoStore } from '../../src/main/demo-store/index.ts'
import { SENSITIVE_FIELDS } from '../../src/shared/entities.ts'
import { FigureLog, LONG } from './support/figures.ts'
import { compareArchive } from './support/ground-truth.ts'
import { pullInto } from './support/pull.ts'

const RUNS = LONG ? 2_000 : 300
const figures = new FigureLog('properties')
const workDir = mkdtempSync(join(tmpdir(), 'reliability-properties-'))
let inputsTried = 0

afterAll(() => {
  figures.add('all properties', { inputsTried })
  figures.write()
  rmSync(workDir, { recursive: true, force: true })
})

/** Counts every generated input towards the figures. */
function check<T>(arbitrary: fc.Arbitrary<T>, test: (value: T) => void): void {
  fc.assert(
    fc.property(arbitrary, (value) => {
      inputsTried++
      test(value)
    }),
    { numRuns: RUNS },
  )
}

/** Text that looks like JSON often enough to reach deep parser states. */
const jsonish = fc.oneof(
  fc.string(),
  fc.string({
    unit: fc.constantFrom(...'[]{}",:\\ 0123456789.eE-+truefalsn'.split('')),
  }),
  fc.jsonValue().map((value) => JSON.stringify(value)),
)

describe('splitJsonArray', () => {
  it('returns or raises JsonSyntaxError', () => {
    check(jsonish, (text) => {
      try {
        const elements = splitJsonArray(text)
        expect(Array.isArray(elements)).toBe(true)
      } catch (error) {
        expect(error).toBeInstanceOf(JsonSyntaxError)
      }
    })
  })

  it('rejects every cut-off page', () => {
    const page = fc
      .array(fc.jsonValue(), { minLength: 1, maxLength: 8 })
      .map((values) => JSON.stringify(values))
    check(
      page.chain((body) =>
        fc.tuple(
          fc.constant(body),
          fc.integer({ min: 1, max: body.length - 1 }),
        ),
      ),
      ([body, cut]) => {
        // A prefix of an array is never a whole array: no partial page.
        expect(() => splitJsonArray(body.slice(0, cut))).toThrow(
          JsonSyntaxError,
        )
      },
    )
  })
})

describe('parseListBody and parseCountBody', () => {
  it('return records or a transient error', () => {
    check(jsonish, (text) => {
      try {
        for (const record of parseListBody(text)) {
          expect(JSON.parse(record.raw)).toEqual(record.value)
        }
      } catch (error) {
        expect(error).toBeInstanceOf(TransientApiError)
        expect((error as TransientApiError).kind).toBe('invalid-body')
      }
      try {
        expect(parseCountBody(text)).toBeGreaterThanOrEqual(0)
      } catch (error) {
        expect(error).toBeInstanceOf(TransientApiError)
      }
    })
  })
})

describe('stripSensitiveFields', () => {
  const key = fc.constantFrom(
    ...SENSITIVE_FIELDS.slice(0, 4),
    'Name',
    'Id',
    'x',
  )
  const tree = fc.letrec((tie) => ({
    node: fc.oneof(
      { depthSize: 'small' },
      fc.jsonValue({ maxDepth: 0 }),
      fc.array(tie('node'), { maxLength: 3 }),
      fc.dictionary(key, tie('node'), { maxKeys: 4 }),
    ),
  })).node
  const spacing = fc.constantFrom(undefined, 1, 2, '\t')

  it('is idempotent and leaves no sensitive key', () => {
    check(fc.tuple(tree, spacing), ([value, space]) => {
      const raw = JSON.stringify(value, null, space)
      const once = stripSensitiveFields(raw, SENSITIVE_FIELDS)
      expect(stripSensitiveFields(once, SENSITIVE_FIELDS)).toBe(once)
      const keys = new Set<string>()
      JSON.parse(once, function (name) {
        keys.add(name)
        return this[name as keyof typeof this]
      })
      for (const field of SENSITIVE_FIELDS) expect(keys.has(field)).toBe(false)
    })
  })

  it('keeps text without sensitive keys byte-identical', () => {
    const plain = fc.dictionary(
      fc.constantFrom('Name', 'Id', 'Note'),
      fc.jsonValue(),
    )
    check(fc.tuple(plain, spacing), ([value, space]) => {
      const raw = JSON.stringify(value, null, space)
      expect(stripSensitiveFields(raw, SENSITIVE_FIELDS)).toBe(raw)
    })
  })
})

describe('normalizeCredentials', () => {
  const credential = fc.record({
    secureUrl: fc.string(),
    privateKey: fc.string(),
    token: fc.string(),
  })

  it('never throws and returns valid shapes', () => {
    check(credential, (input) => {
      const result = normalizeCredentials(input)
      if (!result.ok) {
        expect(result.problems.length).toBeGreaterThan(0)
        return
      }
      expect(result.value.privateKey).toMatch(/^[A-Za-z0-9-]{32}$/)
      expect(result.value.token).toMatch(/^[A-Za-z0-9-]{16,}$/)
      expect(new URL(result.value.secureUrl).origin).toBe(
        result.value.secureUrl,
      )
    })
  })

  it('repairs any wrapping of valid values', () => {
    const alnum = fc.constantFrom(...'abcdefABCDEF0123456789'.split(''))
    const wrap = fc
      .array(fc.constantFrom(' ', '\n', '\t', '"', "'", '\u201c', '\u200b'), {
        maxLength: 4,
      })
      .map((a) => a.join(''))
    const input = fc.record({
      key: fc.string({ unit: alnum, minLength: 32, maxLength: 32 }),
      token: fc.string({ unit: alnum, minLength: 32, maxLength: 32 }),
      before: wrap,
      after: wrap,
    })
    check(input, ({ key, token, before, after }) => {
      fc.pre(key !== token)
      const result = normalizeCredentials({
        secureUrl: `${before}https://shop.3dcartstores.com${after}`,
        privateKey: `${before}${key}${after}`,
        token: `${before}${token}${after}`,
      })
      expect(result.ok).toBe(true)
      if (!result.ok) return
      expect(result.value).toEqual({
        secureUrl: 'https://shop.3dcartstores.com',
        privateKey: key,
        token,
      })
      // Normalising again changes nothing.
      expect(normalizeCredentials(result.value)).toMatchObject({
        ok: true,
        value: result.value,
      })
    })
  })
})

describe('retry timing', () => {
  it('keeps back-off within half and all of the cap', () => {
    const input = fc.record({
      attempt: fc.integer({ min: 1, max: 60 }),
      random: fc.double({ min: 0, max: 0.9999999, noNaN: true }),
    })
    check(input, ({ attempt, random }) => {
      const policy = DEFAULT_RETRY_POLICY
      const cap = Math.min(
        policy.maxDelayMs,
        policy.baseDelayMs * 2 ** (attempt - 1),
      )
      const delay = backoffDelay(policy, attempt, () => random)
      expect(delay).toBeGreaterThanOrEqual(Math.floor(cap / 2))
      expect(delay).toBeLessThanOrEqual(cap)
    })
  })

  it('reads any Retry-After as null or a delay', () => {
    check(
      fc.oneof(
        fc.string(),
        fc.date({ noInvalidDate: true }).map((d) => d.toUTCString()),
      ),
      (text) => {
        const delay = parseRetryAfter(text, Date.UTC(2030, 0, 1))
        if (delay !== null) {
          expect(Number.isFinite(delay)).toBe(true)
          expect(delay).toBeGreaterThanOrEqual(0)
        }
      },
    )
  })
})

describe('paging over any store size', () => {
  // Order counts around the 300-record page of orders, where an off-by-one
  // in the offsets would lose or repeat a record.
  const sizes = fc.oneof(
    fc.integer({ min: 0, max: 5 }),
    fc.integer({ min: 295, max: 305 }),
    fc.integer({ min: 596, max: 602 }),
    fc.integer({ min: 0, max: 1_000 }),
  )

  it('pulls every order exactly once', async () => {
    let pulls = 0
    let compared = 0
    await fc.assert(
      fc.asyncProperty(
        sizes,
        fc.integer({ min: 1, max: 1_000 }),
        async (orders, seed) => {
          inputsTried++
          pulls++
          const store = await startDemoStore({ size: { orders }, seed })
          try {
            const file = join(workDir, `paging-${pulls}.db`)
            const result = await pullInto(store, file, { entities: ['orders'] })
            expect(result.complete).toBe(true)
            const archive = Archive.open(file, { readonly: true })
            const comparison = compareArchive(archive, store, ['orders'])
            archive.close()
            expect(comparison.problems).toEqual([])
            expect(comparison.compared).toBe(store.count('orders'))
            compared += comparison.compared
          } finally {
            await store.close()
          }
        },
      ),
      { numRuns: LONG ? 60 : 12 },
    )
    figures.add('paging', { storesPulled: pulls, recordsCompared: compared })
  }, 120_000)
})
