/**
 * Kills a command-line export and an image download with SIGKILL at seeded
 * random points, restarting each time, and checks that the last run leaves
 * exactly the files of an uninterrupted run and an unchanged archive.
 */
import { createHash } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  startDemoStore,
  type DemoStore,
} from '../../src/main/demo-store/index.ts'
import {
  KILLS,
  KILL_TIMEOUT_MS,
  killDelayMs,
  runCli,
  seededRandom,
  timeRun,
} from './support/cli.ts'
import { FigureLog } from './support/figures.ts'
import { pullInto } from './support/pull.ts'

const figures = new FigureLog('crash-export')
const workDir = mkdtempSync(join(tmpdir(), 'reliability-crash-export-'))

afterAll(() => {
  figures.write()
  rmSync(workDir, { recursive: true, force: true })
})

/**
 * Hashes every file under `dir` with SHA-256. The export summary is left
 * out (it contains the time), and the manifest's `kept`, written for an
 * image a rerun found on disk, counts as `downloaded`.
 */
async function treeDigest(dir: string): Promise<Map<string, string>> {
  const digests = new Map<string, string>()
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true })
  for (const entry of entries) {
    if (!entry.isFile()) continue
    const path = join(entry.parentPath, entry.name)
    // The summary contains the time and the manifest's size in bytes.
    if (entry.name.startsWith('export-summary')) continue
    let bytes = readFileSync(path)
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

/** Reads every sheet's name and cell values into one JSON text. */
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

  /**
   * Kills the job writing into `out` KILLS times, then runs it to the end.
   * A resumed job skips finished files and gets shorter, so when a run
   * completes before its kill, its output is checked against `reference`
   * and the next cycle starts from an empty folder.
   */
  async function killRepeatedly(
    args: (out: string) => string[],
    out: string,
    reference: string,
    seed: number,
    runMs: number,
  ) {
    const random = seededRandom(seed)
    const expected = await treeDigest(reference)
    let kills = 0
    let finished = 0
    for (let attempt = 0; kills < KILLS && attempt < KILLS * 6; attempt++) {
      const run = await runCli(args(out), {}, killDelayMs(random, runMs))
      if (run.killed) {
        kills++
        continue
      }
      expect(run.code, run.stderr).toBe(0)
      finished++
      const actual = await treeDigest(out)
      expect(differingFiles(actual, expected)).toEqual([])
      rmSync(out, { recursive: true, force: true })
    }
    const last = await runCli(args(out), {})
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
      const first = await timeRun(args(reference), {})
      expect(first.run.code, first.run.stderr).toBe(0)

      const out = join(workDir, 'export-killed')
      const { kills, finished } = await killRepeatedly(
        args,
        out,
        reference,
        77,
        first.elapsedMs,
      )

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
    KILL_TIMEOUT_MS,
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
      const first = await timeRun(args(reference), {})
      expect(first.run.code, first.run.stderr).toBe(0)

      const out = join(workDir, 'images-killed')
      const { kills, finished } = await killRepeatedly(
        args,
        out,
        reference,
        78,
        first.elapsedMs,
      )

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
    KILL_TIMEOUT_MS,
  )
})
