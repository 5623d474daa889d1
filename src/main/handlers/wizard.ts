/**
 * Handlers of the setup wizard: saved stores, credential checks, the
 * connection test, the wizard's place, the demo store and the pull.
 */
import { AppError } from '../../shared/errors.ts'
import type { ConnectionResult } from '../../shared/ipc/channels/wizard.ts'
import { resolveBaseUrl } from '../api/client.ts'
import { normalizeCredentials } from '../api/credentials.ts'
import { DEMO_RATE_LIMIT, DemoSession } from '../demo/session.ts'
import type { HandlerTable } from '../ipc/dispatch.ts'
import type { AppContext } from '../platform/context.ts'
import { DEMO_STORE_ID } from '../platform/paths.ts'
import { PullManager, type PullTarget } from '../pull-manager/manager.ts'
import { runConnectionTest } from '../stores/connection.ts'
import { StoreRegistry } from '../stores/registry.ts'
import { WizardProgressFile } from '../stores/wizard-progress.ts'

type WizardHandlers = Pick<
  HandlerTable,
  | 'getWizardProgress'
  | 'saveWizardProgress'
  | 'listStores'
  | 'checkCredentials'
  | 'saveStore'
  | 'removeStore'
  | 'startDemoStore'
  | 'testStoreConnection'
  | 'getConnectionResult'
  | 'startPull'
  | 'pausePull'
  | 'resumePull'
  | 'cancelPull'
  | 'getPullStatus'
>

export interface WizardService {
  handlers: WizardHandlers
  /** Resumes a pull that was running when the app last closed. */
  resumeInterrupted(): Promise<void>
  dispose(): Promise<void>
}

/**
 * Keys that pass every shape check, used to learn how the secure URL alone
 * normalizes while the merchant has typed nothing else yet.
 */
const PLACEHOLDER_SECRETS = {
  privateKey: '0'.repeat(32),
  token: '1'.repeat(32),
}

export function createWizardService(context: AppContext): WizardService {
  const registry = new StoreRegistry(context.userDataDir, context.cipher)
  const progress = new WizardProgressFile(context.userDataDir)
  const demo = new DemoSession(
    context.demoLatencyMs ? { latencyMs: context.demoLatencyMs } : {},
  )
  const connections = new Map<string, ConnectionResult>()

  /** Credentials and API address of a saved store, demo included. */
  const connect = async (storeId: string): Promise<PullTarget> => {
    if (registry.get(storeId).demo) {
      return { ...(await demo.connection()), pacing: DEMO_RATE_LIMIT }
    }
    return {
      credentials: registry.credentials(storeId),
      baseUrl: resolveBaseUrl(context.apiBaseUrl),
    }
  }

  const pulls = new PullManager({
    userDataDir: context.userDataDir,
    emit: (status) => context.emit('pullProgress', status),
    connect,
    onCompleted: (storeId) => registry.markPulled(storeId),
  })

  const handlers: WizardHandlers = {
    getWizardProgress: () => progress.get(),
    saveWizardProgress: (patch) => progress.update(patch),
    listStores: () => ({
      stores: registry.list(),
      encryptionAvailable: registry.encryptionAvailable,
    }),
    checkCredentials: (input) => {
      const typed = {
        secureUrl: input.secureUrl ?? '',
        privateKey: input.privateKey ?? '',
        token: input.token ?? '',
      }
      const result = normalizeCredentials(typed)
      const urlOnly = normalizeCredentials({
        secureUrl: typed.secureUrl,
        ...PLACEHOLDER_SECRETS,
      })
      return {
        problems: result.ok ? [] : result.problems,
        warnings: urlOnly.ok ? urlOnly.warnings : [],
        secureUrl: urlOnly.ok ? urlOnly.value.secureUrl : null,
      }
    },
    saveStore: async ({ storeId, label, ...typed }) => {
      const result = normalizeCredentials(typed)
      if (!result.ok) {
        throw new AppError(
          'CREDENTIALS_INVALID',
          result.problems.map((p) => p.message).join(' '),
          { problems: result.problems },
        )
      }
      if (storeId) {
        // Only a listed store's credentials may be replaced.
        registry.get(storeId)
        connections.delete(storeId)
      }
      return registry.save(result.value, {
        ...(storeId ? { storeId } : {}),
        ...(label ? { label } : {}),
      })
    },
    removeStore: async ({ storeId }) => {
      await pulls.forget(storeId)
      registry.remove(storeId)
      connections.delete(storeId)
      if (progress.get().storeId === storeId) {
        progress.update({ storeId: null, entities: null })
      }
      return null
    },
    startDemoStore: async () => {
      // Saved again on every start, because the port of its address changes.
      const { credentials } = await demo.connection()
      return registry.save(credentials, {
        storeId: DEMO_STORE_ID,
        label: 'Demo store',
        demo: true,
      })
    },
    testStoreConnection: async ({ storeId }) => {
      const { credentials, baseUrl, pacing } = await connect(storeId)
      const result = await runConnectionTest(credentials, baseUrl, pacing)
      connections.set(storeId, result)
      return result
    },
    getConnectionResult: ({ storeId }) => connections.get(storeId) ?? null,
    startPull: ({ storeId, entities, storeSensitive }) => {
      registry.get(storeId)
      return pulls.start(storeId, entities, storeSensitive)
    },
    pausePull: ({ storeId }) => pulls.pause(storeId),
    resumePull: ({ storeId }) => pulls.resume(storeId),
    cancelPull: ({ storeId }) => pulls.cancel(storeId),
    getPullStatus: ({ storeId }) => pulls.status(storeId),
  }

  return {
    handlers,
    resumeInterrupted: () => pulls.resumeInterrupted(),
    dispose: async () => {
      await pulls.dispose()
      await demo.close()
    },
  }
}
