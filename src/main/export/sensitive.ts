/**
 * Removes secrets from raw record JSON before it leaves the archive. The
 * fields are those of `SENSITIVE_FIELDS`, matched at any depth and without
 * regard to case, because the API is not consistent about key case.
 */
import { SENSITIVE_FIELDS } from '../../shared/entities.ts'
import { parseKeepingNumbers } from '../archive/json-source.ts'

const SENSITIVE_KEYS = new Set(SENSITIVE_FIELDS.map((f) => f.toLowerCase()))
const SENSITIVE_KEY_TEXT = new RegExp(
  `"(?:${SENSITIVE_FIELDS.join('|')})"\\s*:`,
  'i',
)

/** Checks cheaply whether the JSON text may contain a sensitive key. */
export function mayContainSensitive(raw: string): boolean {
  return SENSITIVE_KEY_TEXT.test(raw)
}

/** Deletes sensitive keys in place; returns how many were deleted. */
function stripValue(value: unknown): number {
  if (Array.isArray(value)) {
    let removed = 0
    for (const item of value) removed += stripValue(item)
    return removed
  }
  if (value === null || typeof value !== 'object') return 0
  let removed = 0
  const record = value as Record<string, unknown>
  for (const key of Object.keys(record)) {
    if (SENSITIVE_KEYS.has(key.toLowerCase())) {
      delete record[key]
      removed++
    } else {
      removed += stripValue(record[key])
    }
  }
  return removed
}

/**
 * Returns the JSON text without sensitive keys. Numbers keep their source
 * digits; text without a sensitive key is returned unchanged.
 */
export function stripSensitiveJson(raw: string): {
  text: string
  removed: number
} {
  if (!mayContainSensitive(raw)) return { text: raw, removed: 0 }
  const tree = parseKeepingNumbers(raw)
  const removed = stripValue(tree)
  if (removed === 0) return { text: raw, removed: 0 }
  return { text: JSON.stringify(tree), removed }
}

/** Parses record JSON and deletes sensitive keys, for the import mappings. */
export function parseWithoutSensitive(raw: string): Record<string, unknown> {
  const tree = JSON.parse(raw) as Record<string, unknown>
  stripValue(tree)
  return tree
}
