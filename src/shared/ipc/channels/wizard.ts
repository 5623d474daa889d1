/**
 * Channels of the setup wizard: saved stores and their credentials, the
 * connection test, the wizard's own progress, the built-in demo store and
 * the pull. Keys and tokens travel only from the renderer to main, never
 * back: no response below carries one.
 */
import { z } from 'zod'
import { ENTITY_KEYS, type EntityKey } from '../../entities.ts'
import { channel } from '../define.ts'

export const WIZARD_STEPS = [
  'welcome',
  'create-app',
  'authorize',
  'token',
  'connect',
  'choose',
  'pull',
] as const

export type WizardStep = (typeof WIZARD_STEPS)[number]

const stepSchema = z.enum(WIZARD_STEPS)
export const entityKeySchema = z.enum(
  ENTITY_KEYS as [EntityKey, ...EntityKey[]],
)
const storeIdSchema = z.string().min(1).max(64)
const storeRequest = z.object({ storeId: storeIdSchema }).strict()

export const storeSummarySchema = z.object({
  id: z.string(),
  label: z.string(),
  /** Host of the secure URL, for display only. */
  host: z.string(),
  demo: z.boolean(),
  createdAt: z.string(),
  lastPulledAt: z.string().nullable(),
  /**
   * `encrypted`: saved with the system keychain. `session`: kept in memory
   * until the app closes. `missing`: session credentials of an earlier run,
   * which the merchant must enter again.
   */
  credentials: z.enum(['encrypted', 'session', 'missing']),
})
export type StoreSummary = z.output<typeof storeSummarySchema>

const credentialFieldSchema = z.enum(['secureUrl', 'privateKey', 'token'])
const fieldNoteSchema = z.object({
  field: credentialFieldSchema,
  code: z.string(),
  message: z.string(),
})
export type CredentialFieldName = z.output<typeof credentialFieldSchema>
export type FieldNote = z.output<typeof fieldNoteSchema>

const credentialsInput = z
  .object({
    secureUrl: z.string().max(2_048),
    privateKey: z.string().max(512),
    token: z.string().max(512),
  })
  .strict()

export const wizardProgressSchema = z.object({
  step: stepSchema,
  storeId: z.string().nullable(),
  /** Entities chosen on the "Choose data" step; null before that step. */
  entities: z.array(entityKeySchema).nullable(),
  storeSensitive: z.boolean(),
  /**
   * Steps the merchant finished or skipped on purpose, so a restart does
   * not mark a step done only because it comes before the saved one.
   */
  done: z.array(stepSchema),
})
export type WizardProgress = z.output<typeof wizardProgressSchema>

const moduleAccessSchema = z.object({
  module: z.string(),
  entity: entityKeySchema,
  readable: z.boolean(),
  count: z.number().nullable(),
})
export type ModuleAccess = z.output<typeof moduleAccessSchema>

export const connectionResultSchema = z.object({
  ok: z.boolean(),
  problem: z
    .object({
      code: z.string(),
      message: z.string(),
      /** The wizard step where the merchant can fix the problem. */
      step: stepSchema,
      /** API module that lacks read access, when that is the problem. */
      module: z.string().optional(),
    })
    .optional(),
  modules: z.array(moduleAccessSchema),
  storeName: z.string().optional(),
  testedAt: z.string(),
})
export type ConnectionResult = z.output<typeof connectionResultSchema>

const entityStateSchema = z.enum([
  'waiting',
  'pulling',
  'verifying',
  'reconciling',
  'complete',
  'incomplete',
  'failed',
])

export const pullStatusSchema = z.object({
  storeId: z.string(),
  state: z.enum([
    'running',
    'paused',
    'retrying',
    'verifying',
    'completed',
    'cancelled',
    'failed',
  ]),
  entities: z.array(
    z.object({
      entity: entityKeySchema,
      done: z.number(),
      total: z.number().nullable(),
      state: entityStateSchema,
    }),
  ),
  recordsPerSecond: z.number(),
  etaSeconds: z.number().nullable(),
  retries: z.number(),
  lastError: z.object({ code: z.string(), message: z.string() }).nullable(),
  /** Failures that stopped the pull, with what to do about each. */
  errors: z.array(
    z.object({ code: z.string(), message: z.string(), advice: z.string() }),
  ),
  /** Per-entity comparison of the store's count with the archive's rows. */
  verification: z
    .array(
      z.object({
        entity: entityKeySchema,
        expected: z.number().nullable(),
        stored: z.number(),
        ok: z.boolean(),
        /** Explanation of counts that differ in a complete copy. */
        note: z.string().optional(),
      }),
    )
    .nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
})
export type PullStatus = z.output<typeof pullStatusSchema>

export const wizardChannels = {
  getWizardProgress: channel(z.object({}).strict(), wizardProgressSchema),
  saveWizardProgress: channel(
    wizardProgressSchema.partial().strict(),
    wizardProgressSchema,
  ),
  listStores: channel(
    z.object({}).strict(),
    z.object({
      stores: z.array(storeSummarySchema),
      encryptionAvailable: z.boolean(),
    }),
  ),
  /** Checks pasted credentials as the merchant types; saves nothing. */
  checkCredentials: channel(
    credentialsInput.partial().strict(),
    z.object({
      problems: z.array(fieldNoteSchema),
      warnings: z.array(fieldNoteSchema),
      /** The secure URL as it will be used, with scheme and no path. */
      secureUrl: z.string().nullable(),
    }),
  ),
  /** Saves a new store, or replaces the credentials of `storeId`. */
  saveStore: channel(
    credentialsInput
      .extend({
        storeId: storeIdSchema.optional(),
        label: z.string().max(200).optional(),
      })
      .strict(),
    storeSummarySchema,
  ),
  removeStore: channel(storeRequest, z.null()),
  /** Starts the built-in demo store (once per run) and saves it. */
  startDemoStore: channel(z.object({}).strict(), storeSummarySchema),
  testStoreConnection: channel(storeRequest, connectionResultSchema),
  /** The last connection test of a store in this run, or null. */
  getConnectionResult: channel(storeRequest, connectionResultSchema.nullable()),
  startPull: channel(
    z
      .object({
        storeId: storeIdSchema,
        entities: z.array(entityKeySchema).min(1),
        storeSensitive: z.boolean(),
      })
      .strict(),
    pullStatusSchema,
  ),
  pausePull: channel(storeRequest, pullStatusSchema),
  resumePull: channel(storeRequest, pullStatusSchema),
  cancelPull: channel(storeRequest, pullStatusSchema),
  getPullStatus: channel(storeRequest, pullStatusSchema.nullable()),
}

export const wizardEvents = {
  /** Sent a few times a second while a pull runs, and on every change. */
  pullProgress: pullStatusSchema,
}
