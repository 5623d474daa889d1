// ESLint flat config. Besides the usual TypeScript and React rules, it
// enforces the process boundaries: the renderer reaches main only through
// the typed API, shared code belongs to neither side, and only the IPC glue
// touches Electron's IPC objects.
import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'
import { builtinModules } from 'node:module'

const nodeBuiltins = [
  ...builtinModules,
  ...builtinModules.map((name) => `node:${name}`),
]

const ipcObjects = {
  name: 'electron',
  importNames: ['ipcMain', 'ipcRenderer'],
  message:
    'Only src/main/electron/ipc.ts and src/preload/index.ts use Electron IPC.',
}

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'out/',
      'dist/',
      '.tools/',
      'coverage/',
      'test-results/',
      'playwright-report/',
      'bench-results/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-imports': ['error', { paths: [ipcObjects] }],
    },
  },
  {
    // Playwright fixtures must destructure their (empty) dependencies.
    files: ['test/e2e/**/*.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },
  {
    files: ['src/main/electron/ipc.ts', 'src/preload/index.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}', 'test/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message:
                'The renderer reaches the main process only through the API in src/renderer/api.',
            },
            ...nodeBuiltins.map((name) => ({
              name,
              message:
                'The renderer runs in a browser sandbox: no Node modules.',
            })),
            { name: 'better-sqlite3', message: 'SQLite lives in main.' },
          ],
          patterns: [
            {
              group: ['**/main/**', '**/preload/**'],
              message:
                'The renderer imports nothing from main or preload; call the API instead.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'Shared code runs on both sides.' },
            ...nodeBuiltins.map((name) => ({
              name,
              message:
                'Shared code also runs in the renderer: no Node modules.',
            })),
          ],
          patterns: [
            {
              group: ['**/main/**', '**/renderer/**', '**/preload/**'],
              message: 'Shared code imports from neither side.',
            },
          ],
        },
      ],
    },
  },
)
