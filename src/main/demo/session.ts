/**
 * The app's built-in demo store: a small generated store served on
 * 127.0.0.1 inside the app's own process, so a merchant can walk through
 * every step without an API app of their own. It starts on first use and
 * again after a restart. The fixed seed gives the same records and
 * credentials every time, so an interrupted demo pull resumes.
 */
import type { Credentials } from '../api/credentials.ts'
import { startDemoStore, type DemoStore } from '../demo-store/index.ts'
import { log } from '../log.ts'

const DEMO_SEED = 3_142
/**
 * Faster than a real store's 2 requests per second, so a demo pull of the
 * small store takes seconds. The wizard states that real stores are slower.
 */
export const DEMO_RATE_LIMIT = { burst: 50, perSecond: 20 }

export interface DemoConnection {
  baseUrl: string
  credentials: Credentials
}

export class DemoSession {
  private starting: Promise<DemoStore> | null = null
  private readonly latencyMs: number

  constructor(options: { latencyMs?: number } = {}) {
    this.latencyMs = options.latencyMs ?? 0
  }

  /** Starts the demo store once per run and returns where it listens. */
  async connection(): Promise<DemoConnection> {
    this.starting ??= startDemoStore({
      size: 'small',
      seed: DEMO_SEED,
      rateLimit: DEMO_RATE_LIMIT,
      latencyMs: this.latencyMs,
    }).then((store) => {
      log.info('demo: store started', { baseUrl: store.baseUrl })
      return store
    })
    let store: DemoStore
    try {
      store = await this.starting
    } catch (error) {
      this.starting = null
      throw error
    }
    return {
      baseUrl: store.baseUrl,
      credentials: {
        secureUrl: store.secureUrl,
        privateKey: store.privateKey,
        token: store.token,
      },
    }
  }

  async close(): Promise<void> {
    const starting = this.starting
    this.starting = null
    if (!starting) return
    const store = await starting.catch(() => null)
    await store?.close()
  }
}
