/**
 * Helpers for the wizard's end-to-end specs: the app in browser mode
 * pointed at a demo store that the spec starts on 127.0.0.1 with chosen
 * credentials, scopes and faults, and the steps a merchant clicks through.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import { expect, type Page } from '@playwright/test'
import {
  startBrowserApp,
  type BrowserApp,
} from '../../src/main/bridge/browser-app.ts'
import type { DemoStore } from '../../src/main/demo-store/index.ts'
import { rendererDir } from '../e2e/fixtures.ts'

export interface WizardApp {
  readonly app: BrowserApp
  userDataDir: string
  open(page: Page): Promise<void>
  /** Closes the background process and starts it again on the same data. */
  restart(): Promise<void>
  close(): Promise<void>
}

export async function startWizardApp(
  options: { apiBaseUrl?: string; demoLatencyMs?: number } = {},
): Promise<WizardApp> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'wizard-e2e-'))
  const start = () =>
    startBrowserApp({
      userDataDir,
      staticDir: rendererDir,
      ...(options.apiBaseUrl ? { apiBaseUrl: options.apiBaseUrl } : {}),
      ...(options.demoLatencyMs
        ? { demoLatencyMs: options.demoLatencyMs }
        : {}),
    })
  let app = await start()
  return {
    get app() {
      return app
    },
    userDataDir,
    open: async (page) => {
      await page.goto(app.bridge.appUrl)
    },
    restart: async () => {
      await app.close()
      app = await start()
    },
    close: async () => {
      await app.close()
      rmSync(userDataDir, { recursive: true, force: true })
    },
  }
}

/** Fails on any serious or critical accessibility violation. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze()
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => {
      const nodes = v.nodes.map(
        (n) => `${n.target.join(' ')} (${n.failureSummary ?? ''})`,
      )
      return `${v.id}: ${nodes.join(', ')}`
    })
  expect(serious).toEqual([])
}

export function field(page: Page, label: string) {
  return page.getByLabel(new RegExp(`^${label}`)).first()
}

export function heading(page: Page) {
  return page.getByRole('heading', { level: 1 })
}

export interface TypedCredentials {
  secureUrl: string
  privateKey: string
  token: string
}

export function credentialsOf(store: DemoStore): TypedCredentials {
  return {
    secureUrl: store.secureUrl,
    privateKey: store.privateKey,
    token: store.token,
  }
}

/** Walks from Welcome to the Connect step, typing each credential. */
export async function enterCredentials(
  page: Page,
  credentials: TypedCredentials,
): Promise<void> {
  await page.getByRole('button', { name: 'Start setup' }).click()
  await expect(heading(page)).toHaveText('Create the API app')
  await field(page, 'Private key').fill(credentials.privateKey)
  await page.getByRole('button', { name: 'Next' }).click()
  await expect(heading(page)).toHaveText('Authorize the app in your store')
  await field(page, 'Secure URL').fill(credentials.secureUrl)
  await page.getByRole('button', { name: 'Next' }).click()
  await expect(heading(page)).toHaveText('Find the token')
  await field(page, 'Token').fill(credentials.token)
  await page.getByRole('button', { name: 'Next' }).click()
  await expect(heading(page)).toHaveText('Connect to your store')
}

export async function shot(page: Page, path: string): Promise<void> {
  await page.screenshot({ path, fullPage: true })
}
