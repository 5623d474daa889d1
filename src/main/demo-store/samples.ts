/**
 * Loads records from a folder of JSON files (for example real recorded API
 * responses) so the server returns them exactly as written. A file
 * `<resource>.json`, `<resource>.sample.json` or
 * `<resource>.docs-placeholder.json` (resource in lower case, without
 * slashes, e.g. `orderstatus`, `crmdepartment`) or `<entity key>.json` feeds
 * that entity. Recorded samples win over documentation placeholders.
 */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  ENTITIES,
  readRecordId,
  type EntityDefinition,
  type EntityKey,
} from '../../shared/entities.ts'
import type { JsonRecord } from './types.ts'

export interface LoadedSamples {
  lists: Map<
    EntityKey,
    Array<{ id: number | string; raw: string; record: JsonRecord }>
  >
  /** The StoreSettings object's exact text, when the folder has one. */
  storeSettings: string | null
}

function baseNames(definition: EntityDefinition): string[] {
  return [definition.resource.toLowerCase().replace(/\//g, ''), definition.key]
}

/** Finds the file for an entity: recorded samples first, then placeholders. */
function fileFor(
  definition: EntityDefinition,
  files: Set<string>,
): string | null {
  for (const suffix of ['.sample.json', '.json', '.docs-placeholder.json']) {
    for (const base of baseNames(definition)) {
      if (files.has(base + suffix)) return base + suffix
    }
  }
  return null
}

/**
 * Splits a JSON array's text into the exact text of each element, so each
 * record is served byte for byte as the file has it.
 */
export function splitTopLevel(text: string): string[] {
  const elements: string[] = []
  let depth = 0
  let inString = false
  let escaped = false
  let start = -1
  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    if (inString) {
      if (escaped) escaped = false
      else if (char === '\\') escaped = true
      else if (char === '"') inString = false
      continue
    }
    if (char === '"') {
      inString = true
      if (depth === 1 && start < 0) start = i
    } else if (char === '[' || char === '{') {
      if (depth === 1 && start < 0) start = i
      depth++
    } else if (char === ']' || char === '}') {
      depth--
      if (depth === 0) {
        if (start >= 0) elements.push(text.slice(start, i).trim())
        start = -1
      }
    } else if (char === ',' && depth === 1) {
      if (start >= 0) elements.push(text.slice(start, i).trim())
      start = -1
    } else if (
      depth === 1 &&
      start < 0 &&
      char !== undefined &&
      !/\s/.test(char)
    ) {
      start = i
    }
  }
  return elements
}

export async function loadSamples(dir: string): Promise<LoadedSamples> {
  const files = new Set(await readdir(dir))
  const lists: LoadedSamples['lists'] = new Map()
  let storeSettings: string | null = null
  for (const definition of ENTITIES) {
    const name = fileFor(definition, files)
    if (!name) continue
    const text = (await readFile(join(dir, name), 'utf8')).trim()
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch (error) {
      throw new Error(
        `Sample file ${name} is not valid JSON: ${(error as Error).message}`,
        { cause: error },
      )
    }
    if (definition.shape === 'object') {
      storeSettings = text
      continue
    }
    if (!Array.isArray(parsed)) {
      throw new Error(`Sample file ${name} must hold a JSON array of records`)
    }
    const raws = splitTopLevel(text)
    const rows = parsed.map((record: JsonRecord, position) => ({
      id: readRecordId(definition, record) ?? position,
      raw: raws[position] ?? JSON.stringify(record),
      record,
    }))
    // The API lists in ascending primary-key order; sort is stable for ties.
    rows.sort((a, b) => compareIds(a.id, b.id))
    lists.set(definition.key, rows)
  }
  return { lists, storeSettings }
}

function compareIds(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b
  return String(a).localeCompare(String(b))
}
