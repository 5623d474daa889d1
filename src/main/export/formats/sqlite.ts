/**
 * `sqlite`: a compacted copy of the archive made with `VACUUM INTO`. The copy
 * then loses the sensitive entities and sensitive keys of raw JSON, and is
 * vacuumed again so that the removed bytes do not linger in free pages.
 */
import { statSync } from 'node:fs'
import Database from 'better-sqlite3'
import { ENTITIES } from '../../../shared/entities.ts'
import { quoteIdentifier, tableColumns } from '../../archive/schema.ts'
import { throwIfCancelled, toExportError } from '../errors.ts'
import { mayContainSensitive, stripSensitiveJson } from '../sensitive.ts'
import type { FormatContext } from '../types.ts'

const NAME = 'archive.sqlite'

export async function writeSqliteCopy(context: FormatContext): Promise<void> {
  const reserved = await context.folder.reserve(NAME)
  context.report({ format: 'sqlite', step: NAME, done: 0, total: null })
  try {
    context.source.db.prepare('VACUUM INTO ?').run(reserved.partialPath)
  } catch (error) {
    throw toExportError(context.folder.dir, error)
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
    if (removed > 0) db.exec('VACUUM')
    return removed
  } finally {
    db.close()
  }
}
