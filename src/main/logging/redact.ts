/**
 * Redaction for log lines. Secrets must never reach a log file, so every
 * value passes through here before any transport sees it. Two layers: exact
 * values registered at run time (the private key and token in use), and
 * field names that always hold secrets whatever their value.
 */

export const REDACTED = '[redacted]'

const SECRET_KEY_PATTERN =
  /^(private[-_]?key|token|password|secret|authorization|bridge[-_]?secret|cvv2?|card[-_]?(number|verification))$/i

/** Header-like `Name: value` or `name=value` pairs inside free text. */
const INLINE_SECRET_PATTERN =
  /\b(private[-_]?key|token|authorization|password)(["']?\s*[:=]\s*["']?)(bearer\s+)?[^\s"',;&]+/gi

/**
 * Registered secrets with their patterns. A store may echo a key or token in
 * another letter case (they are hexadecimal), so the match ignores case.
 */
const knownSecrets = new Map<string, RegExp>()

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** Registers a secret value, so that it is masked wherever it appears. */
export function registerSecret(value: string | undefined | null): void {
  const trimmed = value?.trim()
  // Very short values would mask ordinary words, and no real key is that short.
  if (!trimmed || trimmed.length < 8 || knownSecrets.has(trimmed)) return
  knownSecrets.set(trimmed, new RegExp(escapeRegExp(trimmed), 'gi'))
}

export function clearRegisteredSecrets(): void {
  knownSecrets.clear()
}

export function redactText(text: string): string {
  let result = text
  for (const pattern of knownSecrets.values()) {
    result = result.replace(pattern, REDACTED)
  }
  return result.replace(
    INLINE_SECRET_PATTERN,
    (_match, name: string, separator: string) =>
      `${name}${separator}${REDACTED}`,
  )
}

/** Returns a copy of `value` with secrets masked; never mutates its input. */
export function redactValue(value: unknown, depth = 0): unknown {
  if (depth > 8) return '[nested too deep]'
  if (typeof value === 'string') return redactText(value)
  if (value instanceof Error) {
    const copy: Record<string, unknown> = {
      name: value.name,
      message: redactText(value.message),
    }
    if (value.stack) copy['stack'] = redactText(value.stack)
    const code = (value as { code?: unknown }).code
    if (code !== undefined) copy['code'] = code
    return copy
  }
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1))
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [key, inner] of Object.entries(value)) {
      out[key] = SECRET_KEY_PATTERN.test(key)
        ? REDACTED
        : redactValue(inner, depth + 1)
    }
    return out
  }
  return value
}
