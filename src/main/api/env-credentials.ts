/**
 * Credentials for the command line, read from the environment so that
 * they never appear in shell history or process listings.
 */
import { AppError } from '../../shared/errors.ts'
import { normalizeCredentials, type Credentials } from './credentials.ts'

export const CREDENTIAL_VARIABLES = {
  secureUrl: 'THREEDCART_SECURE_URL',
  privateKey: 'THREEDCART_PRIVATE_KEY',
  token: 'THREEDCART_TOKEN',
} as const

/** Reads and checks the credentials; throws `CREDENTIALS_INVALID`. */
export function credentialsFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): Credentials {
  const missing = Object.values(CREDENTIAL_VARIABLES).filter(
    (name) => !env[name]?.trim(),
  )
  if (missing.length > 0) {
    throw new AppError(
      'CREDENTIALS_MISSING',
      `Set ${missing.join(', ')} to your store's Secure URL, the application's private key and the token (or use --demo).`,
      { missing },
    )
  }
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
