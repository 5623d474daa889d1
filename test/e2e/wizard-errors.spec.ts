import { createServer } from 'node:net'
import {
  startDemoStore,
  type DemoStore,
  type DemoStoreOptions,
} from '../../src/main/demo-store/index.ts'
import {
  credentialsOf,
  enterCredentials,
  expectAccessible,
  heading,
  shot,
  startWizardApp,
  type TypedCredentials,
  type WizardApp,
} from '../wizard/e2e-app.ts'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures.ts'

const OTHER_KEY = '0123456789abcdef0123456789abcdef'
const OTHER_TOKEN = 'fedcba9876543210fedcba9876543210'

let store: DemoStore | null = null
let wizardApp: WizardApp | null = null

test.afterEach(async () => {
  await wizardApp?.close()
  await store?.close()
  wizardApp = null
  store = null
})

async function startWith(options: DemoStoreOptions): Promise<DemoStore> {
  store = await startDemoStore({ size: 'tiny', seed: 5, ...options })
  wizardApp = await startWizardApp({ apiBaseUrl: store.baseUrl })
  return store
}

/** Finds a loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

async function testConnection(
  page: Page,
  typed: TypedCredentials,
): Promise<void> {
  await wizardApp!.open(page)
  await enterCredentials(page, typed)
  await page.getByRole('button', { name: 'Test connection' }).click()
  await expect(resultAlert(page)).toBeVisible({ timeout: 60_000 })
}

function resultAlert(page: Page) {
  return page
    .getByRole('alert')
    .filter({ hasText: 'The connection did not work' })
}

/** Follows the "Go back to step N" button and checks where it leads. */
async function followWayBack(page: Page, title: string): Promise<void> {
  const back = page.getByRole('button', { name: /^Go back to step \d/ })
  await expect(back).toBeVisible()
  await back.click()
  await expect(heading(page)).toHaveText(title)
}

test('wrong secure URL says where to find it', async ({ page }) => {
  const demo = await startWith({})
  await testConnection(page, {
    ...credentialsOf(demo),
    secureUrl: 'https://wrongstore.3dcartstores.com',
  })
  await expect(resultAlert(page)).toContainText(/secure url/i)
  await expectAccessible(page)
  await shot(page, test.info().outputPath('wrong-secure-url.png'))
  await followWayBack(page, 'Find the token')
})

test('wrong key or token leads back to the keys', async ({ page }) => {
  const demo = await startWith({
    credentials: { privateKey: OTHER_KEY, token: OTHER_TOKEN },
  })
  await testConnection(page, {
    ...credentialsOf(demo),
    privateKey: 'a'.repeat(32),
    token: 'b'.repeat(32),
  })
  await expect(resultAlert(page)).toContainText(/key|token/i)
  await shot(page, test.info().outputPath('wrong-key.png'))
  await followWayBack(page, 'Find the token')
})

test('module without read access is named', async ({ page }) => {
  const demo = await startWith({ scopes: { Orders: false } })
  await testConnection(page, credentialsOf(demo))
  const alert = resultAlert(page)
  await expect(alert).toContainText('Orders')
  await shot(page, test.info().outputPath('missing-scope.png'))
  // The rest can still be copied.
  await page.getByRole('button', { name: 'Continue without them' }).click()
  await expect(heading(page)).toHaveText('Choose what to copy')
  await expect(
    page.getByRole('checkbox', { name: 'Copy Orders' }),
  ).toBeDisabled()
  await page.getByRole('button', { name: 'Back' }).click()
  await followWayBack(page, 'Create the API app')
})

test('app without any access leads back', async ({ page }) => {
  const scopes = Object.fromEntries(
    [
      'StoreSettings',
      'OrderStatus',
      'CustomerGroups',
      'Manufacturers',
      'Distributors',
      'Categories',
      'Products',
      'Customers',
      'Orders',
      'Promotions',
      'GiftRegistries',
      'RMA',
      'CRM',
      'Webhooks',
      'FrontendScripts',
      'PaymentTokens',
    ].map((module) => [module, false]),
  )
  const demo = await startWith({ scopes })
  await testConnection(page, credentialsOf(demo))
  await shot(page, test.info().outputPath('not-authorized.png'))
  await followWayBack(page, 'Find the token')
})

test('no network says to check the connection', async ({ page }) => {
  const port = await closedPort()
  wizardApp = await startWizardApp({
    apiBaseUrl: `http://127.0.0.1:${port}/3dCartWebAPI/v1`,
  })
  await testConnection(page, {
    secureUrl: 'https://mystore.3dcartstores.com',
    privateKey: 'a'.repeat(32),
    token: 'b'.repeat(32),
  })
  await expect(page.getByRole('button', { name: 'Test again' })).toBeVisible()
  await shot(page, test.info().outputPath('no-network.png'))
})

test('pull through faults shows retries calmly', async ({ page }) => {
  const demo = await startWith({
    faults: ['empty-500', 'html-502', 'reset'],
    faultRate: 0.15,
    faultSeed: 3,
  })
  await wizardApp!.open(page)
  await enterCredentials(page, credentialsOf(demo))
  await page.getByRole('button', { name: 'Test connection' }).click()
  await expect(page.getByText('Connected')).toBeVisible({ timeout: 60_000 })
  await page.getByRole('button', { name: 'Next' }).click()
  await page.getByRole('button', { name: 'Start copying' }).click()
  await expect(
    page.getByText('Done: your data is on this computer.'),
  ).toBeVisible({ timeout: 110_000 })
  await expect(
    page.getByText(/tried again by itself\. Nothing to do/),
  ).toBeVisible()
  await shot(page, test.info().outputPath('faults-done.png'))
})
