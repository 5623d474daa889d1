/**
 * The export section on an archive pulled from the demo store: choose
 * formats, read the Shopify fit report, export, and see the files and the
 * "Open folder" button. Screenshots are saved as artifacts.
 */
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { startDemoStore } from '../../src/main/demo-store/index.ts'
import { archivePathFor } from '../../src/main/platform/paths.ts'
import { addTrickyRecords, pullDemo } from '../export/helpers.ts'
import { expect, test } from './fixtures.ts'

const STORE = 'demo-export'

async function seriousViolations(page: Page): Promise<string[]> {
  // A hovered button shows its hover shade; check the resting colours.
  await page.mouse.move(0, 0)
  const result = await new AxeBuilder({ page }).analyze()
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

test('exports the demo store for Shopify and Excel', async ({
  page,
  wizard,
}) => {
  test.setTimeout(120_000)
  const store = await startDemoStore({ size: 'tiny', seed: 1 })
  const file = archivePathFor(wizard.app.userDataDir, STORE)
  mkdirSync(join(wizard.app.userDataDir, 'archives'), { recursive: true })
  try {
    await pullDemo(store, file)
  } finally {
    await store.close()
  }
  addTrickyRecords(file)

  await wizard.open(page)
  await page.getByRole('tab', { name: 'Export' }).click()
  await expect(
    page.getByRole('heading', { level: 1, name: 'Export' }),
  ).toBeVisible()
  await expect(
    page.getByRole('checkbox', { name: /Excel workbook/ }),
  ).toBeChecked()

  await page.getByRole('checkbox', { name: /Shopify import/ }).check()
  await expect(page.getByText('Fit for Shopify')).toBeVisible()
  await expect(page.getByText(/More than 100 variants: \d+/)).toBeVisible()
  await page.screenshot({
    path: test.info().outputPath('export-fit-report.png'),
    fullPage: true,
  })
  expect(await seriousViolations(page)).toEqual([])

  const target = join(wizard.app.userDataDir, 'exports-e2e')
  await page.getByRole('textbox', { name: /Export folder/ }).fill(target)
  await page.getByRole('button', { name: 'Export', exact: true }).click()
  await expect(page.getByText('Export finished')).toBeVisible({
    timeout: 60_000,
  })
  await expect(page.getByRole('button', { name: 'Open folder' })).toBeVisible()
  await page.screenshot({
    path: test.info().outputPath('export-finished.png'),
    fullPage: true,
  })
  expect(await seriousViolations(page)).toEqual([])

  for (const name of [
    'workbook.xlsx',
    'csv/orders.csv',
    'shopify/products.csv',
    'export-summary.json',
  ]) {
    expect(existsSync(join(target, name)), name).toBe(true)
  }
})
