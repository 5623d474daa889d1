/**
 * Saved stores: `stores.json` in the user data folder lists each store's id,
 * label and secure URL, and `credentials/<id>.bin` contains its private key and
 * token encrypted with the system keychain. Where the keychain is
 * unavailable (browser mode, some Linux desktops) credentials live in memory
 * for this run only and the store is listed with `credentials: 'missing'`
 * after a restart. Keys and tokens never leave this module except towards
 * the API client.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { AppError } from '../../shared/errors.ts'
import type { StoreSummary } from '../../shared/ipc/channels/wizard.ts'
import type { Credentials } from '../api/credentials.ts'
import { log } from '../log.ts'
import { registerSecret } from '../logging/redact.ts'
import type { SecretCipher } from '../platform/context.ts'
import { assertStoreId } from '../platform/paths.ts'
import { readJsonFile, writeJsonFile } from './json-file.ts'

const storeRecordSchema = z.object({
  id: z.string(),
  label: z.string(),
  secureUrl: z.string(),
  demo: z.boolean(),
  createdAt: z.string(),
  lastPulledAt: z.string().nullable(),
  encrypted: z.boolean(),
})
type StoreRecord = z.output<typeof storeRecordSchema>

const storesFileSchema = z.object({
  version: z.literal(1),
  stores: z.array(storeRecordSchema),
})

const credentialsSchema = z.object({
  secureUrl: z.string(),
  privateKey: z.string(),
  token: z.string(),
})

export const StoreErrorCode = {
  notFound: 'STORE_NOT_FOUND',
  credentialsMissing: 'STORE_CREDENTIALS_MISSING',
  credentialsUnreadable: 'STORE_CREDENTIALS_UNREADABLE',
} as const

/** Makes a readable id such as `mystore-3dcartstores-com-7f3a`. */
function newStoreId(host: string): string {
  const slug = host
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50)
  const suffix = randomBytes(2).toString('hex')
  return `${slug || 'store'}-${suffix}`
}

function hostOf(secureUrl: string): string {
  try {
    return new URL(secureUrl).host
  } catch {
    return secureUrl
  }
}

export class StoreRegistry {
  private readonly file: string
  private readonly credentialsDir: string
  private readonly cipher: SecretCipher
  private readonly session = new Map<string, Credentials>()
  private records: StoreRecord[]

  constructor(userDataDir: string, cipher: SecretCipher) {
    this.file = join(userDataDir, 'stores.json')
    this.credentialsDir = join(userDataDir, 'credentials')
    this.cipher = cipher
    this.records = this.load()
  }

  get encryptionAvailable(): boolean {
    return this.cipher.isEncryptionAvailable()
  }

  list(): StoreSummary[] {
    return this.records.map((record) => this.summarize(record))
  }

  get(storeId: string): StoreSummary {
    return this.summarize(this.record(storeId))
  }

  secureUrlOf(storeId: string): string {
    return this.record(storeId).secureUrl
  }

  /**
   * Saves credentials that `normalizeCredentials` accepted. A store with the
   * same secure URL host is updated instead of listed twice.
   */
  async save(
    credentials: Credentials,
    options: { storeId?: string; label?: string; demo?: boolean } = {},
  ): Promise<StoreSummary> {
    const host = hostOf(credentials.secureUrl)
    const existing = options.storeId
      ? this.records.find((r) => r.id === options.storeId)
      : this.records.find((r) => !r.demo && hostOf(r.secureUrl) === host)
    const id = existing?.id ?? options.storeId ?? newStoreId(host)
    assertStoreId(id)
    const encrypted = this.encryptionAvailable && options.demo !== true
    if (encrypted) {
      mkdirSync(this.credentialsDir, { recursive: true })
      const sealed = this.cipher.encryptString(JSON.stringify(credentials))
      await writeFile(this.credentialFile(id), sealed, { mode: 0o600 })
    } else {
      rmSync(this.credentialFile(id), { force: true })
    }
    this.session.set(id, credentials)
    registerSecret(credentials.privateKey)
    registerSecret(credentials.token)
    const record: StoreRecord = {
      id,
      label: options.label?.trim() || existing?.label || host,
      secureUrl: credentials.secureUrl,
      demo: options.demo ?? existing?.demo ?? false,
      createdAt: existing?.createdAt ?? new Date().toISOString(),
      lastPulledAt: existing?.lastPulledAt ?? null,
      encrypted,
    }
    this.records = existing
      ? this.records.map((r) => (r.id === id ? record : r))
      : [...this.records, record]
    this.persist()
    log.info('stores: saved store', { storeId: id, host, encrypted })
    return this.summarize(record)
  }

  /** Returns the credentials for the API client; throws when unavailable. */
  credentials(storeId: string): Credentials {
    const record = this.record(storeId)
    const cached = this.session.get(storeId)
    if (cached) return cached
    if (!record.encrypted || !existsSync(this.credentialFile(storeId))) {
      throw new AppError(
        StoreErrorCode.credentialsMissing,
        `The key and token of ${record.label} were kept only until the app closed. Enter them again on the Connect step.`,
        { storeId },
      )
    }
    const loaded = this.decrypt(record)
    registerSecret(loaded.privateKey)
    registerSecret(loaded.token)
    this.session.set(storeId, loaded)
    return loaded
  }

  markPulled(storeId: string, at = new Date()): void {
    const record = this.record(storeId)
    record.lastPulledAt = at.toISOString()
    this.persist()
  }

  remove(storeId: string): void {
    this.record(storeId)
    this.records = this.records.filter((r) => r.id !== storeId)
    this.session.delete(storeId)
    rmSync(this.credentialFile(storeId), { force: true })
    this.persist()
    log.info('stores: removed store', { storeId })
  }

  private decrypt(record: StoreRecord): Credentials {
    try {
      const sealed = readFileSync(this.credentialFile(record.id))
      const parsed = credentialsSchema.parse(
        JSON.parse(this.cipher.decryptString(sealed)),
      )
      return parsed
    } catch (error) {
      log.warn('stores: could not decrypt credentials', {
        storeId: record.id,
        error,
      })
      throw new AppError(
        StoreErrorCode.credentialsUnreadable,
        `The saved key and token of ${record.label} could not be read on this computer. Enter them again on the Connect step.`,
        { storeId: record.id },
      )
    }
  }

  private record(storeId: string): StoreRecord {
    const found = this.records.find((r) => r.id === storeId)
    if (!found) {
      throw new AppError(
        StoreErrorCode.notFound,
        `No saved store has the id "${storeId}". Choose a store from the list or connect a new one.`,
        { storeId },
      )
    }
    return found
  }

  private credentialFile(storeId: string): string {
    assertStoreId(storeId)
    return join(this.credentialsDir, `${storeId}.bin`)
  }

  private summarize(record: StoreRecord): StoreSummary {
    let credentials: StoreSummary['credentials'] = 'missing'
    if (record.encrypted && existsSync(this.credentialFile(record.id))) {
      credentials = 'encrypted'
    } else if (this.session.has(record.id) || record.demo) {
      // The demo store's credentials are made again whenever it starts.
      credentials = 'session'
    }
    return {
      id: record.id,
      label: record.label,
      host: hostOf(record.secureUrl),
      demo: record.demo,
      createdAt: record.createdAt,
      lastPulledAt: record.lastPulledAt,
      credentials,
    }
  }

  private load(): StoreRecord[] {
    const parsed = storesFileSchema.safeParse(readJsonFile(this.file))
    return parsed.success ? parsed.data.stores : []
  }

  private persist(): void {
    writeJsonFile(this.file, { version: 1, stores: this.records })
  }
}
