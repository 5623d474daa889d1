/**
 * Normalises and checks what a merchant pasted before any request is made:
 * stray spaces, quotes and line breaks are removed, a missing scheme becomes
 * `https://`, and each field is checked for the shape the API expects.
 */

export interface Credentials {
  secureUrl: string
  privateKey: string
  token: string
}

export type CredentialField = 'secureUrl' | 'privateKey' | 'token'

export interface CredentialProblem {
  field: CredentialField
  code: string
  message: string
}

/** Advice that does not block a connection attempt. */
export interface CredentialWarning {
  field: CredentialField
  code: string
  message: string
}

export type NormalizeResult =
  | { ok: true; value: Credentials; warnings: CredentialWarning[] }
  | { ok: false; problems: CredentialProblem[] }

export const PRIVATE_KEY_LENGTH = 32
/** The shortest token we accept; real tokens are 32 characters. */
const MIN_TOKEN_LENGTH = 16

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1'])
const API_HOSTS = new Set(['apirest.3dcart.com', 'apirest-dev.3dcart.com'])
const SECURE_URL_SUFFIXES = ['.3dcartstores.com', '.shift4shop.com']

/** Quotes that word processors and chat apps wrap around pasted text. */
const QUOTES =
  /^["'`\u2018\u2019\u201c\u201d\u00ab\u00bb]+|["'`\u2018\u2019\u201c\u201d\u00ab\u00bb]+$/g

function trimPasted(value: string): string {
  let text = value.replace(/\u200b|\u200c|\u200d|\ufeff/g, '').trim()
  let previous = ''
  while (previous !== text) {
    previous = text
    text = text.replace(QUOTES, '').trim()
  }
  return text
}

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase())
}

function normalizeSecureUrl(
  input: string,
  problems: CredentialProblem[],
  warnings: CredentialWarning[],
): string {
  const text = trimPasted(input).replace(/\s+/g, '')
  const problem = (code: string, message: string): string => {
    problems.push({ field: 'secureUrl', code, message })
    return ''
  }
  if (!text) {
    return problem(
      'MISSING',
      'Enter your store’s Secure URL. You find it in your store admin under Settings > General > Store Settings.',
    )
  }
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text)
    ? text
    : `https://${text}`
  let url: URL
  try {
    url = new URL(withScheme)
  } catch {
    return problem(
      'INVALID_URL',
      `"${text}" is not a web address. Enter the Secure URL, for example https://yourstore.3dcartstores.com.`,
    )
  }
  const host = url.hostname.toLowerCase()
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return problem(
      'INVALID_URL',
      `The Secure URL must start with https://, not ${url.protocol}//.`,
    )
  }
  if (url.protocol === 'http:' && !isLoopbackHost(host)) {
    return problem(
      'INSECURE_URL',
      'The Secure URL must start with https://. Copy it again from Settings > General > Store Settings.',
    )
  }
  if (!host.includes('.') && !isLoopbackHost(host)) {
    return problem(
      'INVALID_URL',
      `"${host}" is not a complete domain. Enter the Secure URL, for example https://yourstore.3dcartstores.com.`,
    )
  }
  if (API_HOSTS.has(host)) {
    return problem(
      'API_HOST_NOT_STORE',
      `${host} is the address of the 3dcart API, not of your store. Enter your store’s Secure URL instead.`,
    )
  }
  const knownSecureHost =
    isLoopbackHost(host) ||
    SECURE_URL_SUFFIXES.some((suffix) => host.endsWith(suffix))
  if (!knownSecureHost) {
    warnings.push({
      field: 'secureUrl',
      code: 'MAYBE_STOREFRONT_DOMAIN',
      message: `${host} may be your storefront domain. If the connection fails, use the Secure URL shown under Settings > General > Store Settings, which often ends in .3dcartstores.com.`,
    })
  }
  // The API identifies the store by its origin only; a pasted admin path
  // or query string is dropped.
  return url.origin
}

function normalizeSecret(
  field: 'privateKey' | 'token',
  input: string,
  problems: CredentialProblem[],
): string {
  // Keys are single words, so any whitespace inside came from line wrapping.
  const text = trimPasted(input).replace(/\s+/g, '')
  const label = field === 'privateKey' ? 'private key' : 'token'
  const problem = (code: string, message: string): string => {
    problems.push({ field, code, message })
    return ''
  }
  if (!text) {
    return problem(
      'MISSING',
      field === 'privateKey'
        ? 'Enter the private key of your API application (32 characters, from the developer portal).'
        : 'Enter the token shown when you authorised the application in your store admin under Modules > REST API.',
    )
  }
  if (!/^[A-Za-z0-9-]+$/.test(text)) {
    return problem(
      'INVALID_CHARACTERS',
      `The ${label} may contain only letters and digits. Copy it again without any other characters.`,
    )
  }
  if (field === 'privateKey' && text.length !== PRIVATE_KEY_LENGTH) {
    return problem(
      'INVALID_LENGTH',
      `The private key must be ${PRIVATE_KEY_LENGTH} characters long, but ${text.length} were entered. Copy it again in full.`,
    )
  }
  if (field === 'token' && text.length < MIN_TOKEN_LENGTH) {
    return problem(
      'TOO_SHORT',
      `The token is only ${text.length} characters long. Copy the whole token again.`,
    )
  }
  return text
}

/** Normalises pasted credentials and lists every problem found. */
export function normalizeCredentials(input: {
  secureUrl: string
  privateKey: string
  token: string
}): NormalizeResult {
  const problems: CredentialProblem[] = []
  const warnings: CredentialWarning[] = []
  const secureUrl = normalizeSecureUrl(input.secureUrl, problems, warnings)
  const privateKey = normalizeSecret('privateKey', input.privateKey, problems)
  const token = normalizeSecret('token', input.token, problems)
  if (privateKey && token && privateKey === token) {
    problems.push({
      field: 'token',
      code: 'SAME_AS_PRIVATE_KEY',
      message:
        'The token is the same as the private key. Paste the token from the developer portal, not the key a second time.',
    })
  }
  if (problems.length > 0) return { ok: false, problems }
  return { ok: true, value: { secureUrl, privateKey, token }, warnings }
}
