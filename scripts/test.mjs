// Runs every check of `npm test` in order: type checks, lint, build, vitest,
// Playwright and the Electron security scan. A failing step does not stop
// the later ones, so one run shows every problem; the exit code is non-zero
// if any step failed. The last line counts the tests of vitest and
// Playwright together.
//   npm test                 all steps
//   npm test -- vitest e2e   only the named steps
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const resultsDir = 'test-results'
mkdirSync(resultsDir, { recursive: true })
const vitestJson = join(resultsDir, 'vitest.json')
const playwrightJson = join(resultsDir, 'playwright.json')

const steps = [
  { name: 'typecheck', cmd: 'npx', args: ['tsc', '-p', 'tsconfig.node.json'] },
  {
    name: 'typecheck-web',
    cmd: 'npx',
    args: ['tsc', '-p', 'tsconfig.web.json'],
  },
  { name: 'lint', cmd: 'npx', args: ['eslint', '.'] },
  { name: 'format', cmd: 'npx', args: ['prettier', '--check', '.'] },
  { name: 'build', cmd: 'npx', args: ['electron-vite', 'build'] },
  {
    name: 'vitest',
    cmd: 'npx',
    args: [
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${vitestJson}`,
    ],
  },
  {
    name: 'e2e',
    cmd: 'npx',
    args: ['playwright', 'test', '--reporter=list,json'],
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson },
  },
  {
    name: 'electronegativity',
    cmd: 'node',
    args: ['scripts/electronegativity.mjs'],
    optional: !existsSync('scripts/electronegativity.mjs'),
  },
]

const wanted = process.argv.slice(2)
const failed = []
for (const step of steps) {
  if (wanted.length > 0 && !wanted.includes(step.name)) continue
  if (step.optional) continue
  console.log(`\n=== ${step.name}: ${step.cmd} ${step.args.join(' ')}`)
  const result = spawnSync(step.cmd, step.args, {
    stdio: 'inherit',
    env: { ...process.env, ...step.env },
  })
  if (result.status !== 0) failed.push(step.name)
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    return null
  }
}

function countVitest() {
  const report = readJson(vitestJson)
  if (!report) return { passed: 0, failed: 0, skipped: 0 }
  return {
    passed: report.numPassedTests ?? 0,
    failed: report.numFailedTests ?? 0,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
  }
}

function countPlaywright() {
  const report = readJson(playwrightJson)
  const stats = report?.stats
  if (!stats) return { passed: 0, failed: 0, skipped: 0 }
  return {
    passed: (stats.expected ?? 0) + (stats.flaky ?? 0),
    failed: stats.unexpected ?? 0,
    skipped: stats.skipped ?? 0,
  }
}

const ran = (name) => wanted.length === 0 || wanted.includes(name)
const unit = ran('vitest')
  ? countVitest()
  : { passed: 0, failed: 0, skipped: 0 }
const e2e = ran('e2e')
  ? countPlaywright()
  : { passed: 0, failed: 0, skipped: 0 }
const passed = unit.passed + e2e.passed
// A step that failed without failing a test (a type error, lint) counts too.
const failedTests = unit.failed + e2e.failed
const failedCount = Math.max(failedTests, failed.length > 0 ? 1 : 0)
const skipped = unit.skipped + e2e.skipped

console.log('')
if (failed.length > 0) console.log(`failed steps: ${failed.join(', ')}`)
console.log(
  `tests: ${passed} passed, ${failedCount} failed, ${skipped} skipped`,
)
process.exitCode = failed.length > 0 ? 1 : 0
