import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { createHash } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AppError } from '../../src/shared/errors.ts'
import { runExport } from '../../src/main/export/run.ts'
import { runCli, runCliWithFileLimit } from './cli-run.ts'
import { demoArchive, tempDir, type DemoArchive } from './helpers.ts'

let demo: DemoArchive

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) =>
    statSync(join(dir, f)).isFile(),
  )
}

async function exportError(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof AppError) return error
    throw error
  }
  throw new Error('the export succeeded')
}

beforeAll(async () => {
  demo = await demoArchive()
  // The unwritable-folder test reads the archive as another user.
  chmodSync(demo.dir, 0o755)
  chmodSync(demo.file, 0o644)
}, 120_000)

afterAll(async () => {
  await demo?.cleanup()
})

describe('export failures', () => {
  it('reports a missing archive', async () => {
    const out = tempDir()
    const error = await exportError(
      runExport({
        archive: join(out.dir, 'none.sqlite'),
        outDir: out.dir,
        formats: ['csv'],
      }),
    )
    expect(error.code).toBe('EXPORT_ARCHIVE_NOT_FOUND')
    out.cleanup()
  })

  it('reports a folder path that is a file', async () => {
    const out = tempDir()
    const blocker = join(out.dir, 'not-a-folder')
    writeFileSync(blocker, 'x')
    const error = await exportError(
      runExport({
        archive: demo.file,
        outDir: join(blocker, 'exports'),
        formats: ['csv'],
      }),
    )
    expect(error.code).toBe('EXPORT_FOLDER_UNWRITABLE')
    expect(error.message).toContain('cannot be written to')
    out.cleanup()
  })

  it('reports an unwritable folder and writes nothing', () => {
    const out = tempDir()
    const locked = join(out.dir, 'locked')
    mkdirSync(locked)
    chmodSync(out.dir, 0o755)
    chmodSync(locked, 0o555)
    // Root ignores file modes, so the export then runs as user "nobody".
    const asOtherUser =
      process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {}
    const outcome = runCli(
      ['export', '--db', demo.file, '--format', 'csv', '--out', locked],
      asOtherUser,
    )
    expect(outcome.status).toBe(1)
    expect(outcome.stderr).toContain('EXPORT_FOLDER_UNWRITABLE')
    expect(filesUnder(locked)).toEqual([])
    out.cleanup()
  })

  it('reports a full disk and removes the unfinished file', () => {
    const out = tempDir()
    // 36 KiB: SQLite's 32 KiB shared-memory file and the small tables fit,
    // product_variants.csv (about 40 KB) does not.
    const outcome = runCliWithFileLimit(
      ['export', '--db', demo.file, '--format', 'csv', '--out', out.dir],
      36,
    )
    expect(outcome.status).toBe(1)
    expect(outcome.stderr).toContain('DISK_FULL')
    const files = filesUnder(out.dir)
    expect(files.filter((f) => f.endsWith('.partial'))).toEqual([])
    expect(files).not.toContain(join('csv', 'product_variants.csv'))
    expect(files).not.toContain('export-summary.json')
    out.cleanup()
  })

  it.each(['sqlite', 'xlsx', 'ndjson', 'shopify'])(
    'reports a full disk for %s',
    (format) => {
      const out = tempDir()
      const outcome = runCliWithFileLimit(
        ['export', '--db', demo.file, '--format', format, '--out', out.dir],
        36,
      )
      expect(outcome.status).toBe(1)
      expect(outcome.stderr).toContain('error DISK_FULL')
      const files = filesUnder(out.dir)
      expect(files.filter((f) => f.endsWith('.partial'))).toEqual([])
      expect(files).not.toContain('export-summary.json')
      out.cleanup()
    },
  )

  it('stops on cancel and removes the unfinished file', async () => {
    const out = tempDir()
    const controller = new AbortController()
    const error = await exportError(
      runExport({
        archive: demo.file,
        outDir: out.dir,
        formats: ['ndjson', 'csv'],
        signal: controller.signal,
        onProgress: (progress) => {
          if (progress.format === 'csv') controller.abort()
        },
      }),
    )
    expect(error.code).toBe('EXPORT_CANCELLED')
    const files = filesUnder(out.dir)
    expect(files.filter((f) => f.endsWith('.partial'))).toEqual([])
    expect(files.some((f) => f.startsWith('ndjson'))).toBe(true)
    expect(files.some((f) => f.startsWith('csv'))).toBe(false)
    out.cleanup()
  })
})

/** Returns the address of a port on 127.0.0.1 that nothing listens on. */
async function closedAddress(): Promise<string> {
  const server = createServer()
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((done) => server.close(() => done()))
  return `http://127.0.0.1:${port}`
}

describe('image download', () => {
  it('downloads every image with a manifest, then resumes', async () => {
    const out = tempDir()
    const first = await runExport({
      archive: demo.file,
      outDir: out.dir,
      formats: ['images'],
      baseUrl: demo.store.secureUrl,
      requestsPerSecond: 50,
    })
    const manifest = parse(
      readFileSync(join(out.dir, 'images/manifest.csv'), 'utf8'),
      {
        bom: true,
        columns: true,
      },
    ) as Array<Record<string, string>>
    const downloaded = manifest.filter((row) => row['status'] === 'downloaded')
    const failed = manifest.filter((row) => row['status'] !== 'downloaded')
    expect(downloaded.length).toBeGreaterThan(10)
    // The demo store leaves some image paths without a file, as real stores do.
    expect(failed.every((row) => row['status'] === 'failed: HTTP 404')).toBe(
      true,
    )
    for (const row of downloaded) {
      const data = readFileSync(join(out.dir, row['file']!))
      expect(createHash('sha256').update(data).digest('hex')).toBe(
        row['sha256'],
      )
      expect(Number(row['size'])).toBe(data.byteLength)
    }
    expect(
      first.summary.files.some((f) => f.file === 'images/manifest.csv'),
    ).toBe(true)

    // A damaged file is downloaded again; intact files are kept.
    const damaged = downloaded[0]!
    writeFileSync(join(out.dir, damaged['file']!), 'damaged')
    await runExport({
      archive: demo.file,
      outDir: out.dir,
      formats: ['images'],
      baseUrl: demo.store.secureUrl,
      requestsPerSecond: 50,
    })
    const again = parse(
      readFileSync(join(out.dir, 'images/manifest.csv'), 'utf8'),
      {
        bom: true,
        columns: true,
      },
    ) as Array<Record<string, string>>
    const statusOf = (path: string | undefined): string | undefined =>
      again.find((row) => row['original_path'] === path)?.['status']
    expect(statusOf(damaged['original_path'])).toBe('downloaded')
    for (const row of downloaded.slice(1)) {
      expect(statusOf(row['original_path']), row['original_path']).toBe('kept')
    }
    const redone = again.find(
      (row) => row['original_path'] === damaged['original_path'],
    )
    expect(redone?.['sha256']).toBe(damaged['sha256'])
    out.cleanup()
  }, 60_000)

  it('stops when the store is unreachable', async () => {
    const address = await closedAddress()
    const out = tempDir()
    const outcome = runCli(
      [
        'export',
        '--db',
        demo.file,
        '--format',
        'images',
        '--base-url',
        address,
        '--rate',
        '50',
        '--out',
        out.dir,
      ],
      { env: { ...process.env, WIZARD_LOG_LEVEL: 'warn' } },
    )

    expect(outcome.status).toBe(4)
    // One warning line per failed image, and no stack trace.
    const warnings = outcome.stderr
      .split('\n')
      .filter((line) => line.includes('image download failed'))
    expect(warnings).toHaveLength(10)
    expect(outcome.stderr).toContain(
      `error STORE_UNREACHABLE: Could not reach the store at ${address} ` +
        '(10 attempts in a row failed).',
    )
    expect(outcome.stderr).toContain('This address is on this computer')
    expect(outcome.stderr).toContain('--base-url')
    expect(outcome.stderr).not.toMatch(/^\s+at /m)

    // The manifest lists the images tried, so a rerun resumes from there.
    const manifest = parse(
      readFileSync(join(out.dir, 'images/manifest.csv'), 'utf8'),
      { bom: true, columns: true },
    ) as Array<Record<string, string>>
    expect(manifest).toHaveLength(10)
    expect(manifest[0]?.['status']).toContain('ECONNREFUSED')
    out.cleanup()
  }, 60_000)

  it('requires a store address', async () => {
    const out = tempDir()
    const error = await exportError(
      runExport({
        archive: demo.file,
        outDir: out.dir,
        formats: ['images'],
        baseUrl: 'not a url',
      }),
    )
    expect(error.code).toBe('EXPORT_IMAGE_BASE_URL_INVALID')
    out.cleanup()
  })
})
