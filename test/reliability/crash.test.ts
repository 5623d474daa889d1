/**
 * Kills the command line with SIGKILL at seeded random points of a pull,
 * an export and an image download, restarting it each time, and checks
 * that the last run ends exactly where an uninterrupted one would.
 */
import { createHash } from 'node:crypto'
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Archive } from '../../src/main/archive/index.ts'
import {
  startDemoStore,
  type DemoStore,
} from '../../src/main/demo-store/index.ts'
import { defaultEntities } from '../../src/main/sync/pull.ts'
import { runCli, seededRandom } from './support/cli.ts'
import { FigureLog, LONG } from './support/figures.ts'
import { compareArchive } from './support/ground-truth.ts'
import { pullInto } from './support/pull.ts'

const KILLS = LONG ? 60 : 22
// Each kill costs a process start and up to 2.5 seconds of pulling.
const TIMEOUT_MS = KILLS * 8_000
const figures = new FigureLog('crash')
const workDir = mkdtempSync(join(tmpdir(), 'reliability-crash-'))
let store: DemoStore
let env: Record<string, string>

beforeAll(async () => {
  // The store runs in this process, so it outlives every killed child.
  store = await startDemoStore({ size: 'small', seed: 41 })
  env = {
    THREEDCART_API_BASE_URL: store.baseUrl,
    THREEDCART_SECURE_URL: store.secureUrl,
    THREEDCART_PRIVATE_KEY: store.privateKey,
    THREEDCART_TOKEN: store.token,
  }
})

afterAll(async () => {
  figures.write()
  await store.close()
  rmSync(workDir, { recursive: true, force: true })
})

/** Runs SQLite's own consistency check on a file left by a killed run. */
function quickCheck(file: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true })
  try {
    return db.pragma('quick_check', { simple: true }) as string
  } finally {
    db.close()
  }
}

describe('SIGKILL during a pull', () => {
  it(
    `resumes after ${KILLS} kills to the ground truth`,
    async () => {
      const file = join(workDir, 'pull.db')
      const random = seededRandom(4242)
      const args = ['pull', '--db', file, '--no-pacing']
      let kills = 0
      let finished = 0
      let midPull = 0
      for (let attempt = 0; kills < KILLS && attempt < KILLS * 3; attempt++) {
        const delay = Math.round(300 + random() * 2_200)
        const run = await runCli(args, env, delay)
        if (run.killed) {
          kills++
          if (existsSync(file)) {
            expect(quickCheck(file), `after kill ${kills}`).toBe('ok')
            const archive = Archive.open(file, { readonly: true })
            const runs = archive.lastRun()
            if (runs?.status === 'running') midPull++
            archive.close()
          }
        } else {
          expect(run.code, run.stderr).toBe(0)
          finished++
        }
      }
      expect(kills).toBe(KILLS)

      const last = await runCli(args, env)
      expect(last.code, last.stderr).toBe(0)
      const archive = Archive.open(file, { readonly: true })
      try {
        expect(quickCheck(file)).toBe('ok')
        const comparison = compareArchive(archive, store, defaultEntities())
        expect(comparison.problems).toEqual([])
        expect(comparison.compared).toBeGreaterThan(1_000)
        figures.add('pull', {
          kills,
          killsDuringARun: midPull,
          runsThatFinishedBeforeTheKill: finished,
          recordsCompared: comparison.compared,
        })
      } finally {
        archive.close()
      }
    },
    TIMEOUT_MS,
  )
})

/**
 * Every file under `dir` with its SHA-256. Export timestamps are masked, and
 * so is the manifest's word for an image a rerun kept instead of downloading.
 */
async function treeDigest(dir: string): Promise<Map<string, string>> {
  const digests = new Map<string, string>()
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true })
  for (const entry of entries) {
    if (!entry.isFile()) continue
    const path = join(entry.parentPath, entry.name)
    let bytes = readFileSync(path)
    if (entry.name.startsWith('export-summary')) {
      // The summary also lists the manifest's size, which the masking changes.
      continue
    }
    if (entry.name.endsWith('.xlsx')) {
      // The workbook's zip entries and properties carry the time of writing,
      // so its sheets are compared cell by cell.
      bytes = Buffer.from(await workbookCells(path))
    }
    if (entry.name === 'manifest.csv') {
      bytes = Buffer.from(
        bytes.toString('utf8').replace(/,kept$/gm, ',downloaded'),
      )
    }
    const hash = createHash('sha256').update(bytes).digest('hex')
    digests.set(path.slice(dir.length + 1), hash)
  }
  return digests
}

/** Every sheet's name and cell values as JSON text. */
async function workbookCells(file: string): Promise<string> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile(file)
  const sheets = workbook.worksheets.map((sheet) => {
    const rows: unknown[] = []
    sheet.eachRow((row) => rows.push(row.values))
    return { name: sheet.name, rows }
  })
  return JSON.stringify(sheets)
}

/** Paths whose bytes differ between two digests of the same file set. */
function differingFiles(
  actual: Map<string, string>,
  expected: Map<string, string>,
): string[] {
  return [...expected.keys()].filter((f) => actual.get(f) !== expected.get(f))
}

function fileDigest(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex')
}

describe('SIGKILL during exports', () => {
  let tinyStore: DemoStore
  let archiveFile: string

  beforeAll(async () => {
    tinyStore = await startDemoStore({ size: 'tiny', seed: 43 })
    archiveFile = join(workDir, 'export-source.db')
    const result = await pullInto(tinyStore, archiveFile)
    expect(result.complete).toBe(true)
  })

  afterAll(() => tinyStore.close())

  /** Kills `args` KILLS times, then runs it to the end. */
  async function killRepeatedly(args: string[], seed: number, spanMs: number) {
    const random = seededRandom(seed)
    let kills = 0
    let finished = 0
    for (let attempt = 0; kills < KILLS && attempt < KILLS * 3; attempt++) {
      const run = await runCli(args, {}, Math.round(250 + random() * spanMs))
      if (run.killed) kills++
      else {
        expect(run.code, run.stderr).toBe(0)
        finished++
      }
    }
    const last = await runCli(args, {})
    expect(last.code, last.stderr).toBe(0)
    return { kills, finished }
  }

  it(
    `export survives ${KILLS} kills`,
    async () => {
      const before = fileDigest(archiveFile)
      const args = (out: string) => [
        'export',
        '--db',
        archiveFile,
        '--format',
        'all',
        '--out',
        out,
      ]
      const reference = join(workDir, 'export-reference')
      const first = await runCli(args(reference), {})
      expect(first.code, first.stderr).toBe(0)

      const out = join(workDir, 'export-killed')
      const { kills, finished } = await killRepeatedly(args(out), 77, 1_800)

      expect(kills).toBe(KILLS)
      const expected = await treeDigest(reference)
      const actual = await treeDigest(out)
      // Same files (no partial file left behind) with the same bytes.
      expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort())
      expect(differingFiles(actual, expected)).toEqual([])
      expect(fileDigest(archiveFile)).toBe(before)
      figures.add('export', {
        kills,
        runsThatFinishedBeforeTheKill: finished,
        filesCompared: expected.size,
      })
    },
    TIMEOUT_MS,
  )

  it(
    `image download survives ${KILLS} kills`,
    async () => {
      const args = (out: string) => [
        'export',
        '--db',
        archiveFile,
        '--format',
        'images',
        '--out',
        out,
        '--rate',
        '50',
        '--base-url',
        tinyStore.secureUrl,
      ]
      const reference = join(workDir, 'images-reference')
      const first = await runCli(args(reference), {})
      expect(first.code, first.stderr).toBe(0)

      const out = join(workDir, 'images-killed')
      const { kills, finished } = await killRepeatedly(args(out), 78, 1_500)

      expect(kills).toBe(KILLS)
      const expected = await treeDigest(reference)
      const actual = await treeDigest(out)
      expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort())
      expect(differingFiles(actual, expected)).toEqual([])
      const images = [...expected.keys()].filter((f) => !f.endsWith('.csv'))
      expect(images.length).toBeGreaterThan(20)
      figures.add('image download', {
        kills,
        runsThatFinishedBeforeTheKill: finished,
        filesCompared: expected.size,
      })
    },
    TIMEOUT_MS,
  )
})
