/**
 * The query model of the review grid: which entity, which columns, sort,
 * filters, global search and the page. The renderer builds it, the main
 * process turns it into parameterised SQL over whitelisted column names, and
 * the export of a filtered view reuses it.
 */
import { z } from 'zod'

/** Largest page the grid may request in one call. */
export const REVIEW_PAGE_MAX = 200
/** Maximum search length, so the inputs stop where the check would fail. */
export const REVIEW_SEARCH_MAX = 200

/**
 * Filtered counts stop at this many rows, so "X of Y" stays fast on a
 * million orders; the grid then shows "more than 10,000" and offers an
 * exact count on request.
 */
export const REVIEW_COUNT_CAP = 10_000

/** Column and table names are snake_case identifiers, checked again in main. */
export const identifierSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,63}$/, 'must be a snake_case column name')

/** How a column's values are compared, sorted and shown. */
export const columnKindSchema = z.enum([
  'integer',
  'text',
  'decimal',
  'boolean',
  'date',
])
export type ColumnKind = z.infer<typeof columnKindSchema>

const textFilterSchema = z
  .object({
    kind: z.literal('text'),
    column: identifierSchema,
    op: z.enum(['contains', 'equals']),
    value: z.string().min(1).max(500),
  })
  .strict()

const numberFilterSchema = z
  .object({
    kind: z.literal('number'),
    column: identifierSchema,
    min: z.number().finite().optional(),
    max: z.number().finite().optional(),
  })
  .strict()

/**
 * Returns true when the day and time of a string shaped like an ISO 8601
 * date name a real calendar day and clock time. The shape alone lets
 * through values such as `2024-02-30` or `2024-13-45`, and `Date` rolls
 * the first over into March and throws on the second when the filter is
 * built.
 */
function isCalendarDate(text: string): boolean {
  const day = text.slice(0, 10)
  const parsed = new Date(`${day}T00:00:00Z`)
  if (Number.isNaN(parsed.getTime())) return false
  if (parsed.toISOString().slice(0, 10) !== day) return false
  const time = /T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(text)
  if (time === null) return true
  const hours = Number(time[1])
  const minutes = Number(time[2])
  const seconds = time[3] === undefined ? 0 : Number(time[3])
  return hours < 24 && minutes < 60 && seconds < 60
}

const INVALID_DATE_MESSAGE = 'must be a date such as 2024-01-31'

/** ISO 8601 date or date-time; a bare date `to` includes that whole day. */
const isoDateSchema = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z?)?$/,
    INVALID_DATE_MESSAGE,
  )
  .refine(isCalendarDate, INVALID_DATE_MESSAGE)

const dateFilterSchema = z
  .object({
    kind: z.literal('date'),
    /** A `*_utc` column. */
    column: identifierSchema,
    from: isoDateSchema.optional(),
    to: isoDateSchema.optional(),
  })
  .strict()

const inFilterSchema = z
  .object({
    kind: z.literal('in'),
    column: identifierSchema,
    values: z
      .array(z.union([z.string().max(500), z.number().finite()]))
      .min(1)
      .max(100),
  })
  .strict()

export const reviewFilterSchema = z.discriminatedUnion('kind', [
  textFilterSchema,
  numberFilterSchema,
  dateFilterSchema,
  inFilterSchema,
])
export type ReviewFilter = z.infer<typeof reviewFilterSchema>

export const reviewSortSchema = z
  .object({
    column: identifierSchema,
    direction: z.enum(['asc', 'desc']),
  })
  .strict()
export type ReviewSort = z.infer<typeof reviewSortSchema>

/** The part of a query that selects rows, shared by counts and exports. */
export const reviewViewSchema = z
  .object({
    entity: identifierSchema,
    filters: z.array(reviewFilterSchema).max(20).default([]),
    /** Global search text, matched word by word against the FTS5 index. */
    search: z.string().max(REVIEW_SEARCH_MAX).default(''),
  })
  .strict()
export type ReviewView = z.infer<typeof reviewViewSchema>

export const reviewQuerySchema = reviewViewSchema
  .extend({
    /** Columns to return besides `id`; empty for the entity's defaults. */
    columns: z.array(identifierSchema).max(80).default([]),
    sort: reviewSortSchema.optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(REVIEW_PAGE_MAX).default(100),
  })
  .strict()
export type ReviewQuery = z.infer<typeof reviewQuerySchema>
export type ReviewQueryInput = z.input<typeof reviewQuerySchema>

export const cellValueSchema = z.union([z.string(), z.number(), z.null()])
export type CellValue = z.infer<typeof cellValueSchema>

export const reviewRowSchema = z.record(z.string(), cellValueSchema)
export type ReviewRow = z.infer<typeof reviewRowSchema>

export const reviewPageSchema = z.object({
  columns: z.array(z.string()),
  rows: z.array(reviewRowSchema),
  offset: z.number().int(),
})
export type ReviewPage = z.infer<typeof reviewPageSchema>

export const reviewCountSchema = z.object({
  /** Rows matching the view, or the cap when `exact` is false. */
  matching: z.number().int(),
  /** False when counting stopped at the cap. */
  exact: z.boolean(),
  /** Every row of the entity, without filters. */
  total: z.number().int(),
})
export type ReviewCount = z.infer<typeof reviewCountSchema>

export const reviewColumnSchema = z.object({
  name: z.string(),
  label: z.string(),
  kind: columnKindSchema,
  /** Shown when the merchant has not chosen columns. */
  visibleByDefault: z.boolean(),
  /** Values of a status-like column with the store's labels. */
  options: z
    .array(
      z.object({ value: z.union([z.string(), z.number()]), label: z.string() }),
    )
    .optional(),
})
export type ReviewColumn = z.infer<typeof reviewColumnSchema>

/** Whether a view has no filters and no search, so its count is the total. */
export function isUnfiltered(view: ReviewView): boolean {
  return view.filters.length === 0 && view.search.trim() === ''
}
