/**
 * The large archive behind the review and export figures, built once into
 * the work folder by writing demo-store records straight into
 * `Archive.upsertPage` (no HTTP), and reused while its marker matches.
 */
import {
  closeSync,
  existsSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Archive, SCHEMA_VERSION } from '../src/main/archive/index.ts'
import { NEW_FILE_PAGE_SIZE } from '../src/main/archive/open.ts'
import { WRITER_LOCK_SUFFIX } from '../src/main/archive/writer-lock.ts'
import { startDemoStore } from '../src/main/demo-store/index.ts'
import { ENTITIES } from '../src/shared/entities.ts'
import { configFromProcess } from './config.ts'
import type { RawRecord } from '../src/main/archive/index.ts'
import { removeDatabase } from './workdir.ts'

/** Raise when the way the fixture is built changes, to force a rebuild. */
const FIXTURE_VERSION = 1

interface FixtureMarker {
  fixtureVersion: number
  schemaVersion: number
  orders: number
  buildSeconds: number
}

export interface Fixture {
  file: string
  orders: number
  /** True when this run built the file; false when it was reused. */
  built: boolean
  /** Seconds the build took, this run or when it was built. */
  buildSeconds: number
}

function readMarker(file: string): FixtureMarker | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as FixtureMarker
  } catch {
    return null
  }
}

/**
 * Reads the page size from the SQLite header (bytes 16-17, big-endian, 1
 * meaning 65,536). A fixture built with another page size than new
 * archives get would measure a file no merchant has, so it is rebuilt.
 */
function pageSizeOf(file: string): number {
  const header = Buffer.alloc(18)
  const fd = openSync(file, 'r')
  try {
    readSync(fd, header, 0, header.length, 0)
  } finally {
    closeSync(fd)
  }
  const size = header.readUInt16BE(16)
  return size === 1 ? 65_536 : size
}

/** Writes every default-selected entity of a demo store of `orders` orders. */
async function buildArchive(file: string, orders: number): Promise<void> {
  const store = await startDemoStore({
    size: { orders },
    seed: 1,
    rateLimit: 'off',
  })
  const archive = Archive.open(file)
  try {
    for (const definition of ENTITIES) {
      if (!definition.defaultSelected) continue
      if (definition.shape === 'object') {
        for (const { raw } of store.records(definition.key)) {
          archive.setStoreSettings(raw, JSON.parse(raw) as RawRecord['value'])
        }
        continue
      }
      let page: RawRecord[] = []
      for (const { raw } of store.records(definition.key)) {
        page.push({ raw, value: JSON.parse(raw) as RawRecord['value'] })
        if (page.length === definition.maxPageSize) {
          archive.upsertPage(definition.key, page)
          page = []
        }
      }
      if (page.length > 0) archive.upsertPage(definition.key, page)
    }
    // Leaves a compact file, as after a checkpointed pull.
    archive.db.pragma('wal_checkpoint(TRUNCATE)')
    archive.db.exec('ANALYZE')
  } finally {
    archive.close()
    await store.close()
  }
}

/** True while the process whose id is in `lockFile` is running. */
function buildInProgress(lockFile: string): boolean {
  let pid: number
  try {
    pid = Number(readFileSync(lockFile, 'utf8').trim())
  } catch {
    return false
  }
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false
  try {
    // Signal 0 checks that the process exists without affecting it.
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** Waits for another benchmark process that is building the same file. */
async function waitForOtherBuild(lockFile: string): Promise<void> {
  let announced = false
  while (buildInProgress(lockFile)) {
    if (!announced) {
      process.stderr.write(
        `bench: waiting for process ${readFileSync(lockFile, 'utf8').trim()} to finish building ${lockFile.replace(/\.lock$/, '')}\n`,
      )
      announced = true
    }
    await new Promise((resolve) => setTimeout(resolve, 10_000))
  }
}

/**
 * Returns the fixture archive of `orders` orders, building it if needed.
 * A `.lock` file with the builder's process id lets a second benchmark
 * process wait for a build in progress instead of starting its own.
 */
export async function ensureFixture(
  workDir: string,
  orders: number,
): Promise<Fixture> {
  const file = join(workDir, `archive-${orders}.sqlite`)
  const markerFile = `${file}.json`
  const lockFile = `${file}.lock`
  await waitForOtherBuild(lockFile)
  const marker = readMarker(markerFile)
  if (
    marker !== null &&
    existsSync(file) &&
    pageSizeOf(file) === NEW_FILE_PAGE_SIZE &&
    marker.fixtureVersion === FIXTURE_VERSION &&
    marker.schemaVersion <= SCHEMA_VERSION &&
    marker.orders === orders
  ) {
    if (marker.schemaVersion < SCHEMA_VERSION) {
      // An older archive is migrated forward, as the app does with a
      // merchant's file, which takes far less time than a rebuild.
      Archive.open(file).close()
      const migrated = { ...marker, schemaVersion: SCHEMA_VERSION }
      writeFileSync(markerFile, JSON.stringify(migrated, null, 2))
    }
    return { file, orders, built: false, buildSeconds: marker.buildSeconds }
  }
  const partial = `${file}.partial`
  writeFileSync(lockFile, String(process.pid))
  removeDatabase(partial)
  removeDatabase(file)
  const started = performance.now()
  try {
    await buildArchive(partial, orders)
  } finally {
    rmSync(lockFile, { force: true })
  }
  const buildSeconds = (performance.now() - started) / 1000
  renameSync(partial, file)
  rmSync(partial + WRITER_LOCK_SUFFIX, { force: true })
  const written: FixtureMarker = {
    fixtureVersion: FIXTURE_VERSION,
    schemaVersion: SCHEMA_VERSION,
    orders,
    buildSeconds,
  }
  writeFileSync(markerFile, JSON.stringify(written, null, 2))
  return { file, orders, built: true, buildSeconds }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const config = configFromProcess()
  const fixture = await ensureFixture(config.workDir, config.archiveOrders)
  process.stdout.write(`${JSON.stringify(fixture, null, 2)}\n`)
}
