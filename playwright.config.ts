import { defineConfig } from '@playwright/test'

// Browser-mode end-to-end tests drive Debian's Chromium (never a downloaded
// browser) against the built renderer and the real handlers behind the
// loopback bridge. Electron tests in test/e2e/electron skip themselves where
// no Electron binary is installed.
export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results/e2e',
  timeout: 120_000,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // Two shared cores: a step that waits on the main process can take more
  // than the default 5 s when the machine is busy.
  expect: { timeout: 10_000 },
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'playwright-report' }],
  ],
  use: {
    viewport: { width: 1024, height: 700 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
})
