/**
 * Credentials for the command line, read from the environment so that
 * they never appear in shell history or process listings.
 */
import { AppError } from '../../shared/errors.ts'
import { resolveBaseUrl } from './client.ts'
import {
  normalizeCredentials,
  type CredentialField,
  type Credentials,
} from './credentials.ts'

export const CREDENTIAL_VARIABLES = {
  secureUrl: 'THREEDCART_SECURE_URL',
  privateKey: 'THREEDCART_PRIVATE_KEY',
  token: 'THREEDCART_TOKEN',
} as const

/** Meaning of each variable, for the message about missing ones. */
const VARIABLE_MEANINGS: Record<CredentialField, string> = {
  secureUrl: "your store's Secure URL",
  privateKey: "the application's private key",
  token: 'the token the store issued to the application',
}

/**
 * Reads and checks the credentials and the API address. Throws
 * `CREDENTIALS_MISSING`, `CREDENTIALS_INVALID` or `API_BASE_URL_INVALID`.
 */
export function credentialsFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  /** A sentence the command adds to the message about missing variables. */
  missingHint?: string,
): Credentials {
  const fields = Object.keys(CREDENTIAL_VARIABLES) as CredentialField[]
  const absent = fields.filter(
    (field) => !env[CREDENTIAL_VARIABLES[field]]?.trim(),
  )
  const missing = absent.map((field) => CREDENTIAL_VARIABLES[field])
  if (absent.length > 0) {
    const parts = absent.map(
      (field) =>
        `${CREDENTIAL_VARIABLES[field]} to ${VARIABLE_MEANINGS[field]}`,
    )
    throw new AppError(
      'CREDENTIALS_MISSING',
      `Set ${parts.join(', ')}.${missingHint ? ` ${missingHint}` : ''}`,
      { missing },
    )
  }
  resolveBaseUrl(undefined, env)
  const result = normalizeCredentials({
    secureUrl: env[CREDENTIAL_VARIABLES.secureUrl] ?? '',
    privateKey: env[CREDENTIAL_VARIABLES.privateKey] ?? '',
    token: env[CREDENTIAL_VARIABLES.token] ?? '',
  })
  if (!result.ok) {
    const lines = result.problems.map(
      (p) => `${CREDENTIAL_VARIABLES[p.field]}: ${p.message}`,
    )
    throw new AppError('CREDENTIALS_INVALID', lines.join('\n'), {
      problems: result.problems.map((p) => ({ field: p.field, code: p.code })),
    })
  }
  return result.value
}
