/**
 * The store an archive belongs to. The first pull records the store's
 * normalized Secure URL in `archive_info`. A later pull of another store
 * is rejected, so two stores never mix in one file.
 */
import { AppError } from '../../shared/errors.ts'
import type { Archive } from '../archive/index.ts'
import { isLoopbackHost } from '../api/credentials.ts'

const IDENTITY_KEY = 'store_identity'
const URL_KEY = 'store_secure_url'

/**
 * Host and path of a Secure URL, lower case, without scheme, `www.` or a
 * trailing slash. Loopback hosts (the demo store) lose their port, which
 * changes on every run.
 */
export function storeIdentity(secureUrl: string): string {
  const text = secureUrl.trim()
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text)
    ? text
    : `https://${text}`
  let url: URL
  try {
    url = new URL(withScheme)
  } catch {
    return text.toLowerCase().replace(/\/+$/, '')
  }
  const hostname = url.hostname.toLowerCase().replace(/^www\./, '')
  const host =
    isLoopbackHost(hostname) || url.port === '' || url.port === '443'
      ? hostname
      : `${hostname}:${url.port}`
  const path = url.pathname.replace(/\/+$/, '').toLowerCase()
  return `${host}${path}`
}

function readInfo(archive: Archive, key: string): string | undefined {
  return archive.db
    .prepare('SELECT value FROM archive_info WHERE key = ?')
    .pluck()
    .get(key) as string | undefined
}

/**
 * Records the store on the first pull. Throws `ARCHIVE_OTHER_STORE` when
 * the archive contains another store.
 */
export function claimArchiveForStore(
  archive: Archive,
  secureUrl: string,
): void {
  const identity = storeIdentity(secureUrl)
  const recorded = readInfo(archive, IDENTITY_KEY)
  if (recorded === undefined) {
    const save = archive.db.prepare(
      'INSERT OR REPLACE INTO archive_info (key, value) VALUES (?, ?)',
    )
    archive.db.transaction(() => {
      save.run(IDENTITY_KEY, identity)
      save.run(URL_KEY, secureUrl.trim())
    })()
    return
  }
  if (recorded === identity) return
  const archived = readInfo(archive, URL_KEY) ?? recorded
  throw new AppError(
    'ARCHIVE_OTHER_STORE',
    `This archive file holds the store ${archived}, not ${secureUrl.trim()}. Pulling another store into it would mix the two stores. Choose another archive file for ${secureUrl.trim()}.`,
    { archivedStore: archived, requestedStore: secureUrl.trim() },
  )
}
