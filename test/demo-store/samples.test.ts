import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getEntity, type EntityKey } from '../../src/shared/entities.ts'
import {
  startDemoStore,
  type DemoStore,
} from '../../src/main/demo-store/index.ts'
import {
  allRecords,
  apiGet,
  HAS_SAMPLES,
  SAMPLES_DIR,
  type Row,
} from './helpers.ts'

/** Recorded responses and the entity each one belongs to. */
const RECORDED: Array<[string, EntityKey]> = [
  ['orders.sample.json', 'orders'],
  ['products.sample.json', 'products'],
  ['categories.sample.json', 'categories'],
  ['customers.sample.json', 'customers'],
  ['customergroups.sample.json', 'customer_groups'],
  ['manufacturers.sample.json', 'manufacturers'],
]

/** Documentation placeholders: shape only, values are not store data. */
const PLACEHOLDERS: Array<[string, EntityKey]> = [
  ['distributors.docs-placeholder.json', 'distributors'],
  ['giftregistries.docs-placeholder.json', 'gift_registries'],
  ['promotions.docs-placeholder.json', 'promotions'],
  ['rma.docs-placeholder.json', 'rmas'],
  ['webhooks.docs-placeholder.json', 'webhooks'],
  ['orderstatus.docs-placeholder.json', 'order_statuses'],
]

const SKIP_REASON = HAS_SAMPLES
  ? ''
  : ` (skipped: no recorded samples at ${SAMPLES_DIR})`

function readSample(name: string): unknown {
  return JSON.parse(readFileSync(join(SAMPLES_DIR, name), 'utf8'))
}

type Shape = Map<string, Set<string>>

function kind(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  return typeof value
}

/** Collects every field path with the JSON types seen there, across records. */
function shapeOf(
  records: unknown[],
  prefix = '',
  shape: Shape = new Map(),
): Shape {
  for (const record of records) {
    if (record === null || typeof record !== 'object' || Array.isArray(record))
      continue
    for (const [field, value] of Object.entries(record as Row)) {
      const path = `${prefix}${field}`
      const types = shape.get(path) ?? new Set<string>()
      types.add(kind(value))
      shape.set(path, types)
      if (Array.isArray(value)) shapeOf(value, `${path}[].`, shape)
      else if (value !== null && typeof value === 'object')
        shapeOf([value], `${path}.`, shape)
    }
  }
  return shape
}

/** Field paths inside embedded lists that the recordings leave empty. */
function pathsOf(shape: Shape): string[] {
  return [...shape.keys()].sort()
}

/**
 * Types must agree except where the real data contains null or a string: the
 * API's nullability varies by era, so null, "" and text are one family.
 */
function compatible(real: Set<string>, generated: Set<string>): boolean {
  const family = (t: string): string => (t === 'null' ? 'string' : t)
  const realFamilies = new Set([...real].map(family))
  return [...generated].every((t) => realFamilies.has(family(t)))
}

describe.skipIf(!HAS_SAMPLES)(`samples folder${SKIP_REASON}`, () => {
  let store: DemoStore

  beforeAll(async () => {
    store = await startDemoStore({ samplesDir: SAMPLES_DIR })
  })
  afterAll(async () => {
    await store.close()
  })

  it('serves recorded records back as equal JSON', async () => {
    for (const [file, entity] of [...RECORDED, ...PLACEHOLDERS]) {
      const expected = (readSample(file) as Row[]).slice()
      const resource = getEntity(entity).resource
      const result = await apiGet(store, `${resource}?limit=500&offset=1`)
      expect(result.status, file).toBe(200)
      const served = JSON.parse(result.text) as Row[]
      const id = (r: Row): number =>
        Number(
          getEntity(entity)
            .idPath.split('.')
            .reduce<unknown>((v, k) => (v as Row)[k], r),
        )
      expect(served, file).toEqual([...expected].sort((a, b) => id(a) - id(b)))
    }
  })

  it('serves StoreSettings and counts from the folder', async () => {
    const settings = await apiGet(store, 'StoreSettings')
    expect(JSON.parse(settings.text)).toEqual(
      readSample('storesettings.docs-placeholder.json'),
    )
    const count = await apiGet(store, 'Orders?countonly=1')
    expect(JSON.parse(count.text)).toEqual({ TotalCount: 4 })
    expect((await apiGet(store, 'Distributors/999')).status).toBe(404)
  })

  it('serves order sub-resources from the recorded orders', async () => {
    const cases: Array<[string, string]> = [
      ['Orders/47288/Items', 'order-items.sample.json'],
      ['Orders/40054/Shipments', 'order-shipments.sample.json'],
      ['Orders/40054/Transactions', 'order-transactions.sample.json'],
      ['Orders/40054/Questions', 'order-questions.sample.json'],
    ]
    for (const [path, file] of cases) {
      const result = await apiGet(store, path)
      expect(result.status, path).toBe(200)
      expect(JSON.parse(result.text), path).toEqual(readSample(file))
    }
  })

  it('keeps each record text as written in the file', () => {
    const text = readFileSync(join(SAMPLES_DIR, 'products.sample.json'), 'utf8')
    for (const { raw } of store.records('products')) expect(text).toContain(raw)
  })
})

describe.skipIf(!HAS_SAMPLES)(`generated shapes${SKIP_REASON}`, () => {
  let store: DemoStore

  beforeAll(async () => {
    store = await startDemoStore({ size: 'tiny' })
  })
  afterAll(async () => {
    await store.close()
  })

  for (const [file, entity] of [...RECORDED, ...PLACEHOLDERS]) {
    it(`matches ${file} field by field`, () => {
      const real = shapeOf(readSample(file) as unknown[])
      const generated = shapeOf(allRecords(store, entity))
      expect(
        pathsOf(generated).filter(
          (p) => !real.has(p) && !isInsideEmptyList(p, real),
        ),
      ).toEqual([])
      expect(pathsOf(real).filter((p) => !generated.has(p))).toEqual([])
      for (const [path, types] of real) {
        const mine = generated.get(path)
        if (!mine) continue
        expect(
          compatible(types, mine),
          `${entity} ${path}: real ${[...types]} generated ${[...mine]}`,
        ).toBe(true)
      }
    })
  }

  it('matches the top-level key order of the recordings', () => {
    for (const [file, entity] of RECORDED) {
      const [first] = readSample(file) as Row[]
      const [mine] = allRecords(store, entity)
      expect(Object.keys(mine!), file).toEqual(Object.keys(first!))
    }
  })
})

/** Tells whether a path lies under a list the recordings only show empty. */
function isInsideEmptyList(path: string, real: Shape): boolean {
  const match = /^(.*?)\[\]\./.exec(path)
  if (!match?.[1]) return false
  return (
    real.has(match[1]) &&
    ![...real.keys()].some((p) => p.startsWith(`${match[1]}[].`))
  )
}
