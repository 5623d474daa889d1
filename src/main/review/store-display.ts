/**
 * The store's time zone and currency for review screens, so times show as
 * the merchant saw them in the store's admin and amounts carry the symbol.
 */
import type BetterSqlite3 from 'better-sqlite3'
import type { StoreDisplay } from '../../shared/ipc/channels/review.ts'
import { resolveStoreZone } from '../archive/time-zones.ts'

type Database = BetterSqlite3.Database

interface SettingsRow {
  timeZone: string | null
  code: string | null
  symbol: string | null
}

/**
 * Reads the time zone and currency from the archive's settings row, with
 * nulls before StoreSettings was pulled.
 */
export function storeDisplay(db: Database): StoreDisplay {
  const row = readSettings(db)
  const setting = row?.timeZone ?? null
  const zone = resolveStoreZone(setting)
  return {
    timeZoneSetting: setting,
    timeZone: zone?.kind === 'iana' ? zone.zone : null,
    offsetMinutes: zone?.kind === 'fixed' ? zone.offsetMinutes : null,
    currency: { code: row?.code ?? null, symbol: row?.symbol ?? null },
  }
}

function readSettings(db: Database): SettingsRow | undefined {
  return db
    .prepare(
      `SELECT time_zone AS timeZone, currency_code AS code,
         currency_symbol AS symbol
       FROM store_settings WHERE id = 1`,
    )
    .get() as SettingsRow | undefined
}
