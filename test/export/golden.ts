/**
 * Golden files: expected export output kept in `test/export/golden/`. Run
 * with UPDATE_GOLDEN=1 to write them again after an intended change, then
 * review the diff.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const GOLDEN_DIR = resolve(dirname(fileURLToPath(import.meta.url)), 'golden')

/** Replaces the demo store's random port so the files compare across runs. */
export function normalise(text: string): string {
  return text.replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT')
}

/** Returns the golden text, writing it first when UPDATE_GOLDEN is set. */
export function golden(name: string, actual: string): string {
  const file = join(GOLDEN_DIR, name)
  if (process.env['UPDATE_GOLDEN'] === '1' || !existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, actual)
  }
  return readFileSync(file, 'utf8')
}
