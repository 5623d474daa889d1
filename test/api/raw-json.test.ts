import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  JsonSyntaxError,
  splitJsonArray,
  stripSensitiveFields,
} from '../../src/main/api/raw-json.ts'

describe('splitJsonArray', () => {
  it('keeps each element byte-identical', () => {
    const body =
      '[ {"a":1.50,"b":"x\\"]}"} ,\n{"c":[1,{"d":null}]},"s",2e3,true ]'
    expect(splitJsonArray(body)).toEqual([
      '{"a":1.50,"b":"x\\"]}"}',
      '{"c":[1,{"d":null}]}',
      '"s"',
      '2e3',
      'true',
    ])
  })

  it('returns no elements for an empty array', () => {
    expect(splitJsonArray(' [ ] ')).toEqual([])
  })

  it('accepts a byte order mark', () => {
    expect(splitJsonArray('\ufeff[{"a":1}]')).toEqual(['{"a":1}'])
  })

  it.each([
    ['cut inside a record', '[{"a":1},{"b":'],
    ['cut inside a string', '[{"a":"abc'],
    ['missing closing bracket', '[{"a":1}'],
    ['HTML page', '<html><body>Bad gateway</body></html>'],
    ['empty body', ''],
    ['trailing text', '[{"a":1}] x'],
    ['missing comma', '[{"a":1} {"b":2}]'],
  ])('rejects a body with %s', (_name, body) => {
    expect(() => splitJsonArray(body)).toThrow(JsonSyntaxError)
  })

  it('matches JSON.stringify of any array', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue()), fc.boolean(), (values, pretty) => {
        const body = JSON.stringify(values, null, pretty ? 2 : undefined)
        const elements = splitJsonArray(body)
        expect(elements.map((e) => JSON.parse(e))).toEqual(
          JSON.parse(body) as unknown[],
        )
        if (!pretty) {
          expect(elements).toEqual(values.map((v) => JSON.stringify(v)))
        }
      }),
    )
  })
})

function deleteKeys(value: unknown, keys: Set<string>): unknown {
  if (Array.isArray(value)) return value.map((v) => deleteKeys(v, keys))
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) {
      if (!keys.has(k)) out[k] = deleteKeys(v, keys)
    }
    return out
  }
  return value
}

describe('stripSensitiveFields', () => {
  const fields = ['Password', 'CardNumber']

  it('removes a middle member and its comma', () => {
    expect(
      stripSensitiveFields('{"A":1, "Password":"h$x", "B":2}', fields),
    ).toBe('{"A":1, "B":2}')
  })

  it('removes a last member and the comma before it', () => {
    expect(stripSensitiveFields('{"A":1,"Password":"x"}', fields)).toBe(
      '{"A":1}',
    )
  })

  it('removes a first and only member', () => {
    expect(stripSensitiveFields('{"Password":{"a":[1]}}', fields)).toBe('{}')
  })

  it('removes nested members in lists', () => {
    const raw =
      '{"Id":7,"TransactionList":[{"CardNumber":"4111","Amount":2.50},{"Amount":1,"CardNumber":"x"}],"Password":"p"}'
    expect(stripSensitiveFields(raw, fields)).toBe(
      '{"Id":7,"TransactionList":[{"Amount":2.50},{"Amount":1}]}',
    )
  })

  it('keeps text that only mentions a field in a value', () => {
    const raw = '{"Note":"\\"Password\\": reset","A":1}'
    expect(stripSensitiveFields(raw, fields)).toBe(raw)
  })

  it('returns the same text when nothing matches', () => {
    const raw = '{ "A" : 1.0 ,\r\n "B":"é" }'
    expect(stripSensitiveFields(raw, fields)).toBe(raw)
  })

  it('matches deleting the keys from parsed values', () => {
    const key = fc.constantFrom('Password', 'CardNumber', 'A', 'B', 'C')
    const tree = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.jsonValue({ maxDepth: 0 }),
        fc.array(tie('node'), { maxLength: 3 }),
        fc.dictionary(key, tie('node'), { maxKeys: 4 }),
      ),
    })).node
    fc.assert(
      fc.property(tree, fc.boolean(), (value, pretty) => {
        const raw = JSON.stringify(value, null, pretty ? 1 : undefined)
        const stripped = stripSensitiveFields(raw, fields)
        expect(JSON.parse(stripped)).toEqual(
          deleteKeys(JSON.parse(raw), new Set(fields)),
        )
      }),
    )
  })
})
