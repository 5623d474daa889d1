/**
 * Channels of the export step: defaults, the fit report before a Shopify or
 * WooCommerce export, starting and cancelling an export, and choosing the
 * output folder. Progress and the outcome arrive as events.
 */
import { z } from 'zod'
import { channel } from '../define.ts'
import { reviewViewSchema } from '../../review-query.ts'

const storeIdSchema = z.string().min(1).max(64)

export const exportFormatSchema = z.enum([
  'csv',
  'xlsx',
  'ndjson',
  'sqlite',
  'shopify',
  'woocommerce',
  'images',
])
export type ExportFormatName = z.infer<typeof exportFormatSchema>

export const platformSchema = z.enum(['shopify', 'woocommerce'])

const fitIssueSchema = z.object({
  severity: z.enum(['error', 'warning']),
  rule: z.string(),
  entity: z.string(),
  recordId: z.string(),
  name: z.string(),
  detail: z.string(),
})

export const fitReportSchema = z.object({
  platform: platformSchema,
  checked: z.object({
    products: z.number(),
    customers: z.number(),
    categories: z.number(),
  }),
  maxOptionNames: z.number(),
  counts: z.record(z.string(), z.number()),
  issues: z.array(fitIssueSchema),
  truncated: z.number(),
})
export type FitReportPayload = z.infer<typeof fitReportSchema>

const writtenFileSchema = z.object({
  format: z.string(),
  file: z.string(),
  table: z.string().optional(),
  rows: z.number(),
  bytes: z.number(),
})

export const exportChannels = {
  getExportDefaults: channel(
    z.object({ storeId: storeIdSchema }).strict(),
    z.object({
      outDir: z.string(),
      /** Store address image URLs start with; null when the archive has none. */
      storeUrl: z.string().nullable(),
      /** Whether the app can show a folder dialog (desktop only). */
      canChooseFolder: z.boolean(),
    }),
  ),
  previewFitReport: channel(
    z.object({ storeId: storeIdSchema, platform: platformSchema }).strict(),
    fitReportSchema,
  ),
  startExport: channel(
    z
      .object({
        storeId: storeIdSchema,
        formats: z.array(exportFormatSchema).min(1).max(7),
        outDir: z.string().min(1).max(4_096),
        /** The review grid's view: only its rows, as CSV or XLSX. */
        view: reviewViewSchema.optional(),
        weightUnit: z.enum(['lb', 'kg', 'oz', 'g']).optional(),
      })
      .strict(),
    z.object({ jobId: z.string() }),
  ),
  cancelExport: channel(
    z.object({ jobId: z.string().max(100) }).strict(),
    z.null(),
  ),
  chooseExportFolder: channel(
    z.object({ defaultPath: z.string().max(4_096).optional() }).strict(),
    z.object({ path: z.string().nullable() }),
  ),
}

export const exportEvents = {
  exportProgress: z.object({
    jobId: z.string(),
    format: exportFormatSchema,
    step: z.string(),
    done: z.number(),
    total: z.number().nullable(),
  }),
  exportFinished: z.object({
    jobId: z.string(),
    outDir: z.string(),
    ok: z.boolean(),
    files: z.array(writtenFileSchema),
    leftOut: z.array(z.string()),
    /** How to open the files without damage. */
    notes: z.array(z.string()),
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
  }),
}
