import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import type BetterSqlite3 from 'better-sqlite3'
import { Archive } from '../../src/main/archive/index.ts'
import { findCatalog } from '../../src/main/review/catalog.ts'
import { columnExpression } from '../../src/main/review/sql.ts'
import { tempDir } from './fixture.ts'

let folder: ReturnType<typeof tempDir>
let archive: Archive

beforeAll(() => {
  folder = tempDir()
  archive = Archive.open(join(folder.dir, 'plans.sqlite'))
})

afterAll(() => {
  archive.close()
  folder.cleanup()
})

function plan(db: BetterSqlite3.Database, sql: string): string {
  const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{
    detail: string
  }>
  return rows.map((row) => row.detail).join('\n')
}

describe('order sort indexes', () => {
  const catalog = findCatalog('orders')!
  const shown = catalog.columns.filter((column) => column.visibleByDefault)

  it('cover every column shown by default', () => {
    expect(shown.map((column) => column.name)).toContain('billing_email')
    for (const column of shown) {
      for (const direction of ['ASC', 'DESC']) {
        const order = `${columnExpression(column)} ${direction}, t.id ${direction}`
        const detail = plan(
          archive.db,
          `SELECT t.id FROM orders t ORDER BY ${order} LIMIT 100`,
        )
        expect(detail, `${column.name} ${direction}`).not.toContain(
          'TEMP B-TREE',
        )
      }
    }
  })
})
