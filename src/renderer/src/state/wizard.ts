/**
 * The wizard's state. The current step is kept in main, so it survives a
 * restart. Typed credentials stay in memory and the renderer never writes
 * them anywhere. The state also has the saved stores, the last connection
 * test and the running pull.
 */
import { create } from 'zustand'
import { getApi } from '../../api/index.ts'
import type { EntityKey } from '../../../shared/entities.ts'
import {
  WIZARD_STEPS,
  type ConnectionResult,
  type PullStatus,
  type StoreSummary,
  type WizardProgress,
  type WizardStep,
} from '../../../shared/ipc/channels/wizard.ts'
import type { ErrorInfo } from '../../../shared/errors.ts'

export interface CredentialDraft {
  secureUrl: string
  privateKey: string
  token: string
}

export interface WizardState extends WizardProgress {
  loaded: boolean
  stores: StoreSummary[]
  encryptionAvailable: boolean
  draft: CredentialDraft
  connection: ConnectionResult | null
  pull: PullStatus | null
  /** The last failed request, shown above the step. */
  error: ErrorInfo | null
  /** Steps finished, or skipped on purpose by the demo path. */
  done: WizardStep[]
  load(): Promise<void>
  /** Shows `step` without marking any step done, as the step list does. */
  goTo(step: WizardStep): void
  /** Marks the current step and those up to `step` done, then shows `step`. */
  finishTo(step: WizardStep): void
  next(): void
  back(): void
  setDraft(patch: Partial<CredentialDraft>): void
  chooseStore(storeId: string | null): void
  setEntities(entities: EntityKey[], storeSensitive: boolean): void
  refreshStores(): Promise<void>
  setConnection(result: ConnectionResult | null): void
  setPull(status: PullStatus | null): void
  setError(error: ErrorInfo | null): void
}

const EMPTY_DRAFT: CredentialDraft = {
  secureUrl: '',
  privateKey: '',
  token: '',
}

export function stepIndex(step: WizardStep): number {
  return WIZARD_STEPS.indexOf(step)
}

/** Returns `done` with the steps from `from` up to before `to` added. */
export function withDone(
  done: readonly WizardStep[],
  from: WizardStep,
  to: WizardStep,
): WizardStep[] {
  const range = WIZARD_STEPS.slice(stepIndex(from), stepIndex(to))
  return [...new Set([...done, ...range])]
}

/** Sends the wizard's place to main; a failure only costs the restore. */
function persist(patch: Partial<WizardProgress>): void {
  void getApi()
    .saveWizardProgress(patch)
    .catch(() => undefined)
}

export const useWizard = create<WizardState>()((set, get) => ({
  step: 'welcome',
  storeId: null,
  entities: null,
  storeSensitive: false,
  loaded: false,
  stores: [],
  encryptionAvailable: false,
  draft: EMPTY_DRAFT,
  connection: null,
  pull: null,
  error: null,
  done: [],

  load: async () => {
    const api = getApi()
    const [progress, stores] = await Promise.all([
      api.getWizardProgress({}),
      api.listStores({}),
    ])
    const patch: Partial<WizardState> = { loaded: true }
    if (progress.ok) Object.assign(patch, progress.value)
    if (stores.ok) {
      patch.stores = stores.value.stores
      patch.encryptionAvailable = stores.value.encryptionAvailable
    }
    const storeId = patch.storeId ?? null
    if (storeId) {
      const [connection, pull] = await Promise.all([
        api.getConnectionResult({ storeId }),
        api.getPullStatus({ storeId }),
      ])
      if (connection.ok) patch.connection = connection.value
      if (pull.ok) patch.pull = pull.value
    }
    set(patch)
  },

  goTo: (step) => {
    set({ step, error: null })
    persist({ step })
  },
  finishTo: (step) => {
    const done = withDone(get().done, get().step, step)
    set({ done, step, error: null })
    persist({ step, done })
  },
  next: () => {
    const following = WIZARD_STEPS[stepIndex(get().step) + 1]
    if (following) get().finishTo(following)
  },
  back: () => {
    const previous = WIZARD_STEPS[stepIndex(get().step) - 1]
    if (previous) get().goTo(previous)
  },

  setDraft: (patch) => set({ draft: { ...get().draft, ...patch } }),

  chooseStore: (storeId) => {
    set({ storeId, connection: null, pull: null, entities: null })
    persist({ storeId, entities: null })
  },

  setEntities: (entities, storeSensitive) => {
    set({ entities, storeSensitive })
    persist({ entities, storeSensitive })
  },

  refreshStores: async () => {
    const result = await getApi().listStores({})
    if (result.ok) {
      set({
        stores: result.value.stores,
        encryptionAvailable: result.value.encryptionAvailable,
      })
    }
  },

  setConnection: (connection) => set({ connection }),
  setPull: (pull) => {
    // A finished copy marks its own step done: no "next" follows it.
    const done = get().done
    if (pull?.state === 'completed' && !done.includes('pull')) {
      const updated = [...done, 'pull' as const]
      set({ pull, done: updated })
      persist({ done: updated })
      return
    }
    set({ pull })
  },
  setError: (error) => set({ error }),
}))

/** Puts the store back to its first state, for component tests. */
export function resetWizardState(): void {
  useWizard.setState({
    step: 'welcome',
    storeId: null,
    entities: null,
    storeSensitive: false,
    loaded: false,
    stores: [],
    encryptionAvailable: false,
    draft: EMPTY_DRAFT,
    connection: null,
    pull: null,
    error: null,
    done: [],
  })
}
