import {
  startDemoStore,
  type DemoStore,
} from '../../src/main/demo-store/index.ts'
import {
  credentialsOf,
  enterCredentials,
  expectAccessible,
  field,
  heading,
  shot,
  startWizardApp,
  type WizardApp,
} from '../wizard/e2e-app.ts'
import { expect, test } from './fixtures.ts'

let store: DemoStore
let wizardApp: WizardApp

test.beforeEach(async () => {
  store = await startDemoStore({ size: 'tiny', seed: 11 })
  wizardApp = await startWizardApp({ apiBaseUrl: store.baseUrl })
})
test.afterEach(async () => {
  await wizardApp.close()
  await store.close()
})

test('new merchant reaches a completed pull', async ({ page }) => {
  // A real store's pace of 2 requests per second applies to this pull.
  test.setTimeout(240_000)
  const out = (name: string) => test.info().outputPath(name)
  await wizardApp.open(page)
  await expect(heading(page)).toContainText('Welcome')
  await expect(
    page.getByRole('navigation', { name: 'Setup steps' }),
  ).toBeVisible()
  await expectAccessible(page)
  await shot(page, out('1-welcome.png'))

  await page.getByRole('button', { name: 'Start setup' }).click()
  await expect(heading(page)).toHaveText('Create the API app')
  await field(page, 'Private key').fill('abc')
  await expect(
    page.getByText(/must be 32 characters long, but 3 were entered/),
  ).toBeVisible()
  await field(page, 'Private key').fill(store.privateKey)
  await expect(page.getByText('Private key looks right.')).toBeVisible()
  await expectAccessible(page)
  await shot(page, out('2-create-app.png'))
  await page.getByRole('button', { name: 'Next' }).click()

  await expect(heading(page)).toHaveText('Authorize the app in your store')
  await field(page, 'Secure URL').fill(store.secureUrl)
  await expect(
    page.getByText(`The app will connect to ${store.secureUrl}`),
  ).toBeVisible()
  await expectAccessible(page)
  await shot(page, out('3-authorize.png'))
  await page.getByRole('button', { name: 'Next' }).click()

  await expect(heading(page)).toHaveText('Find the token')
  await field(page, 'Token').fill(store.token)
  await expectAccessible(page)
  await shot(page, out('4-token.png'))
  await page.getByRole('button', { name: 'Next' }).click()

  await expect(heading(page)).toHaveText('Connect to your store')
  await expect(
    page.getByText('Keys are kept until the app closes'),
  ).toBeVisible()
  await page.getByRole('button', { name: 'Test connection' }).click()
  await expect(page.getByText('Connected')).toBeVisible()
  await expectAccessible(page)
  await shot(page, out('5-connect.png'))
  await page.getByRole('button', { name: 'Next' }).click()

  await expect(heading(page)).toHaveText('Choose what to copy')
  const ordersRow = page.getByRole('row', { name: /Orders/ }).first()
  await expect(ordersRow).toContainText(String(store.count('orders')))
  await expect(
    page.getByRole('checkbox', { name: 'Copy Orders' }),
  ).toBeChecked()
  await expect(
    page.getByRole('checkbox', { name: 'Copy Saved payment tokens' }),
  ).not.toBeChecked()
  await expect(page.getByText(/Disk space needed: about/)).toBeVisible()
  await expect(page.getByText(/2 requests per second/)).toBeVisible()
  await expectAccessible(page)
  await shot(page, out('6-choose.png'))
  await page.getByRole('button', { name: 'Start copying' }).click()

  await expect(heading(page)).toHaveText('Copy your data')
  await expect(
    page.getByText('Done: your data is on this computer.'),
  ).toBeVisible({
    timeout: 90_000,
  })
  const verification = page.getByRole('table', { name: 'Verification' })
  await expect(verification.getByRole('row', { name: /Orders/ })).toContainText(
    'Complete',
  )
  await expect(verification).not.toContainText('Some records missing')
  await expectAccessible(page)
  await shot(page, out('7-pull-done.png'))
  await page.getByRole('button', { name: 'Review my data' }).click()
  await expect(page.getByRole('tab', { name: 'Review' })).toHaveAttribute(
    'aria-selected',
    'true',
  )
})

test('progress survives a restart of the app', async ({ page }) => {
  await wizardApp.open(page)
  await enterCredentials(page, credentialsOf(store))
  await wizardApp.restart()
  await wizardApp.open(page)
  await expect(heading(page)).toHaveText('Connect to your store')
  // Browser mode cannot encrypt, so the key and token must be typed again.
  await expect(
    page.getByText('Keys are kept until the app closes'),
  ).toBeVisible()
})

test('keyboard alone walks the first steps', async ({ page }) => {
  await wizardApp.open(page)
  await expect(heading(page)).toContainText('Welcome')
  await page.getByRole('button', { name: 'Start setup' }).focus()
  await page.keyboard.press('Enter')
  await expect(heading(page)).toHaveText('Create the API app')
  await field(page, 'Private key').focus()
  await page.keyboard.type(store.privateKey)
  await page.getByRole('button', { name: 'Next' }).focus()
  await page.keyboard.press('Enter')
  await expect(heading(page)).toHaveText('Authorize the app in your store')
  await shot(page, test.info().outputPath('keyboard-focus.png'))
})
