/**
 * Runs the real pull engine in this process against a demo store, with
 * pacing off and short retry delays so fault runs stay quick.
 */
import { Archive } from '../../../src/main/archive/index.ts'
import type { DemoStore } from '../../../src/main/demo-store/index.ts'
import {
  PullJob,
  type PullOptions,
  type PullResult,
} from '../../../src/main/sync/pull.ts'

/** Retry settings that survive every fault profile within a test's time. */
export const FAST_RETRY = {
  maxAttempts: 12,
  maxThrottles: 200,
  baseDelayMs: 5,
  maxDelayMs: 40,
  throttleDelayMs: 5,
}

export function pullOptions(
  store: DemoStore,
  archive: Archive,
  extra: Partial<PullOptions> = {},
): PullOptions {
  return {
    archive,
    credentials: {
      secureUrl: store.secureUrl,
      privateKey: store.privateKey,
      token: store.token,
    },
    baseUrl: store.baseUrl,
    pacing: 'off',
    retry: FAST_RETRY,
    timeoutMs: 2_000,
    ...extra,
  }
}

/** Pulls into `file` (created when missing) and closes the archive. */
export async function pullInto(
  store: DemoStore,
  file: string,
  extra: Partial<PullOptions> = {},
): Promise<PullResult> {
  const archive = Archive.open(file)
  try {
    return await new PullJob(pullOptions(store, archive, extra)).start()
  } finally {
    archive.close()
  }
}
