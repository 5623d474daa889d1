/**
 * The StoreSettings object: one row, whose time zone decides how the
 * `*_utc` columns of every table are computed.
 */
import type BetterSqlite3 from 'better-sqlite3'
import { sqlColumnNames } from './columns.ts'
import { rawHash } from './record-writer.ts'
import { now } from './runs.ts'
import { quoteIdentifier } from './schema.ts'
import { RECORD_TABLES } from './tables.ts'
import { resolveStoreZone } from './time-zones.ts'
import type { ColumnSpec } from './columns.ts'

/** `archive_info` key of the zone the `*_utc` columns were computed with. */
const UTC_ZONE_KEY = 'utc_time_zone'

export function readStoreSettings(
  db: BetterSqlite3.Database,
): { timeZone: string | null } | undefined {
  const row = db
    .prepare('SELECT time_zone AS timeZone FROM store_settings WHERE id = 1')
    .get() as { timeZone: string | null } | undefined
  return row
}

/** Writes the settings row; returns the store time zone setting. */
export function writeStoreSettingsRow(
  db: BetterSqlite3.Database,
  raw: string,
  value: Record<string, unknown>,
): string | null {
  const section = (name: string): Record<string, unknown> => {
    const part = value[name]
    return part !== null && typeof part === 'object'
      ? (part as Record<string, unknown>)
      : {}
  }
  const text = (
    part: Record<string, unknown>,
    field: string,
  ): string | null => {
    const fieldValue = part[field]
    return typeof fieldValue === 'string' ? fieldValue : null
  }
  const zoneText = (part: Record<string, unknown>): string | null => {
    const zone = part['StoreTimeZone']
    // A number such as -5 is an offset in hours, as the text "-5" is.
    return typeof zone === 'number' && Number.isFinite(zone)
      ? String(zone)
      : text(part, 'StoreTimeZone')
  }
  const store = section('StoreInformation')
  const merchant = section('MerchantInformation')
  const standards = section('StoreStandards')
  const timeZone = zoneText(standards)
  db.prepare(
    `INSERT OR REPLACE INTO store_settings
       (id, raw, raw_hash, store_name, store_url, store_email, company,
        time_zone, currency_code, currency_symbol, updated_at)
     VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    raw,
    rawHash(raw),
    text(store, 'StoreName'),
    text(store, 'StoreURL'),
    text(store, 'StoreEmail'),
    text(merchant, 'Company'),
    timeZone,
    text(standards, 'CurrencyCode'),
    text(standards, 'CurrencySymbol'),
    now(),
  )
  return timeZone
}

function dateColumns(columns: readonly ColumnSpec[]): string[] {
  return columns
    .filter((spec) => spec.type === 'date')
    .map((spec) => sqlColumnNames(spec)[0]!.replace(/_raw$/, ''))
}

/**
 * Computes every `*_utc` column again from its `*_raw` text with the
 * connection function `archive_store_utc`, which uses the current zone.
 */
export function recomputeUtcColumns(db: BetterSqlite3.Database): void {
  const tables = RECORD_TABLES.flatMap((table) => [
    { name: table.definition.key, columns: table.columns },
    ...table.children.map((c) => ({ name: c.table, columns: c.columns })),
  ])
  for (const { name, columns } of tables) {
    const stems = dateColumns(columns)
    if (stems.length === 0) continue
    const assignments = stems.map(
      (stem) =>
        `${quoteIdentifier(`${stem}_utc`)} = archive_store_utc(${quoteIdentifier(`${stem}_raw`)})`,
    )
    db.exec(`UPDATE ${quoteIdentifier(name)} SET ${assignments.join(', ')}`)
  }
}

/** Names the zone a setting resolves to, such as `iana:Europe/Berlin`. */
function zoneKey(setting: string | null): string {
  const zone = resolveStoreZone(setting)
  if (zone === null) return 'none'
  return zone.kind === 'iana'
    ? `iana:${zone.zone}`
    : `fixed:${zone.offsetMinutes}`
}

/**
 * Returns the key of the zone the `*_utc` columns were computed with.
 * Archives from before this key was recorded computed them from the setting
 * `before` by the same rules as now, except for Windows display names
 * `(UTC…) …`, which resolve to other zones since then, so those are stale.
 */
function utcColumnsZone(
  db: BetterSqlite3.Database,
  before: string | null,
): string {
  const recorded = db
    .prepare('SELECT value FROM archive_info WHERE key = ?')
    .pluck()
    .get(UTC_ZONE_KEY)
  if (typeof recorded === 'string') return recorded
  if (before?.trim().startsWith('(')) return 'stale'
  return zoneKey(before)
}

/**
 * Computes every `*_utc` column again when the zone the setting `after`
 * resolves to differs from the one they were computed with, and records
 * that zone. A setting that the store renamed to the same zone costs no
 * rewrite. The connection's clock must already use `after`.
 */
export function refreshUtcColumns(
  db: BetterSqlite3.Database,
  before: string | null,
  after: string | null,
): void {
  const zone = zoneKey(after)
  if (utcColumnsZone(db, before) === zone) return
  recomputeUtcColumns(db)
  db.prepare(
    'INSERT OR REPLACE INTO archive_info (key, value) VALUES (?, ?)',
  ).run(UTC_ZONE_KEY, zone)
}
