/**
 * Measures the demo store at scale: start-up time of `large` and of a
 * million-order store, and resident memory while a client pages through
 * every order. Run with:
 *   node --experimental-strip-types --expose-gc test/demo-store/bench-large.ts [pages]
 * Prints one JSON object per measurement.
 */
import {
  startDemoStore,
  type DemoStore,
} from '../../src/main/demo-store/index.ts'

const pagesToRead = Number(process.argv[2] ?? 'Infinity')

function rssMiB(): number {
  globalThis.gc?.()
  return Math.round(process.memoryUsage().rss / 1024 / 1024)
}

function heapMiB(): number {
  globalThis.gc?.()
  return Math.round(process.memoryUsage().heapUsed / 1024 / 1024)
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now()
  const result = await work()
  return [result, Math.round(performance.now() - start)]
}

function headers(store: DemoStore): Record<string, string> {
  return {
    SecureUrl: store.secureUrl,
    PrivateKey: store.privateKey,
    Token: store.token,
  }
}

const rssAtStart = rssMiB()
const [large, startMs] = await timed(() => startDemoStore({ size: 'large' }))
console.log(
  JSON.stringify({
    measure: 'start',
    size: 'large',
    orders: large.count('orders'),
    ms: startMs,
    rssMiB: rssMiB(),
  }),
)

const samples: Array<{ page: number; rssMiB: number; heapMiB: number }> = []
let bytes = 0
let pages = 0
const [, walkMs] = await timed(async () => {
  for (let offset = 1; pages < pagesToRead; offset += 300) {
    const response = await fetch(
      `${large.baseUrl}/Orders?limit=300&offset=${offset}`,
      { headers: headers(large) },
    )
    const text = await response.text()
    if (response.status !== 200) break
    bytes += text.length
    pages++
    if (pages % 100 === 1)
      samples.push({ page: pages, rssMiB: rssMiB(), heapMiB: heapMiB() })
  }
})
samples.push({ page: pages, rssMiB: rssMiB(), heapMiB: heapMiB() })
console.log(
  JSON.stringify({
    measure: 'walk orders',
    pages,
    megabytes: Math.round(bytes / 1e6),
    ms: walkMs,
    pagesPerSecond: Math.round((pages / walkMs) * 1000 * 10) / 10,
    rssMiB: samples,
  }),
)
await large.close()

const [million, millionMs] = await timed(() =>
  startDemoStore({ size: { orders: 1_000_000 } }),
)
const [lastPage, lastPageMs] = await timed(async () => {
  const response = await fetch(
    `${million.baseUrl}/Orders?limit=300&offset=999701`,
    { headers: headers(million) },
  )
  return (JSON.parse(await response.text()) as unknown[]).length
})
const [filtered, filteredMs] = await timed(async () => {
  const response = await fetch(
    `${million.baseUrl}/Orders?countonly=1&datestart=01%2F01%2F2024&dateend=01%2F31%2F2024`,
    { headers: headers(million) },
  )
  return (await response.json()) as { TotalCount: number }
})
console.log(
  JSON.stringify({
    measure: 'million orders',
    startMs: millionMs,
    lastPageRecords: lastPage,
    lastPageMs,
    januaryCount: filtered.TotalCount,
    dateFilterCountMs: filteredMs,
    rssMiB: rssMiB(),
    rssAtStartMiB: rssAtStart,
  }),
)
await million.close()
