/**
 * The completeness panel: per entity, the count the store reported at the
 * last pull beside the local count, and data-quality notes a merchant should
 * see before migrating.
 */
import type BetterSqlite3 from 'better-sqlite3'
import type {
  CompletenessRow,
  QualityNote,
} from '../../shared/ipc/channels/review.ts'
import { entityCatalogs } from './catalog.ts'
import { memoize } from './memo.ts'
import { entityCount } from './query.ts'
import { recordTitles } from './titles.ts'

type Database = BetterSqlite3.Database

/** Records named as examples under each quality note. */
export const QUALITY_EXAMPLES = 5

/** Compares the store's count at the last pull with the local count. */
export function getCompleteness(db: Database): CompletenessRow[] {
  const latest = db.prepare(
    `SELECT c.store_count AS storeCount,
            coalesce(r.finished_at, c.recorded_at) AS pulledAt
     FROM store_counts c JOIN sync_runs r ON r.id = c.run_id
     WHERE c.entity = ? ORDER BY c.run_id DESC LIMIT 1`,
  )
  return entityCatalogs().flatMap((catalog) => {
    const row = latest.get(catalog.key) as
      { storeCount: number; pulledAt: string } | undefined
    const localCount = entityCount(db, catalog.key)
    if (row === undefined && localCount === 0) return []
    return [
      {
        entity: catalog.key,
        label: catalog.label,
        storeCount: row?.storeCount ?? null,
        localCount,
        pulledAt: row?.pulledAt ?? null,
      },
    ]
  })
}

interface NoteQuery {
  key: string
  entity: 'products' | 'customers' | 'orders'
  label: string
  advice: string
  /** Selects the ids of the records concerned. */
  idsSql: string
}

const NOTE_QUERIES: readonly NoteQuery[] = [
  {
    key: 'duplicate_skus',
    entity: 'products',
    label: 'Products sharing a SKU with another product',
    advice:
      'Most new platforms need unique SKUs; rename them before importing.',
    idsSql: `SELECT id FROM products WHERE sku IN
      (SELECT sku FROM products WHERE sku IS NOT NULL AND trim(sku) <> ''
       GROUP BY sku HAVING count(*) > 1) ORDER BY sku, id`,
  },
  {
    key: 'products_without_images',
    entity: 'products',
    label: 'Products without any image',
    advice: 'They will import without pictures.',
    idsSql: `SELECT id FROM products p
      WHERE coalesce(trim(main_image_file), '') = ''
        AND NOT EXISTS (SELECT 1 FROM product_images i WHERE i.parent_id = p.id)
      ORDER BY id`,
  },
  {
    key: 'products_without_price',
    entity: 'products',
    label: 'Products without a price',
    advice:
      'A price of zero or none may make them free or hidden in the new store.',
    idsSql: `SELECT id FROM products
      WHERE price IS NULL OR CAST(price AS REAL) <= 0 ORDER BY id`,
  },
  {
    key: 'invalid_emails',
    entity: 'customers',
    label: 'Customers with a missing or invalid email',
    advice: 'Imports usually reject customers without a valid email address.',
    idsSql: `SELECT id FROM customers
      WHERE email IS NULL OR trim(email) NOT LIKE '_%@_%._%'
         OR trim(email) LIKE '% %' OR trim(email) LIKE '%@%@%'
      ORDER BY id`,
  },
  {
    key: 'orders_without_items',
    entity: 'orders',
    label: 'Orders without items',
    advice:
      'Abandoned checkouts are left out; these are real orders with no lines.',
    idsSql: `SELECT id FROM orders o
      WHERE coalesce(is_abandoned, 0) = 0
        AND NOT EXISTS (SELECT 1 FROM order_items i WHERE i.parent_id = o.id)
      ORDER BY id`,
  },
]

function runNote(db: Database, note: NoteQuery): QualityNote {
  const count = db
    .prepare(`SELECT count(*) FROM (${note.idsSql})`)
    .pluck()
    .get() as number
  const ids = db
    .prepare(`SELECT id FROM (${note.idsSql}) LIMIT ?`)
    .pluck()
    .all(QUALITY_EXAMPLES) as Array<number | string>
  const titles = recordTitles(db, note.entity, ids)
  return {
    key: note.key,
    entity: note.entity,
    label: note.label,
    advice: note.advice,
    count,
    examples: ids.map((id) => ({
      entity: note.entity,
      id,
      title: titles.get(id) ?? String(id),
      label: note.label,
    })),
  }
}

/** Runs every quality check; cached until the archive changes. */
export function getQualityNotes(db: Database): QualityNote[] {
  return memoize(db, 'quality', () =>
    NOTE_QUERIES.map((note) => runNote(db, note)),
  )
}
