/**
 * Header authentication: `SecureUrl` + `PrivateKey` + `Token` (names in any
 * case), or an OAuth access token as `Authorization: Bearer`. A module
 * without read scope is rejected exactly like wrong credentials.
 */
import type { IncomingHttpHeaders } from 'node:http'
import type { ApiModule } from '../../shared/entities.ts'

export interface StoreCredentials {
  secureUrl: string
  privateKey: string
  token: string
}

/** Drops scheme, `www.`, trailing slashes and case before comparing. */
export function normalizeSecureUrl(url: string): string {
  return url
    .trim()
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/^www\./, '')
    .replace(/\/+$/, '')
}

function header(
  headers: IncomingHttpHeaders,
  name: string,
): string | undefined {
  // Node lower-cases incoming header names, so any spelling arrives here.
  const value = headers[name]
  return Array.isArray(value) ? value[0] : value
}

export function isAuthorized(
  headers: IncomingHttpHeaders,
  credentials: StoreCredentials,
): boolean {
  const authorization = header(headers, 'authorization')
  const bearer = /^Bearer\s+(.+)$/i.exec(authorization ?? '')?.[1]?.trim()
  if (bearer !== undefined) {
    // An access token is bound to store and app; a SecureUrl sent beside it
    // must still name this store.
    const secureUrl = header(headers, 'secureurl')
    return (
      bearer === credentials.token &&
      (secureUrl === undefined ||
        normalizeSecureUrl(secureUrl) ===
          normalizeSecureUrl(credentials.secureUrl))
    )
  }
  const secureUrl = header(headers, 'secureurl')
  const privateKey = header(headers, 'privatekey')
  const token = header(headers, 'token')
  return (
    secureUrl !== undefined &&
    normalizeSecureUrl(secureUrl) ===
      normalizeSecureUrl(credentials.secureUrl) &&
    privateKey?.trim() === credentials.privateKey &&
    token?.trim() === credentials.token
  )
}

export function hasScope(
  scopes: Partial<Record<ApiModule, boolean>>,
  module: ApiModule,
): boolean {
  return scopes[module] !== false
}
