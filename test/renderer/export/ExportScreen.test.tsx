import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { archivePathFor } from '../../../src/main/platform/paths.ts'
import { ExportScreen } from '../../../src/renderer/src/export/ExportScreen.tsx'
import { openFolder } from '../../../src/renderer/src/export/OpenFolderButton.tsx'
import { useNavigation } from '../../../src/renderer/src/state/navigation.ts'
import { addTrickyRecords } from '../../export/helpers.ts'
import {
  installRealApi,
  renderWithTheme,
  type Harness,
} from '../wizard/harness.tsx'

const STORE = 'shop-1'
let harness: Harness

beforeEach(() => {
  harness = installRealApi()
  const file = archivePathFor(harness.userDataDir, STORE)
  mkdirSync(join(harness.userDataDir, 'archives'), { recursive: true })
  addTrickyRecords(file)
  useNavigation.setState({ section: 'export', storeId: STORE })
})

afterEach(async () => {
  await harness.close()
})

describe('export screen', () => {
  it('lists the formats with an explanation each', async () => {
    renderWithTheme(<ExportScreen />)
    const group = await screen.findByRole('group', { name: /Formats/ })
    for (const name of [
      'Excel workbook',
      'CSV files',
      'Shopify import',
      'WooCommerce import',
      'Product images',
    ]) {
      expect(
        within(group).getByRole('checkbox', { name: new RegExp(name) }),
      ).toBeInTheDocument()
    }
    expect(
      screen.getByText(/Every record exactly as the store sent it/),
    ).toBeInTheDocument()
    const folder = screen.getByRole('textbox', {
      name: /Export folder/,
    }) as HTMLInputElement
    expect(folder.value).toBe(join(harness.userDataDir, 'exports', STORE))
  })

  it('shows the fit report when Shopify is chosen', async () => {
    renderWithTheme(<ExportScreen />)
    await userEvent.click(
      await screen.findByRole('checkbox', { name: /Shopify import/ }),
    )
    expect(await screen.findByText('Fit for Shopify')).toBeInTheDocument()
    expect(
      await screen.findByText(/Checked 1 products, 1 customers/),
    ).toBeInTheDocument()
    expect(
      screen.getByRole('combobox', { name: /Weight unit/ }),
    ).toBeInTheDocument()
  })

  it('exports and offers to open the folder', async () => {
    renderWithTheme(<ExportScreen />)
    const folder = await screen.findByRole('textbox', { name: /Export folder/ })
    const target = join(harness.userDataDir, 'my-export')
    await userEvent.clear(folder)
    await userEvent.type(folder, target)
    await userEvent.click(screen.getByRole('button', { name: 'Export' }))
    expect(
      await screen.findByText('Export finished', {}, { timeout: 60_000 }),
    ).toBeInTheDocument()
    expect(
      screen.getByRole('button', { name: 'Open folder' }),
    ).toBeInTheDocument()
    expect(screen.getByText(/Secret fields/)).toBeInTheDocument()
    // The path shows next to the button, and the browser page shows where
    // the files are because it cannot open the folder itself.
    expect(screen.getByLabelText('Export folder path')).toHaveTextContent(
      target,
    )
    await userEvent.click(screen.getByRole('button', { name: 'Open folder' }))
    expect(await screen.findByRole('status')).toHaveTextContent(
      `A browser page cannot open folders on this computer. Open ${target} ` +
        'in your file manager.',
    )
    await waitFor(() => {
      expect(existsSync(join(target, 'workbook.xlsx'))).toBe(true)
    })
    expect(existsSync(join(target, 'csv', 'customers.csv'))).toBe(true)
  }, 90_000)

  it('explains a folder that is not a full path', async () => {
    renderWithTheme(<ExportScreen />)
    const folder = await screen.findByRole('textbox', { name: /Export folder/ })
    await userEvent.clear(folder)
    await userEvent.type(folder, 'relative/folder')
    await userEvent.click(screen.getByRole('button', { name: 'Export' }))
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('is not a full folder path')
  })

  it('explains an open folder failure', async () => {
    const missing = join(harness.userDataDir, 'gone')
    expect(await openFolder(missing)).toBe(
      `Could not open the folder: ${missing} is not a folder on this ` +
        `computer, so it cannot be shown. The files are in ${missing}.`,
    )
  })
})
