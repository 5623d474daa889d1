import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import type { DemoStore } from '../../src/main/demo-store/index.ts'

const repoRoot = resolve(import.meta.dirname, '../..')

/** The recorded 3dcart payloads, kept outside the repository. */
export const SAMPLES_DIR = resolve(
  repoRoot,
  '../shared/reference/3dcart-samples',
)
export const HAS_SAMPLES = existsSync(SAMPLES_DIR)

export function authHeaders(store: DemoStore): Record<string, string> {
  return {
    SecureUrl: store.secureUrl,
    PrivateKey: store.privateKey,
    Token: store.token,
  }
}

export interface Fetched {
  status: number
  text: string
  headers: Headers
}

/** GET `path` under the store's API base with its credentials. */
export async function apiGet(
  store: DemoStore,
  path: string,
  headers: Record<string, string> = authHeaders(store),
): Promise<Fetched> {
  const response = await fetch(`${store.baseUrl}/${path}`, { headers })
  return {
    status: response.status,
    text: await response.text(),
    headers: response.headers,
  }
}

export async function apiJson(
  store: DemoStore,
  path: string,
): Promise<unknown> {
  const result = await apiGet(store, path)
  if (result.status !== 200) {
    throw new Error(`GET ${path} returned ${result.status}: ${result.text}`)
  }
  return JSON.parse(result.text)
}

export type Row = Record<string, unknown>

export function allRecords(
  store: DemoStore,
  entity: Parameters<DemoStore['records']>[0],
): Row[] {
  return [...store.records(entity)].map((r) => JSON.parse(r.raw) as Row)
}
