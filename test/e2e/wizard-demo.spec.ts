import { expectAccessible, heading, shot } from '../wizard/e2e-app.ts'
import { expect, test } from './fixtures.ts'

test('demo store goes from welcome to a pull', async ({ page, wizard }) => {
  await wizard.open(page)
  await page.getByRole('button', { name: 'Try with the demo store' }).click()
  await expect(heading(page)).toHaveText('Connect to your store')
  await expect(page.getByText('Connected')).toBeVisible()
  await expect(
    page.getByText(/real stores are limited to 2 requests per second/),
  ).toBeVisible()
  await shot(page, test.info().outputPath('demo-connect.png'))
  await page.getByRole('button', { name: 'Next' }).click()
  await expect(heading(page)).toHaveText('Choose what to copy')
  await expect(page.getByText('The demo store answers faster.')).toBeVisible()
  await page.getByRole('button', { name: 'Start copying' }).click()
  await expect(
    page.getByText('Done: your data is on this computer.'),
  ).toBeVisible({
    timeout: 90_000,
  })
  await expectAccessible(page)
  await shot(page, test.info().outputPath('demo-done.png'))
})

test('dark theme stays readable', async ({ browser, wizard }) => {
  const context = await browser.newContext({
    viewport: { width: 1024, height: 700 },
    colorScheme: 'dark',
  })
  const page = await context.newPage()
  await wizard.open(page)
  await expect(heading(page)).toContainText('Welcome')
  await page.getByRole('button', { name: 'Start setup' }).click()
  await expect(heading(page)).toHaveText('Create the API app')
  await expectAccessible(page)
  await shot(page, test.info().outputPath('dark-create-app.png'))
  await context.close()
})
