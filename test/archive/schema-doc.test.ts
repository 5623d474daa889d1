import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Archive } from '../../src/main/archive/index.ts'
import {
  SCHEMA_DOC_PATH,
  renderSchemaDoc,
} from '../../src/main/archive/schema-doc.ts'
import { order, records, tempDir } from './helpers.ts'

const documentText = readFileSync(SCHEMA_DOC_PATH, 'utf8')

describe('docs/archive-schema.md', () => {
  it('lists the columns the archive creates', async () => {
    // Regenerate with: node src/main/archive/schema-doc.ts --write
    expect(await renderSchemaDoc(documentText)).toBe(documentText)
  })

  describe('sample queries', () => {
    let folder: { dir: string; cleanup: () => void }
    let archive: Archive

    beforeAll(() => {
      folder = tempDir()
      archive = Archive.open(join(folder.dir, 'store.sqlite'))
      const runId = archive.startRun('full', ['orders'])
      archive.upsertPage(
        'orders',
        records([order(1), order(2, { OrderStatusID: 7 })]),
      )
      archive.recordStoreCount(runId, 'orders', 2)
      archive.finishRun(runId, 'completed')
    })

    afterAll(() => {
      archive.close()
      folder.cleanup()
    })

    const queries = [...documentText.matchAll(/```sql\n([\s\S]*?)```/g)].map(
      (match) => match[1] ?? '',
    )

    it('exist', () => {
      expect(queries.length).toBeGreaterThan(5)
    })

    it.each(queries.map((query) => [query.split('\n')[0], query]))(
      'runs %s',
      (_first, query) => {
        expect(() => archive.db.prepare(query).all()).not.toThrow()
      },
    )

    it('documents every table of the file', () => {
      const tables = archive.db
        .prepare(
          "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'search_index%' AND name NOT LIKE 'search_trigram%' AND name NOT LIKE 'sqlite%'",
        )
        .pluck()
        .all() as string[]
      for (const table of tables) {
        expect(documentText, table).toContain(`\`${table}\``)
      }
    })
  })
})
