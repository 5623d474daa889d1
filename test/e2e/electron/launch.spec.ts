/**
 * Starts the real Electron app. Electron's binary is downloaded from the
 * internet at install time, so on machines without it this test is reported
 * as skipped with the reason, never as passed.
 */
import { join } from 'node:path'
import { _electron as electron, expect, test } from '@playwright/test'
// @ts-expect-error: a plain JavaScript module shared with scripts/start.mjs
import { electronBinary } from '../../../scripts/electron-binary.mjs'

const repoRoot = join(import.meta.dirname, '../../..')
const binary = (electronBinary as () => string | null)()

test.skip(
  binary === null,
  'Electron binary not installed (it is downloaded from the internet at install time, which this machine cannot reach)',
)

test('Electron app opens the wizard', async () => {
  const app = await electron.launch({
    executablePath: binary ?? undefined,
    args: [repoRoot],
  })
  const window = await app.firstWindow()
  await expect(window.getByRole('heading', { level: 1 })).toContainText(
    'Welcome',
  )
  const isolated = await window.evaluate(
    () => typeof (globalThis as { require?: unknown }).require,
  )
  expect(isolated).toBe('undefined')
  await app.close()
})
