/**
 * Channels of the review screens: the data browser, record details, the
 * dashboard, completeness and what changed. Every request names the saved
 * store whose archive it reads; only the visible page crosses IPC.
 */
import { z } from 'zod'
import { channel } from '../define.ts'
import {
  cellValueSchema,
  columnKindSchema,
  identifierSchema,
  reviewColumnSchema,
  reviewCountSchema,
  reviewPageSchema,
  reviewQuerySchema,
  reviewViewSchema,
  REVIEW_SEARCH_MAX,
} from '../../review-query.ts'

const storeIdSchema = z.string().min(1).max(64)
const recordIdSchema = z.union([z.number().int(), z.string().min(1).max(200)])

const storeRequest = z.object({ storeId: storeIdSchema }).strict()

export const recordLinkSchema = z.object({
  entity: z.string(),
  id: recordIdSchema,
  title: z.string(),
  /** What the link leads to, such as "Customer" or "Product". */
  label: z.string(),
})
export type RecordLink = z.infer<typeof recordLinkSchema>

export const detailFieldSchema = z.object({
  name: z.string(),
  label: z.string(),
  kind: columnKindSchema,
  value: cellValueSchema,
  /** Text to show in place of the value, such as a status label. */
  display: z.string().optional(),
})
export type DetailField = z.infer<typeof detailFieldSchema>

export const detailSectionSchema = z.object({
  /** Child table name, or `orders` for a customer's orders. */
  key: z.string(),
  label: z.string(),
  /** Rows that exist when more than the listed ones do. */
  total: z.number().int().optional(),
  columns: z.array(z.object({ name: z.string(), label: z.string() })),
  rows: z.array(
    z.object({
      cells: z.record(z.string(), cellValueSchema),
      link: recordLinkSchema.optional(),
    }),
  ),
})
export type DetailSection = z.infer<typeof detailSectionSchema>

export const recordDetailSchema = z.object({
  entity: z.string(),
  entityLabel: z.string(),
  id: recordIdSchema,
  title: z.string(),
  fields: z.array(detailFieldSchema),
  sections: z.array(detailSectionSchema),
  links: z.array(recordLinkSchema),
})
export type RecordDetail = z.infer<typeof recordDetailSchema>

export const searchResultSchema = z.object({
  entity: z.string(),
  entityLabel: z.string(),
  id: recordIdSchema,
  title: z.string(),
})
export type SearchResult = z.infer<typeof searchResultSchema>

export const reviewEntitySchema = z.object({
  key: z.string(),
  label: z.string(),
  count: z.number().int(),
  columns: z.array(reviewColumnSchema),
  defaultSort: z.object({
    column: z.string(),
    direction: z.enum(['asc', 'desc']),
  }),
})
export type ReviewEntity = z.infer<typeof reviewEntitySchema>

const currencySchema = z.object({
  code: z.string().nullable(),
  symbol: z.string().nullable(),
})

/** Time zone and currency of the store, from its StoreSettings record. */
export const storeDisplaySchema = z.object({
  /** Time zone setting as the store sends it, for the screen's label. */
  timeZoneSetting: z.string().nullable(),
  /** IANA zone the setting resolves to, when it names one. */
  timeZone: z.string().nullable(),
  /** Minutes east of UTC, when the setting is a fixed offset. */
  offsetMinutes: z.number().nullable(),
  currency: currencySchema,
})
export type StoreDisplay = z.infer<typeof storeDisplaySchema>

export const dashboardSchema = z.object({
  counts: z.array(
    z.object({ entity: z.string(), label: z.string(), count: z.number() }),
  ),
  /** Completed and open orders, without abandoned checkouts. */
  sales: z.object({ orders: z.number(), revenueCents: z.number() }),
  abandoned: z.object({ orders: z.number(), valueCents: z.number() }),
  months: z.array(
    z.object({
      /** `YYYY-MM` of the order date in UTC. */
      month: z.string(),
      orders: z.number(),
      revenueCents: z.number(),
    }),
  ),
  statuses: z.array(
    z.object({
      id: z.number().nullable(),
      label: z.string(),
      orders: z.number(),
      revenueCents: z.number(),
    }),
  ),
  topProducts: z.array(
    z.object({
      catalogId: z.number().nullable(),
      sku: z.string().nullable(),
      name: z.string().nullable(),
      quantity: z.number(),
      revenueCents: z.number(),
    }),
  ),
  countries: z.array(z.object({ country: z.string(), customers: z.number() })),
  currency: currencySchema,
})
export type Dashboard = z.infer<typeof dashboardSchema>

export const completenessRowSchema = z.object({
  entity: z.string(),
  label: z.string(),
  /** Count the store reported at the last pull; null when none was recorded. */
  storeCount: z.number().nullable(),
  localCount: z.number(),
  /** ISO 8601 UTC time of that pull. */
  pulledAt: z.string().nullable(),
})
export type CompletenessRow = z.infer<typeof completenessRowSchema>

export const qualityNoteSchema = z.object({
  key: z.string(),
  entity: z.string(),
  label: z.string(),
  advice: z.string(),
  count: z.number(),
  examples: z.array(recordLinkSchema),
})
export type QualityNote = z.infer<typeof qualityNoteSchema>

export const changeRunSchema = z.object({
  id: z.number(),
  mode: z.string(),
  status: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  added: z.number(),
  changed: z.number(),
  removed: z.number(),
})
export type ChangeRun = z.infer<typeof changeRunSchema>

const changedRecordSchema = z.object({ id: recordIdSchema, title: z.string() })

export const entityChangeListSchema = z.object({
  entity: z.string(),
  label: z.string(),
  added: z.number(),
  changed: z.number(),
  removed: z.number(),
  /** The first records of each kind; the counts above are exact. */
  records: z.object({
    added: z.array(changedRecordSchema),
    changed: z.array(changedRecordSchema),
    removed: z.array(changedRecordSchema),
  }),
})
export type EntityChangeList = z.infer<typeof entityChangeListSchema>

export const productImageSchema = z.object({
  /** Path of the image in the store, as the product record names it. */
  file: z.string(),
  caption: z.string().nullable(),
  /** `data:` URL of the downloaded copy, or null when it was not downloaded. */
  dataUrl: z.string().nullable(),
})
export type ProductImage = z.infer<typeof productImageSchema>

export const reviewStoreSchema = z.object({
  storeId: z.string(),
  /** ISO 8601 time the archive file was last written. */
  modifiedAt: z.string(),
  sizeBytes: z.number(),
})
export type ReviewStore = z.infer<typeof reviewStoreSchema>

export const reviewChannels = {
  listReviewStores: channel(z.object({}).strict(), z.array(reviewStoreSchema)),
  getReviewSchema: channel(
    storeRequest,
    z.object({
      entities: z.array(reviewEntitySchema),
      store: storeDisplaySchema,
    }),
  ),
  queryRows: channel(
    z.object({ storeId: storeIdSchema, query: reviewQuerySchema }).strict(),
    reviewPageSchema,
  ),
  countRows: channel(
    z
      .object({
        storeId: storeIdSchema,
        view: reviewViewSchema,
        exact: z.boolean().default(false),
      })
      .strict(),
    reviewCountSchema,
  ),
  searchArchive: channel(
    z
      .object({
        storeId: storeIdSchema,
        text: z.string().max(REVIEW_SEARCH_MAX),
        limit: z.number().int().min(1).max(200).default(50),
      })
      .strict(),
    z.array(searchResultSchema),
  ),
  getRecordDetail: channel(
    z
      .object({
        storeId: storeIdSchema,
        entity: identifierSchema,
        id: recordIdSchema,
      })
      .strict(),
    recordDetailSchema,
  ),
  getRawRecord: channel(
    z
      .object({
        storeId: storeIdSchema,
        entity: identifierSchema,
        id: recordIdSchema,
      })
      .strict(),
    z.object({ raw: z.string() }),
  ),
  getProductImages: channel(
    z.object({ storeId: storeIdSchema, productId: z.number().int() }).strict(),
    z.array(productImageSchema),
  ),
  getDashboard: channel(storeRequest, dashboardSchema),
  getCompleteness: channel(
    storeRequest,
    z.object({
      entities: z.array(completenessRowSchema),
      notes: z.array(qualityNoteSchema),
    }),
  ),
  listChangeRuns: channel(storeRequest, z.array(changeRunSchema)),
  getRunChanges: channel(
    z.object({ storeId: storeIdSchema, runId: z.number().int() }).strict(),
    z.array(entityChangeListSchema),
  ),
}

export const reviewEvents = {}
