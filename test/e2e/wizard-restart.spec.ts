import {
  heading,
  shot,
  startWizardApp,
  type WizardApp,
} from '../wizard/e2e-app.ts'
import { expect, test } from './fixtures.ts'

let wizardApp: WizardApp

test.beforeEach(async () => {
  // A slow demo store keeps the pull running long enough to close the app.
  wizardApp = await startWizardApp({ demoLatencyMs: 400 })
})
test.afterEach(async () => {
  await wizardApp.close()
})

test('pull continues after the app restarts', async ({ page }) => {
  await wizardApp.open(page)
  await page.getByRole('button', { name: 'Try with the demo store' }).click()
  await expect(page.getByText('Connected')).toBeVisible({ timeout: 60_000 })
  await page.getByRole('button', { name: 'Next' }).click()
  await page.getByRole('button', { name: 'Start copying' }).click()
  await expect(heading(page)).toHaveText('Copy your data')
  await expect(page.getByText('Copying your data…')).toBeVisible()
  await expect(
    page.getByRole('progressbar', { name: /^Order statuses: 100%/ }),
  ).toBeVisible({ timeout: 60_000 })
  await shot(page, test.info().outputPath('before-restart.png'))

  await wizardApp.restart()
  await wizardApp.open(page)
  await expect(heading(page)).toHaveText('Copy your data')
  await expect(
    page.getByText('Done: your data is on this computer.'),
  ).toBeVisible({ timeout: 110_000 })
  const verification = page.getByRole('table', { name: 'Verification' })
  await expect(
    verification.getByRole('row', { name: /^Orders/ }),
  ).toContainText('Complete')
  await expect(verification).not.toContainText('Some records missing')
  await shot(page, test.info().outputPath('after-restart.png'))
})

test('pause and resume a pull', async ({ page }) => {
  await wizardApp.open(page)
  await page.getByRole('button', { name: 'Try with the demo store' }).click()
  await expect(page.getByText('Connected')).toBeVisible({ timeout: 60_000 })
  await page.getByRole('button', { name: 'Next' }).click()
  await page.getByRole('button', { name: 'Start copying' }).click()
  await page.getByRole('button', { name: 'Pause' }).click()
  await expect(page.getByText('Paused. Your place is saved.')).toBeVisible()
  await shot(page, test.info().outputPath('paused.png'))
  await page.getByRole('button', { name: 'Resume' }).click()
  await expect(
    page.getByText('Done: your data is on this computer.'),
  ).toBeVisible({ timeout: 110_000 })
})
