import { defineConfig } from 'vitest/config'

// Two projects: main-process and shared code under Node, renderer code under
// happy-dom. End-to-end specs in test/e2e belong to Playwright.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/renderer/**', 'test/e2e/**'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          env: { WIZARD_LOG_LEVEL: 'off' },
        },
      },
      {
        test: {
          name: 'renderer',
          environment: 'happy-dom',
          include: ['test/renderer/**/*.test.{ts,tsx}'],
          setupFiles: ['test/renderer/setup.ts'],
          testTimeout: 30_000,
        },
      },
    ],
  },
})
