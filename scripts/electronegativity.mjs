// Runs Doyensec's electronegativity on the app's source with the Electron
// version from package.json, and fails on any finding of high or medium
// severity that is not on the reviewed list below. The build in out/ is a
// bundle of the same source, so it is not scanned a second time.
//
// The scan runs offline: the release check (AvailableSecurityFixesGlobalCheck)
// is switched off, and the tool's start-up download of translations is
// replaced by its bundled English strings, so no request leaves the machine.
//   node scripts/electronegativity.mjs          scan, print a summary
//   node scripts/electronegativity.mjs --json   also print low findings
//   node scripts/electronegativity.mjs --input DIR   scan DIR instead of src
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative, resolve } from 'node:path'

const require = createRequire(import.meta.url)
const root = resolve(dirname(new URL(import.meta.url).pathname), '..')
const toolDir = dirname(
  require.resolve('@doyensec/electronegativity/package.json'),
)

/** Checks that need the network or do not apply to a scan of our source. */
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck']
const FAILING = new Set(['HIGH', 'MEDIUM'])

/**
 * Findings a person has reviewed: the static scan cannot follow a value
 * across a function call, so it reports settings that are in fact secure.
 * Each entry matches one check on one line of code (by its text, so an edit
 * of that line brings the finding back) and names the test that proves the
 * setting at run time.
 */
const REVIEWED = [
  {
    id: 'CONTEXT_ISOLATION_JS_CHECK',
    file: 'src/main/electron/window.ts',
    code: 'new BrowserWindow(',
    reason:
      'webPreferences come from secureWebPreferences(), which sets contextIsolation: true',
    test: 'test/security/window.test.ts, test/reliability/electron-checklist.test.ts',
  },
  {
    id: 'SANDBOX_JS_CHECK',
    file: 'src/main/electron/window.ts',
    code: 'new BrowserWindow(',
    reason:
      'webPreferences come from secureWebPreferences(), which sets sandbox: true',
    test: 'test/security/window.test.ts, test/reliability/electron-checklist.test.ts',
  },
  {
    id: 'AUXCLICK_JS_CHECK',
    file: 'src/main/electron/window.ts',
    code: 'new BrowserWindow(',
    reason:
      'a middle click opens a new window, which setWindowOpenHandler always denies',
    test: 'test/electron/window.test.ts',
  },
  {
    id: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'src/main/electron/window.ts',
    code: 'void shell.openExternal(url)',
    reason: 'only reached after isAllowedExternalUrl(url) returned true',
    test: 'test/reliability/electron-checklist.test.ts',
  },
  {
    id: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'src/main/electron/context.ts',
    code: 'openExternal: (url) => shell.openExternal(url)',
    reason:
      'called only by the openExternal handler after isAllowedExternalUrl(url)',
    test: 'test/reliability/electron-checklist.test.ts',
  },
  {
    id: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'src/main/handlers/app.ts',
    code: 'await context.openExternal(url)',
    reason: 'the handler rejects any URL that fails isAllowedExternalUrl first',
    test: 'test/reliability/electron-checklist.test.ts',
  },
  {
    id: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'src/renderer/src/wizard/links.ts',
    code: 'getApi().openExternal(',
    reason:
      'a call of our own IPC API, not of Electron shell; main checks the URL',
    test: 'test/reliability/electron-checklist.test.ts',
  },
]

/** Finds the reviewed entry for `issue` if its line still contains the code. */
function reviewedEntry(issue, file) {
  // Global checks report the file as "N/A"; those are never reviewed.
  const path = resolve(root, file)
  if (!existsSync(path)) return undefined
  const lines = readFileSync(path, 'utf8').split('\n')
  const line = lines[(issue.location?.line ?? 0) - 1] ?? ''
  return REVIEWED.find(
    (entry) =>
      entry.id === issue.id && entry.file === file && line.includes(entry.code),
  )
}

/** Reads the Electron version from package.json without its range prefix. */
export function electronVersion(packageJson) {
  const range =
    packageJson.devDependencies?.electron ?? packageJson.dependencies?.electron
  const match = /(\d+)\.(\d+)\.(\d+)/.exec(range ?? '')
  if (!match) throw new Error(`No Electron version in package.json: ${range}`)
  return match[0]
}

/**
 * Sets up the tool's message catalogue from its own locale files. Its own
 * loader first downloads translations from the internet; this one does not.
 */
function installOfflineMessages() {
  const i18nPath = join(toolDir, 'dist/locales/i18n.js')
  const i18n = require('i18n', { paths: [toolDir] })
  const configure = () => {
    i18n.configure({
      locales: ['en-US'],
      defaultLocale: 'en-US',
      directory: dirname(i18nPath),
      updateFiles: false,
      objectNotation: true,
      retryInDefaultLocale: true,
      register: globalThis,
    })
    i18n.setLocale('en-US')
    return Promise.resolve()
  }
  configure.default = configure
  require.cache[i18nPath] = {
    id: i18nPath,
    filename: i18nPath,
    loaded: true,
    exports: configure,
  }
}

async function scan(input, version) {
  const run = require(join(toolDir, 'dist/runner.js'))
  return run({
    input,
    customScan: [],
    excludeFromScan: EXCLUDED_CHECKS,
    isRelative: true,
    isVerbose: false,
    electronVersionOverride: version,
    parserPlugins: [],
  })
}

function describe(issue, file) {
  const where = `${file}:${issue.location?.line}:${issue.location?.column}`
  return `${issue.severity.name} ${issue.confidence.name} ${issue.id} ${where}`
}

async function main() {
  const packageJson = JSON.parse(readFileSync(join(root, 'package.json')))
  const version = electronVersion(packageJson)
  const inputFlag = process.argv.indexOf('--input')
  const input = inputFlag > 0 ? process.argv[inputFlag + 1] : 'src'
  installOfflineMessages()
  console.log(
    `electronegativity on ${input}/ as Electron ${version}` +
      ` (release check off: ${EXCLUDED_CHECKS.join(', ')})`,
  )
  const result = await scan(resolve(root, input), version)

  const bySeverity = {}
  const failing = []
  const reviewed = []
  for (const issue of result.issues) {
    const file = relative(root, resolve(root, input, issue.file))
    const name = issue.severity.name
    bySeverity[name] = (bySeverity[name] ?? 0) + 1
    const entry = FAILING.has(name) ? reviewedEntry(issue, file) : undefined
    if (entry) reviewed.push({ issue, file, entry })
    else if (FAILING.has(name)) failing.push({ issue, file })
    else if (process.argv.includes('--json'))
      console.log(`  ${describe(issue, file)}`)
  }

  for (const { issue, file, entry } of reviewed) {
    console.log(`  reviewed ${describe(issue, file)}: ${entry.reason}`)
  }
  for (const { issue, file } of failing) {
    console.log(`  FAIL ${describe(issue, file)}: ${issue.description}`)
  }

  const unparsed = result.errors.filter((error) => !error.tolerable)
  for (const error of unparsed) {
    console.log(`  not parsed ${relative(root, error.file)}: ${error.message}`)
  }

  const counts = Object.entries(bySeverity)
    .map(([name, count]) => `${count} ${name.toLowerCase()}`)
    .join(', ')
  console.log(
    `electronegativity: ${result.globalChecks + result.atomicChecks} checks, ` +
      `${result.issues.length} findings${counts ? ` (${counts})` : ''}, ` +
      `${reviewed.length} high or medium reviewed, ` +
      `${failing.length} high or medium open, ${unparsed.length} files not parsed`,
  )
  process.exitCode = failing.length > 0 || unparsed.length > 0 ? 1 : 0
}

if (
  process.argv[1] &&
  resolve(process.argv[1]) === resolve(root, 'scripts/electronegativity.mjs')
) {
  await main()
}
