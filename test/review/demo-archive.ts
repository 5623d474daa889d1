/**
 * Archives pulled from the demo store with the real pull engine: a full
 * pull, then store changes and an incremental pull, so "what changed" has
 * content. Used by the review tests and the review end-to-end spec.
 */
import { Archive } from '../../src/main/archive/index.ts'
import {
  startDemoStore,
  type DemoSize,
} from '../../src/main/demo-store/index.ts'
import { PullJob } from '../../src/main/sync/pull.ts'

async function pull(
  file: string,
  store: Awaited<ReturnType<typeof startDemoStore>>,
  mode: 'full' | 'incremental',
): Promise<void> {
  const archive = Archive.open(file)
  try {
    const result = await new PullJob({
      archive,
      credentials: {
        secureUrl: store.secureUrl,
        privateKey: store.privateKey,
        token: store.token,
      },
      baseUrl: store.baseUrl,
      mode,
      pacing: 'off',
      timeoutMs: 10_000,
    }).start()
    if (result.state !== 'completed') {
      throw new Error(
        `demo ${mode} pull ended ${result.state}: ${result.error?.message}`,
      )
    }
  } finally {
    archive.close()
  }
}

/** Pulls the demo store into `file`, changes a few orders and customers, and pulls again. */
export async function pullDemoArchive(
  file: string,
  size: DemoSize = 'tiny',
): Promise<void> {
  const store = await startDemoStore({ size, seed: 1 })
  try {
    await pull(file, store, 'full')
    store.applyChanges('orders', 3, ['insert', 'update'])
    store.applyChanges('customers', 2, ['update'])
    await pull(file, store, 'incremental')
  } finally {
    await store.close()
  }
}
