/**
 * Searches files for secrets in every form a leak would likely take: plain
 * text, base64 (at each of the three byte alignments inside a longer
 * blob), URL encoding, hexadecimal and UTF-16.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

export interface SecretHit {
  file: string
  secret: string
  form: string
}

/** Base64 text that any encoding of `secret` must contain. */
function base64Cores(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8')
  const cores: string[] = []
  for (let shift = 0; shift < 3; shift++) {
    const padded = Buffer.concat([Buffer.alloc(shift), bytes])
    const text = padded.toString('base64')
    // Characters touched by the zero prefix or the end are left out.
    const start = Math.ceil((shift * 4) / 3)
    const end = Math.floor(((shift + bytes.length) * 4) / 3) - 1
    cores.push(text.slice(start + 1, end))
  }
  return cores
}

export function secretForms(secret: string): Array<[string, Buffer]> {
  const forms: Array<[string, Buffer]> = [
    ['plain', Buffer.from(secret)],
    ['url-encoded', Buffer.from(encodeURIComponent(secret))],
    ['hex', Buffer.from(Buffer.from(secret).toString('hex'))],
    ['utf-16', Buffer.from(secret, 'utf16le')],
  ]
  base64Cores(secret).forEach((core, shift) =>
    forms.push([`base64+${shift}`, Buffer.from(core)]),
  )
  return forms
}

export function listFiles(dir: string): string[] {
  const files: string[] = []
  for (const entry of readdirSync(dir, {
    recursive: true,
    withFileTypes: true,
  })) {
    const path = join(entry.parentPath, entry.name)
    if (entry.isFile()) files.push(path)
  }
  return files
}

export function scanFiles(
  files: readonly string[],
  secrets: readonly string[],
): { hits: SecretHit[]; bytes: number } {
  const hits: SecretHit[] = []
  let bytes = 0
  const patterns = secrets.flatMap((secret) =>
    secretForms(secret).map(([form, pattern]) => ({ secret, form, pattern })),
  )
  for (const file of files) {
    bytes += statSync(file).size
    const content = readFileSync(file)
    const lower = Buffer.from(
      content.toString('latin1').toLowerCase(),
      'latin1',
    )
    for (const { secret, form, pattern } of patterns) {
      // Hexadecimal may be written in either case.
      const haystack = form === 'hex' ? lower : content
      if (haystack.includes(pattern)) hits.push({ file, secret, form })
    }
  }
  return { hits, bytes }
}
