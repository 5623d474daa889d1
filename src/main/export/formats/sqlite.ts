/**
 * `sqlite`: a copy of the archive made with SQLite's online backup on the
 * export's connection, so it copies the same snapshot as the export's other
 * files read. `VACUUM INTO` cannot run there, because SQLite rejects VACUUM
 * inside a transaction. The copy then loses the sensitive entities and
 * sensitive keys of raw JSON, and is vacuumed when that or the archive left
 * free pages, so that removed bytes do not linger in them.
 */
import { statSync } from 'node:fs'
import Database from 'better-sqlite3'
import { ENTITIES } from '../../../shared/entities.ts'
import { quoteIdentifier, tableColumns } from '../../archive/schema.ts'
import { sqliteCode } from '../../archive/errors.ts'
import { diskFullError, throwIfCancelled, toExportError } from '../errors.ts'
import { mayContainSensitive, stripSensitiveJson } from '../sensitive.ts'
import type { FormatContext } from '../types.ts'

const NAME = 'archive.sqlite'
/** Pages the backup copies per step between event loop turns (4 MB at 4 KB). */
const BACKUP_PAGES_PER_STEP = 1_000

export async function writeSqliteCopy(context: FormatContext): Promise<void> {
  const reserved = await context.folder.reserve(NAME)
  context.report({ format: 'sqlite', step: NAME, done: 0, total: null })
  try {
    // The backup reads through the connection's open read transaction, so
    // commits of a running pull do not restart it or reach the copy.
    await context.source.db.backup(reserved.partialPath, {
      progress: () => {
        throwIfCancelled(context.signal)
        return BACKUP_PAGES_PER_STEP
      },
    })
  } catch (error) {
    throw backupError(context.folder.dir, error)
  }
  throwIfCancelled(context.signal)
  let removed: number
  try {
    removed = scrubCopy(reserved.partialPath)
  } catch (error) {
    throw toExportError(context.folder.dir, error)
  }
  throwIfCancelled(context.signal)
  await reserved.commit()
  if (removed > 0) {
    context.leftOut.add(
      `${NAME}: ${removed} sensitive record(s) or field(s) removed from the copy`,
    )
  }
  const rows = ENTITIES.reduce((sum, e) => sum + context.source.count(e.key), 0)
  context.report({ format: 'sqlite', step: NAME, done: 1, total: 1 })
  context.written.push({
    format: 'sqlite',
    file: NAME,
    rows,
    bytes: statSync(reserved.path).size,
  })
}

/**
 * Maps a failed backup to an export error. better-sqlite3 13 reports only
 * the primary code of a backup step, so a write the file system refuses
 * arrives as SQLITE_IOERR rather than SQLITE_IOERR_WRITE.
 * NOTE: a read error of the archive during the backup is SQLITE_IOERR too,
 * and is then reported as a full disk.
 */
function backupError(folder: string, error: unknown): unknown {
  const code = sqliteCode(error)
  if (code === 'SQLITE_IOERR' || code === 'SQLITE_FULL') {
    return diskFullError(folder, error)
  }
  return toExportError(folder, error)
}

function hasRaw(
  db: Database.Database,
  tables: ReadonlySet<string>,
  table: string,
): boolean {
  return tables.has(table) && tableColumns(db, table).has('raw')
}

/** Removes secrets from the copy; returns how many rows or keys went. */
function scrubCopy(file: string): number {
  const db = new Database(file)
  try {
    // The backup copies the archive's WAL mode. A rollback journal keeps the
    // copy one file that opens without a -wal beside it.
    db.pragma('journal_mode = DELETE')
    let removed = 0
    const tables = new Set(
      db
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table'")
        .pluck()
        .all() as string[],
    )
    db.function('strip_sensitive', { deterministic: true }, (raw: unknown) =>
      typeof raw === 'string' ? stripSensitiveJson(raw).text : raw,
    )
    db.function('may_be_sensitive', { deterministic: true }, (raw: unknown) =>
      typeof raw === 'string' && mayContainSensitive(raw) ? 1 : 0,
    )
    db.transaction(() => {
      for (const entity of ENTITIES) {
        if (!tables.has(entity.key)) continue
        const name = quoteIdentifier(entity.key)
        if (entity.sensitive) {
          removed += db.prepare(`DELETE FROM ${name}`).run().changes
          if (tables.has('search_docs')) {
            db.prepare('DELETE FROM search_docs WHERE entity = ?').run(
              entity.key,
            )
          }
          continue
        }
        // Child tables have a raw column only in archives made by earlier
        // versions of the app.
        const rawTables = [entity.key, ...entity.childLists.map((l) => l.table)]
        for (const table of rawTables.filter((t) => hasRaw(db, tables, t))) {
          removed += db
            .prepare(
              `UPDATE ${quoteIdentifier(table)} SET raw = strip_sensitive(raw)
               WHERE may_be_sensitive(raw) AND strip_sensitive(raw) <> raw`,
            )
            .run().changes
        }
      }
    })()
    const freePages = db.pragma('freelist_count', { simple: true }) as number
    if (removed > 0 || freePages > 0) db.exec('VACUUM')
    return removed
  } finally {
    db.close()
  }
}
