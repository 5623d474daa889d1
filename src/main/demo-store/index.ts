/**
 * The demo store: a local HTTP server that behaves like a 3dcart store's
 * REST API, quirks included, with generated or loaded data. Used by the
 * app's demo mode, by tests, by benchmarks and by `cli demo-server`.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import { join } from 'node:path'
import {
  ENTITIES,
  type ApiModule,
  type EntityKey,
} from '../../shared/entities.ts'
import { DEFAULT_BEHAVIOUR, type UncertainBehaviour } from './behaviour.ts'
import { nowInZone, type PayloadDateFormat } from './dates.ts'
import { FaultInjector, type FaultProfile } from './faults.ts'
import { GENERATORS } from './generators/index.ts'
import { buildStoreSettings } from './generators/store-settings.ts'
import { hashString, mix } from './random.ts'
import { LeakyBucket, REAL_LIMIT } from './rate-limit.ts'
import { loadSamples } from './samples.ts'
import { DemoHttpServer } from './server.ts'
import { countsForSize, type DemoSize } from './sizes.ts'
import {
  FixedTable,
  GeneratedTable,
  type Change,
  type Table,
} from './tables.ts'
import type { GenContext } from './types.ts'

export type { DemoSize } from './sizes.ts'
export type { FaultProfile } from './faults.ts'
export type { Change } from './tables.ts'

export interface DemoStoreOptions {
  /** Default 'tiny'. */
  size?: DemoSize
  /** Default 1; the same seed gives the same data. */
  seed?: number
  /** 0 (default) picks a free port; the server always binds 127.0.0.1. */
  port?: number
  /** Default 'off' here; the command line defaults to 'real'. */
  rateLimit?: 'real' | 'off' | { burst: number; perSecond: number }
  /** Status of a throttled response; default 429. */
  throttleStatus?: 429 | 503
  /** Sent as Retry-After on throttled responses when set. */
  retryAfterSeconds?: number
  /** Added to every API request; default 0. */
  latencyMs?: number
  faults?: FaultProfile[]
  /** Share of requests that fail (or change the store), 0..1; default 0.1. */
  faultRate?: number
  faultSeed?: number
  /** How long a 'slow' response stalls; default 30 000 ms. */
  slowMs?: number
  /** Most changes the 'changes' fault makes in the store's life; default 50. */
  maxChanges?: number
  /**
   * Serve JSON arrays from this folder as they are instead of generating.
   * NOTE: such records are fixed, so the 'changes' fault and
   * `applyChanges` leave them untouched.
   */
  samplesDir?: string
  /** A module set to false gets 401, like wrong credentials. */
  scopes?: Partial<Record<ApiModule, boolean>>
  credentials?: { secureUrl?: string; privateKey?: string; token?: string }
  /** '2013-09-12T17:31:52' (default) or '09/12/2013 17:31'. */
  payloadDateFormat?: PayloadDateFormat
  /** IANA zone reported in StoreSettings; default 'America/New_York'. */
  storeTimeZone?: string
  /** Alternatives for behaviours no public source settles. */
  behaviour?: Partial<UncertainBehaviour>
}

export interface DemoStore {
  /** http://127.0.0.1:PORT/3dCartWebAPI/v1 */
  baseUrl: string
  /** http://127.0.0.1:PORT, the storefront; images are served under it. */
  secureUrl: string
  /** 32 characters. */
  privateKey: string
  /** 32 characters. */
  token: string
  port: number
  requestCount(): number
  /**
   * Ground truth: the store's records now, as the exact JSON text the
   * server sends, in id order. StoreSettings yields one entry with id 1.
   */
  records(entity: EntityKey): Iterable<{ id: number | string; raw: string }>
  count(entity: EntityKey): number
  /** One <entity>.ndjson per entity, one raw record per line. */
  writeGroundTruth(dir: string): Promise<void>
  /** Changes made so far by the 'changes' fault or `applyChanges`. */
  changes(): readonly Change[]
  /**
   * Inserts, updates or deletes `count` records of an entity now, as a
   * merchant would between two pulls. Returns what changed.
   */
  applyChanges(
    entity: EntityKey,
    count: number,
    kinds?: ReadonlyArray<Change['kind']>,
  ): Change[]
  close(): Promise<void>
}

const DEFAULT_TIME_ZONE = 'America/New_York'

/** The storefront domain that record links such as `ProductLink` use. */
const STOREFRONT_URL = 'http://www.demo-outfitters.example.com'

/** 32 hexadecimal characters derived from the seed. */
function secret(seed: number, label: string): string {
  let text = ''
  for (let part = 0; part < 4; part++) {
    text += mix(seed, hashString(label), part).toString(16).padStart(8, '0')
  }
  return text
}

function bucketFor(option: DemoStoreOptions['rateLimit']): LeakyBucket | null {
  if (option === undefined || option === 'off') return null
  return new LeakyBucket(option === 'real' ? REAL_LIMIT : option)
}

let storeCounter = 0

export async function startDemoStore(
  options: DemoStoreOptions = {},
): Promise<DemoStore> {
  const seed = options.seed ?? 1
  const counts = countsForSize(options.size ?? 'tiny')
  const timeZone = options.storeTimeZone ?? DEFAULT_TIME_ZONE
  const privateKey =
    options.credentials?.privateKey ?? secret(seed, 'privateKey')
  const token = options.credentials?.token ?? secret(seed, 'token')
  const samples = options.samplesDir
    ? await loadSamples(options.samplesDir)
    : null

  const tables = new Map<EntityKey, Table>()
  let storeSettingsRaw = ''
  const faults = new FaultInjector(
    options.faults ?? [],
    options.faultRate ?? 0.1,
    options.faultSeed ?? seed,
    options.maxChanges ?? 50,
  )
  const changeLog: Change[] = []
  const changeRandom = new FaultInjector(
    ['changes'],
    1,
    mix(seed, 99),
    Number.MAX_SAFE_INTEGER,
  )

  const applyOne = (
    entity: EntityKey,
    kind: Change['kind'],
    pick: number,
  ): Change | null => {
    const table = tables.get(entity)
    if (!(table instanceof GeneratedTable)) return null
    const change = table.applyChange(kind, pick, nowInZone(timeZone))
    if (change) changeLog.push(change)
    return change
  }

  // The secure URL is known once the port is bound; auth reads it then.
  const credentials = { secureUrl: '', privateKey, token }
  const http = new DemoHttpServer(
    {
      cacheScope: `store${++storeCounter}`,
      table(entity) {
        const table = tables.get(entity)
        if (!table) throw new Error(`The demo store has no table for ${entity}`)
        return table
      },
      storeSettingsRaw: () => storeSettingsRaw,
    },
    {
      credentials,
      scopes: options.scopes ?? {},
      bucket: bucketFor(options.rateLimit),
      throttleStatus: options.throttleStatus ?? 429,
      retryAfterSeconds: options.retryAfterSeconds,
      latencyMs: options.latencyMs ?? 0,
      slowMs: options.slowMs ?? 30_000,
      faults,
      behaviour: { ...DEFAULT_BEHAVIOUR, ...options.behaviour },
      changeBeforePage(entity) {
        const change = faults.nextChange()
        if (change) applyOne(entity, change.kind, change.pick)
      },
    },
  )
  const port = await http.listen(options.port ?? 0)
  const secureUrl = `http://127.0.0.1:${port}`
  credentials.secureUrl = options.credentials?.secureUrl ?? secureUrl

  const ctx: GenContext = {
    seed,
    counts,
    dateFormat: options.payloadDateFormat ?? 'iso-local',
    storeUrl: STOREFRONT_URL,
    secureUrl,
    storeTimeZone: timeZone,
  }
  for (const definition of ENTITIES) {
    if (definition.shape === 'object') continue
    const key = definition.key as Exclude<EntityKey, 'store_settings'>
    const generator = GENERATORS[key]
    tables.set(
      key,
      samples
        ? new FixedTable(key, generator.filters, samples.lists.get(key) ?? [])
        : new GeneratedTable(generator, ctx),
    )
  }
  storeSettingsRaw =
    samples?.storeSettings ?? JSON.stringify(buildStoreSettings(ctx))

  function* records(
    entity: EntityKey,
  ): Iterable<{ id: number | string; raw: string }> {
    if (entity === 'store_settings') {
      yield { id: 1, raw: storeSettingsRaw }
      return
    }
    const table = tables.get(entity)
    if (!table) return
    for (const index of table.indices()) {
      yield { id: table.id(index), raw: table.raw(index) }
    }
  }

  return {
    baseUrl: `${secureUrl}/3dCartWebAPI/v1`,
    secureUrl,
    privateKey,
    token,
    port,
    requestCount: () => http.requestCount(),
    records,
    count: (entity) =>
      entity === 'store_settings' ? 1 : (tables.get(entity)?.count() ?? 0),
    async writeGroundTruth(dir) {
      await mkdir(dir, { recursive: true })
      for (const definition of ENTITIES) {
        const stream = createWriteStream(join(dir, `${definition.key}.ndjson`))
        for (const { raw } of records(definition.key)) {
          // One record per line: pretty-printed sample text is compacted.
          const line = raw.includes('\n')
            ? JSON.stringify(JSON.parse(raw))
            : raw
          if (!stream.write(`${line}\n`)) await once(stream, 'drain')
        }
        stream.end()
        await once(stream, 'finish')
      }
      await writeFile(
        join(dir, 'changes.json'),
        JSON.stringify(changeLog, null, 2),
      )
    },
    changes: () => changeLog,
    applyChanges(entity, count, kinds = ['insert', 'update', 'delete']) {
      const applied: Change[] = []
      for (let n = 0; n < count; n++) {
        const draw = changeRandom.nextChange()
        const kind = kinds[n % kinds.length] ?? 'update'
        const change = applyOne(entity, kind, draw?.pick ?? 0.5)
        if (change) applied.push(change)
      }
      return applied
    },
    close: () => http.close(),
  }
}
