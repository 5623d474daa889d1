/**
 * Figure 6: the renderer bundle that ships to users, gzipped. Builds the
 * app with electron-vite into the work folder (not `out/`, which the app
 * and other tools use) and gzips each renderer file at level 9.
 */
import { execFile } from 'node:child_process'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { promisify } from 'node:util'
import { gzipSync } from 'node:zlib'
import { REPO_ROOT } from './config.ts'
import { runWhenMain } from './direct.ts'
import { timedSection, timeSeconds } from './section.ts'
import type { BenchConfig, Measure, SectionResult } from './types.ts'
import { freshDir } from './workdir.ts'

const run = promisify(execFile)

export interface BundleFile {
  file: string
  bytes: number
  gzipBytes: number
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile())
}

/** Sizes of every file under `dir`, largest gzipped size first. */
export function measureFiles(dir: string): BundleFile[] {
  return listFiles(dir)
    .map((path) => {
      const content = readFileSync(path)
      return {
        file: relative(dir, path),
        bytes: content.length,
        gzipBytes: gzipSync(content, { level: 9 }).length,
      }
    })
    .sort((a, b) => b.gzipBytes - a.gzipBytes)
}

const KIB = 1024

export async function measureBundle(
  config: BenchConfig,
): Promise<SectionResult> {
  return timedSection(async () => {
    const outDir = freshDir(config.workDir, 'build')
    const buildSeconds = await timeSeconds(() =>
      run(
        join(REPO_ROOT, 'node_modules', '.bin', 'electron-vite'),
        ['build', '--outDir', outDir, '--logLevel', 'warn'],
        { cwd: REPO_ROOT, maxBuffer: 16 * 1024 * 1024 },
      ),
    )
    const files = measureFiles(join(outDir, 'renderer'))
    const total = files.reduce((sum, f) => sum + f.bytes, 0)
    const gzipTotal = files.reduce((sum, f) => sum + f.gzipBytes, 0)
    const measures: Measure[] = [
      { label: 'Renderer files', unit: '', value: files.length },
      { label: 'Renderer size', unit: 'KiB', value: total / KIB },
      { label: 'Renderer size, gzipped', unit: 'KiB', value: gzipTotal / KIB },
      {
        label: 'Build time (electron-vite build)',
        unit: 's',
        value: buildSeconds,
      },
    ]
    const largest = files
      .slice(0, 5)
      .map(
        (f) =>
          `\`${f.file}\` ${(f.bytes / KIB).toFixed(1)} KiB ` +
          `(${(f.gzipBytes / KIB).toFixed(1)} KiB gzipped)`,
      )
    return {
      key: 'bundle',
      title: '6. Renderer bundle',
      method:
        '`electron-vite build --outDir bench-results/build` builds the app ' +
        'once; every file under its `renderer` folder is gzipped at level 9 ' +
        "with Node's zlib and the sizes are summed. Sizes do not vary " +
        'between runs, so the build runs once.',
      measures,
      targets: [],
      notes:
        largest.length > 0 ? [`Largest files: ${largest.join('; ')}.`] : [],
    }
  })
}

runWhenMain(import.meta.url, measureBundle)
