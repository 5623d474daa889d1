import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { log } from '../log.ts'

/**
 * Reads a JSON settings file. A missing or unreadable file yields
 * `undefined`. A damaged one is logged and also yields `undefined`, so the
 * app starts afresh instead of failing.
 */
export function readJsonFile(file: string): unknown {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    return undefined
  }
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    log.warn('settings: ignoring a damaged file', { file, error })
    return undefined
  }
}

/** Writes through a temporary file, so a crash never leaves half a file. */
export function writeJsonFile(file: string, value: unknown): void {
  mkdirSync(dirname(file), { recursive: true })
  const temporary = `${file}.tmp`
  writeFileSync(temporary, `${JSON.stringify(value, null, 2)}\n`, 'utf8')
  renameSync(temporary, file)
}
