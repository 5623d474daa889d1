import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sheetLimits } from '../../src/main/export/formats/xlsx.ts'
import { runExport } from '../../src/main/export/run.ts'
import { addTrickyRecords, tempDir } from './helpers.ts'

let dir: { dir: string; cleanup: () => void }

beforeAll(() => {
  dir = tempDir()
  addTrickyRecords(join(dir.dir, 'small.sqlite'))
})

afterAll(() => {
  sheetLimits.maxDataRows = 1_048_575
  dir.cleanup()
})

describe('xlsx sheet split', () => {
  it('continues a table on the next sheet past the row limit', async () => {
    // The tricky product has 2 variants; a limit of 1 row needs 2 sheets.
    sheetLimits.maxDataRows = 1
    await runExport({
      archive: join(dir.dir, 'small.sqlite'),
      outDir: join(dir.dir, 'out'),
      formats: ['xlsx'],
      entities: ['products'],
    })
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(join(dir.dir, 'out', 'workbook.xlsx'))
    const first = workbook.getWorksheet('product_variants')!
    const second = workbook.getWorksheet('product_variants (2)')!
    expect(first.rowCount).toBe(2)
    expect(second.rowCount).toBe(2)
    expect(second.getRow(1).getCell(1).value).toBe('parent_id')
    const skus = [first, second].map((sheet) => {
      const headers = (sheet.getRow(1).values as unknown[]).slice(1)
      return sheet.getRow(2).getCell(headers.indexOf('sku') + 1).value
    })
    expect(skus).toEqual(['007-AGENT-BK', '007-AGENT-RD'])
  })
})
