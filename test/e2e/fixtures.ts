/**
 * Fixtures for browser-mode end-to-end tests: a fresh user-data folder, the
 * real handlers behind the loopback bridge, and Debian's Chromium. Set
 * CHROMIUM_PATH to use another Chromium build.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import {
  test as base,
  chromium,
  type Browser,
  type Page,
} from '@playwright/test'
import {
  startBrowserApp,
  type BrowserApp,
} from '../../src/main/bridge/browser-app.ts'

export const repoRoot = resolve(import.meta.dirname, '../..')
export const rendererDir = join(repoRoot, 'out/renderer')
export const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium'

/** Flags that keep Chromium off the network on a closed machine. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
]

export interface AppFixture {
  app: BrowserApp
  /** Opens the app's page; the bridge secret travels in the fragment. */
  open(page: Page): Promise<void>
  /** Restarts the background process on the same user-data folder. */
  restart(): Promise<void>
}

export const test = base.extend<
  { wizard: AppFixture; page: Page },
  { browser: Browser }
>({
  browser: [
    async ({}, use) => {
      const browser = await chromium.launch({
        executablePath: chromiumPath,
        args: CHROMIUM_ARGS,
      })
      await use(browser)
      await browser.close()
    },
    { scope: 'worker' },
  ],
  page: async ({ browser }, use) => {
    const context = await browser.newContext({
      viewport: { width: 1024, height: 700 },
    })
    const page = await context.newPage()
    await use(page)
    await context.close()
  },
  wizard: async ({}, use) => {
    const userDataDir = mkdtempSync(join(tmpdir(), 'wizard-e2e-'))
    let app = await startBrowserApp({ userDataDir, staticDir: rendererDir })
    const fixture: AppFixture = {
      get app() {
        return app
      },
      open: async (page) => {
        await page.goto(app.bridge.appUrl)
      },
      restart: async () => {
        await app.close()
        app = await startBrowserApp({ userDataDir, staticDir: rendererDir })
      },
    }
    await use(fixture)
    await app.close()
    rmSync(userDataDir, { recursive: true, force: true })
  },
})

export { expect } from '@playwright/test'
