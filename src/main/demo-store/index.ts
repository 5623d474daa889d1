/**
 * The demo store: a local HTTP server that behaves like a 3dcart store's
 * REST API, quirks included, with generated or loaded data. Used by the
 * app's demo mode, by tests, by benchmarks and by `cli demo-server`.
 */
import type { ApiModule, EntityKey } from '../../shared/entities.ts'
import { DEFAULT_BEHAVIOUR, type UncertainBehaviour } from './behaviour.ts'
import type { PayloadDateFormat } from './dates.ts'
import { DuplicateIdsData } from './duplicate-ids.ts'
import { FaultInjector, type FaultProfile } from './faults.ts'
import { writeGroundTruth } from './ground-truth.ts'
import { hashString, mix, Rng } from './random.ts'
import { LeakyBucket, REAL_LIMIT } from './rate-limit.ts'
import { loadSamples } from './samples.ts'
import { DemoHttpServer } from './server.ts'
import { countsForSize, type DemoSize } from './sizes.ts'
import { StoreState } from './store-state.ts'
import type { Change } from './tables.ts'
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
  /**
   * Ids that the listing of an entity contains twice, under the
   * 'duplicate-ids' or 'duplicate-ids-later' fault; empty without either.
   */
  listedTwice(entity: EntityKey): Array<number | string>
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

/**
 * Returns the listing with doubled records under a duplicate-ids fault, or null.
 * With both faults, 'duplicate-ids-later' decides where second rows go.
 */
function duplicateIdsData(
  state: StoreState,
  options: DemoStoreOptions,
  seed: number,
): DuplicateIdsData | null {
  const faults = options.faults ?? []
  const later = faults.includes('duplicate-ids-later')
  if (!later && !faults.includes('duplicate-ids')) return null
  const faultSeed = options.faultSeed ?? seed
  return new DuplicateIdsData(state, faultSeed, later ? 'end' : 'adjacent')
}

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

export async function startDemoStore(
  options: DemoStoreOptions = {},
): Promise<DemoStore> {
  const seed = options.seed ?? 1
  const privateKey =
    options.credentials?.privateKey ?? secret(seed, 'privateKey')
  const token = options.credentials?.token ?? secret(seed, 'token')
  const samples = options.samplesDir
    ? await loadSamples(options.samplesDir)
    : null
  const ctx: GenContext = {
    seed,
    counts: countsForSize(options.size ?? 'tiny'),
    dateFormat: options.payloadDateFormat ?? 'iso-local',
    storeUrl: STOREFRONT_URL,
    // Set once the port is bound, before any request is served.
    secureUrl: '',
    storeTimeZone: options.storeTimeZone ?? DEFAULT_TIME_ZONE,
  }
  const state = new StoreState(ctx, samples)
  const faults = new FaultInjector(
    options.faults ?? [],
    options.faultRate ?? 0.1,
    options.faultSeed ?? seed,
    options.maxChanges ?? 50,
  )
  const credentials = { secureUrl: '', privateKey, token }
  const duplicates = duplicateIdsData(state, options, seed)
  const http = new DemoHttpServer(duplicates ?? state, {
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
      if (change) state.applyChange(entity, change.kind, change.pick)
    },
  })
  const port = await http.listen(options.port ?? 0)
  const secureUrl = `http://127.0.0.1:${port}`
  ctx.secureUrl = secureUrl
  credentials.secureUrl = options.credentials?.secureUrl ?? secureUrl
  const pickRandom = new Rng(mix(seed, 99))

  return {
    baseUrl: `${secureUrl}/3dCartWebAPI/v1`,
    secureUrl,
    privateKey,
    token,
    port,
    requestCount: () => http.requestCount(),
    records: (entity) => state.records(entity),
    count: (entity) => state.count(entity),
    writeGroundTruth: (dir) => writeGroundTruth(state, dir),
    listedTwice: (entity) => duplicates?.listedTwice(entity) ?? [],
    changes: () => state.changeLog,
    applyChanges(entity, count, kinds = ['insert', 'update', 'delete']) {
      const applied: Change[] = []
      for (let n = 0; n < count; n++) {
        const kind = kinds[n % kinds.length] ?? 'update'
        const change = state.applyChange(entity, kind, pickRandom.next())
        if (change) applied.push(change)
      }
      return applied
    },
    close: () => http.close(),
  }
}
