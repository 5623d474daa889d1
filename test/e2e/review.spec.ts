/**
 * The review section on an archive pulled from the demo store: find a
 * customer by email, open one of their orders, filter orders by status and
 * date, and open the dashboard. Screenshots are saved as artifacts.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import Database from 'better-sqlite3'
import type { Page } from '@playwright/test'
import { pullDemoArchive } from '../review/demo-archive.ts'
import { expect as baseExpect, test } from './fixtures.ts'

// The machine running these tests is shared, so waits are generous; they
// bound how long to wait, not how fast the app must be.
const expect = baseExpect.configure({ timeout: 30_000 })

interface Facts {
  email: string
  orderTitle: string
  statusLabel: string
  statusCount: number
  dateCount: number
  total: number
  /** Order number of the oldest order, the last row in the default sort. */
  oldestTitle: string
}

/** Reads the expected values straight from the archive file. */
function factsOf(file: string): Facts {
  const db = new Database(file, { readonly: true })
  try {
    const order = db
      .prepare(
        `SELECT o.id, o.invoice_display, c.email FROM orders o
         JOIN customers c ON c.id = o.customer_id
         WHERE o.is_abandoned = 0 AND c.email LIKE '%@%'
           AND EXISTS (SELECT 1 FROM order_items i WHERE i.parent_id = o.id)
           AND EXISTS (SELECT 1 FROM order_shipments s WHERE s.parent_id = o.id)
           AND EXISTS (SELECT 1 FROM order_transactions t WHERE t.parent_id = o.id)
         ORDER BY o.id LIMIT 1`,
      )
      .get() as { id: number; invoice_display: string; email: string }
    const status = db
      .prepare(
        `SELECT s.id, s.status_text AS label FROM order_statuses s
         WHERE s.id = 4`,
      )
      .get() as { id: number; label: string }
    const count = (sql: string) => db.prepare(sql).pluck().get() as number
    return {
      email: order.email,
      orderTitle: order.invoice_display,
      statusLabel: status.label,
      statusCount: count(
        'SELECT count(*) FROM orders WHERE order_status_id = 4',
      ),
      // The filter takes store days: the demo store is in New York, five
      // hours behind UTC in January.
      dateCount: count(
        `SELECT count(*) FROM orders WHERE order_status_id = 4
         AND order_date_utc >= '2024-01-01T05:00:00Z'
         AND order_date_utc < '2025-01-01T05:00:00Z'`,
      ),
      total: count('SELECT count(*) FROM orders'),
      oldestTitle: db
        .prepare(
          'SELECT invoice_display FROM orders ORDER BY order_date_utc ASC, id ASC LIMIT 1',
        )
        .pluck()
        .get() as string,
    }
  } finally {
    db.close()
  }
}

async function expectNoSeriousViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze()
  const serious = results.violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  )
  expect(
    serious.map(
      (v) =>
        `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    ),
  ).toEqual([])
}

async function choose(
  page: Page,
  label: string,
  option: string,
): Promise<void> {
  await page.getByRole('combobox', { name: label, exact: true }).click()
  await page.getByRole('option', { name: option, exact: true }).click()
}

test('review a pulled demo store', async ({ page, wizard }) => {
  test.setTimeout(300_000)
  const archives = join(wizard.app.userDataDir, 'archives')
  mkdirSync(archives, { recursive: true })
  const file = join(archives, 'demo.sqlite')
  await pullDemoArchive(file, 'small')
  const facts = factsOf(file)

  await wizard.open(page)
  await page.getByRole('tab', { name: 'Review' }).click()
  const grid = page.getByRole('grid', { name: 'Orders table' })
  await expect(grid).toBeVisible()
  await expect(page.getByTestId('row-count')).toHaveText(
    `${facts.total.toLocaleString('en-US')} of ${facts.total.toLocaleString('en-US')} orders`,
  )
  await expect(grid.getByRole('row').nth(1)).not.toContainText('…')
  await expect(
    page.getByText("Times are in the store's time zone (America/New_York)."),
  ).toBeVisible()
  await page.screenshot({ path: test.info().outputPath('orders-grid.png') })
  await expectNoSeriousViolations(page)

  // Ctrl+End jumps to the last row, whose page loads on its own.
  await grid.focus()
  await page.keyboard.press('Control+End')
  await expect(
    grid.getByRole('gridcell', { name: facts.oldestTitle, exact: true }),
  ).toBeVisible()

  // Find the customer by email and open one of their orders.
  await page.getByLabel('Search everything').fill(facts.email)
  const results = page.getByRole('list', { name: 'Search results' })
  await results
    .getByRole('listitem')
    .filter({ hasText: 'Customers' })
    .first()
    .click()
  const detail = page.getByRole('region', { name: 'Record detail' })
  await expect(detail.getByRole('heading', { level: 3 })).toContainText(
    facts.email,
  )
  await detail
    .getByRole('button', { name: facts.orderTitle, exact: true })
    .click()
  await expect(detail.getByRole('heading', { level: 3 })).toContainText(
    facts.orderTitle,
  )
  for (const section of ['Items', 'Shipments', 'Transactions']) {
    await expect(
      detail.getByRole('heading', { name: new RegExp(`^${section} \\(`) }),
    ).toBeVisible()
    await expect(detail.getByRole('table', { name: section })).toBeVisible()
  }
  await expect(detail.getByRole('table', { name: 'Items' })).not.toContainText(
    '<br>',
  )
  await page.screenshot({ path: test.info().outputPath('order-detail.png') })
  await expectNoSeriousViolations(page)
  await detail.getByRole('button', { name: 'Close' }).click()

  // Filter orders by status, then by order date.
  await page.getByRole('button', { name: 'Add filter' }).click()
  await choose(page, 'Column', 'Status')
  await page
    .getByRole('checkbox', { name: facts.statusLabel, exact: true })
    .check()
  await page.getByRole('button', { name: 'Apply filter' }).click()
  await expect(page.getByTestId('row-count')).toHaveText(
    `${facts.statusCount.toLocaleString('en-US')} of ${facts.total.toLocaleString('en-US')} orders`,
  )
  await page.getByRole('button', { name: 'Add filter' }).click()
  await choose(page, 'Column', 'Order date')
  await page
    .getByRole('textbox', { name: 'From', exact: true })
    .fill('2024-01-01')
  await page
    .getByRole('textbox', { name: 'To', exact: true })
    .fill('2024-12-31')
  await page.getByRole('button', { name: 'Apply filter' }).click()
  await expect(page.getByTestId('row-count')).toHaveText(
    `${facts.dateCount.toLocaleString('en-US')} of ${facts.total.toLocaleString('en-US')} orders`,
  )
  await page.screenshot({ path: test.info().outputPath('orders-filtered.png') })

  // The dashboard with its charts.
  await page.getByRole('tab', { name: 'Dashboard' }).click()
  await expect(
    page
      .getByRole('region', { name: 'Orders by month (UTC)' })
      .locator('svg.recharts-surface'),
  ).toBeVisible()
  await expect(
    page
      .getByRole('region', { name: 'Customers by country' })
      .locator('svg.recharts-surface'),
  ).toBeVisible()
  await expect(
    page.getByRole('table', { name: 'Order statuses' }),
  ).toContainText(facts.statusLabel)
  await page.screenshot({
    path: test.info().outputPath('dashboard.png'),
    fullPage: true,
  })
  await expectNoSeriousViolations(page)

  await page.getByRole('tab', { name: 'Completeness' }).click()
  await expect(
    page.getByRole('table', { name: 'Records per kind' }),
  ).toContainText('Orders')
  await page.screenshot({
    path: test.info().outputPath('completeness.png'),
    fullPage: true,
  })

  await page.getByRole('tab', { name: 'What changed' }).click()
  await expect(page.getByText(/added · .* changed/).first()).toBeVisible()
  await page.screenshot({
    path: test.info().outputPath('changes.png'),
    fullPage: true,
  })

  // The same screens follow a dark system theme.
  await page.emulateMedia({ colorScheme: 'dark' })
  await page.getByRole('tab', { name: 'Browse records' }).click()
  await expect(grid).toBeVisible()
  await grid.getByRole('row').nth(1).click()
  await expect(detail.getByRole('table', { name: 'Items' })).toBeVisible()
  await page.screenshot({ path: test.info().outputPath('dark-detail.png') })
  await expectNoSeriousViolations(page)
})
