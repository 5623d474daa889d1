import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import type BetterSqlite3 from 'better-sqlite3'
import { Archive } from '../../src/main/archive/index.ts'
import { openDatabase } from '../../src/main/archive/open.ts'
import { SubstringIndex } from '../../src/main/archive/search.ts'
import { requireCatalog } from '../../src/main/review/sql.ts'
import { countRows, queryRows } from '../../src/main/review/query.ts'
import { drivingTextMatch } from '../../src/main/review/text-match.ts'
import type { ReviewFilter } from '../../src/shared/review-query.ts'
import { order, records } from '../archive/helpers.ts'
import { tempDir } from './fixture.ts'

let folder: ReturnType<typeof tempDir>
/** Archive whose trigram index is fresh. */
let fresh: BetterSqlite3.Database
/** The same archive with the trigram index stale, as during a full pull. */
let stale: BetterSqlite3.Database

beforeAll(() => {
  folder = tempDir()
  const freshFile = join(folder.dir, 'fresh.sqlite')
  const archive = Archive.open(freshFile)
  const runId = archive.startRun('incremental', ['orders'])
  archive.upsertPage(
    'orders',
    records([
      order(1, { BillingEmail: 'JÖRG.MÜLLER@EXAMPLE.DE' }),
      order(2, { BillingEmail: 'jörg.müller@example.de' }),
      order(3, { BillingEmail: 'Jorg.Muller@Example.de' }),
    ]),
  )
  archive.finishRun(runId, 'completed')
  archive.close()

  const staleFile = join(folder.dir, 'stale.sqlite')
  const copy = openDatabase(freshFile)
  copy.exec(`VACUUM INTO '${staleFile}'`)
  copy.close()
  const writer = openDatabase(staleFile)
  new SubstringIndex(writer).suspend()
  writer.close()

  fresh = openDatabase(freshFile, { readonly: true })
  stale = openDatabase(staleFile, { readonly: true })
})

afterAll(() => {
  fresh.close()
  stale.close()
  folder.cleanup()
})

function emailContains(value: string): ReviewFilter {
  return { kind: 'text', column: 'billing_email', op: 'contains', value }
}

function found(db: BetterSqlite3.Database, value: string): unknown[] {
  const page = queryRows(db, {
    entity: 'orders',
    filters: [emailContains(value)],
    sort: { column: 'id', direction: 'asc' },
  })
  return page.rows.map((row) => row['id'])
}

function counted(db: BetterSqlite3.Database, value: string): number {
  return countRows(db, { entity: 'orders', filters: [emailContains(value)] })
    .matching
}

describe('email contains filter case', () => {
  it('uses the trigram index only when fresh', () => {
    const catalog = requireCatalog('orders')
    const view = { filters: [emailContains('jörg')], search: '' }
    expect(drivingTextMatch(fresh, catalog, view)?.index).toBe('search_trigram')
    expect(drivingTextMatch(stale, catalog, view)).toBeNull()
  })

  it('gives the same rows on both paths', () => {
    const cases: Array<[string, number[]]> = [
      ['EXAMPLE', [1, 2, 3]],
      ['jorg', [3]],
      ['jörg', [2]],
      ['JÖRG', [1]],
      ['jö', [2]],
      ['ÜL', [1]],
    ]
    for (const [value, ids] of cases) {
      expect(found(fresh, value), `fresh "${value}"`).toEqual(ids)
      expect(found(stale, value), `stale "${value}"`).toEqual(ids)
      expect(counted(fresh, value), `fresh count "${value}"`).toBe(ids.length)
      expect(counted(stale, value), `stale count "${value}"`).toBe(ids.length)
    }
  })
})
