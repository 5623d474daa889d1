import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { archivePathFor } from '../../../src/main/platform/paths.ts'
import { ExportViewButton } from '../../../src/renderer/src/export/ExportViewButton.tsx'
import { addTrickyRecords } from '../../export/helpers.ts'
import {
  installRealApi,
  renderWithTheme,
  type Harness,
} from '../wizard/harness.tsx'

const STORE = 'shop-2'
let harness: Harness

beforeEach(() => {
  harness = installRealApi()
  mkdirSync(join(harness.userDataDir, 'archives'), { recursive: true })
  addTrickyRecords(archivePathFor(harness.userDataDir, STORE))
})

afterEach(async () => {
  await harness.close()
})

describe('export view button', () => {
  it('writes only the rows of the view', async () => {
    renderWithTheme(
      <ExportViewButton
        storeId={STORE}
        view={{
          entity: 'customers',
          filters: [
            { kind: 'text', column: 'email', op: 'contains', value: 'tricky' },
          ],
          search: '',
        }}
      />,
    )
    await userEvent.click(
      screen.getByRole('button', { name: 'Export view to CSV' }),
    )
    expect(
      await screen.findByRole(
        'button',
        { name: 'Saved. Open folder' },
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument()
    const file = join(
      harness.userDataDir,
      'exports',
      STORE,
      'views',
      'customers',
      'csv',
      'customers.csv',
    )
    const rows = parse(readFileSync(file, 'utf8'), {
      bom: true,
      columns: true,
    }) as Array<Record<string, string>>
    expect(rows.map((r) => r['email'])).toEqual(['zoë.tricky@example.com'])
  })

  it('finds no rows when the filter matches none', async () => {
    renderWithTheme(
      <ExportViewButton
        storeId={STORE}
        view={{
          entity: 'customers',
          filters: [
            {
              kind: 'text',
              column: 'email',
              op: 'equals',
              value: 'nobody@example.com',
            },
          ],
          search: '',
        }}
      />,
    )
    await userEvent.click(
      screen.getByRole('button', { name: 'Export view to CSV' }),
    )
    await screen.findByRole(
      'button',
      { name: 'Saved. Open folder' },
      { timeout: 10_000 },
    )
    const file = join(
      harness.userDataDir,
      'exports',
      STORE,
      'views',
      'customers',
      'csv',
      'customers.csv',
    )
    expect(readFileSync(file, 'utf8').trim().split('\r\n')).toHaveLength(1)
  })
})
