/**
 * Renders the results as docs/benchmarks.md. Hand-written sections of the
 * existing page (a `## Demo store` section, or any block between
 * `<!-- hand-written:start -->` and `<!-- hand-written:end -->`) are carried
 * over unchanged, so the generator never erases notes added by hand.
 */
import type {
  BenchResults,
  Measure,
  SectionResult,
  TargetCheck,
} from './types.ts'

const KEPT_HEADINGS = ['## Demo store']
const MARK_START = '<!-- hand-written:start -->'
const MARK_END = '<!-- hand-written:end -->'

/** Formats a number with precision that suits its size, in en-US style. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value)
  const magnitude = Math.abs(value)
  let digits = 0
  if (Number.isInteger(value)) digits = 0
  else if (magnitude < 1) digits = 3
  else if (magnitude < 10) digits = 2
  else if (magnitude < 100) digits = 1
  return value.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  })
}

function withUnit(text: string, unit: string): string {
  if (unit === '') return text
  if (unit === '×') return `${text}×`
  return `${text} ${unit}`
}

/** Escapes the characters that would break a Markdown table cell. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ')
}

function measureRow(measure: Measure): string {
  const label = cell(measure.label)
  if (measure.notMeasured !== undefined) {
    return `| ${label} | not measured: ${cell(measure.notMeasured)} | | | |`
  }
  if (measure.summary !== undefined) {
    const { median, min, max, runs } = measure.summary
    return (
      `| ${label} | ${withUnit(formatNumber(median), measure.unit)} | ` +
      `${formatNumber(min)} | ${formatNumber(max)} | ${runs} |`
    )
  }
  const value =
    typeof measure.value === 'number'
      ? formatNumber(measure.value)
      : (measure.value ?? '')
  return `| ${label} | ${cell(withUnit(value, measure.unit))} | | | 1 |`
}

function renderTargets(targets: TargetCheck[]): string[] {
  if (targets.length === 0) return []
  return [
    '',
    '| Target | Result | Margin |',
    '| --- | --- | --- |',
    ...targets.map(
      (t) => `| ${cell(t.target)} | **${t.status}** | ${cell(t.detail)} |`,
    ),
  ]
}

export function renderSection(section: SectionResult): string {
  const lines = [`## ${section.title}`, '', section.method, '']
  if (section.measures.length > 0) {
    lines.push(
      '| Measure | Median | Min | Max | Runs |',
      '| --- | --- | --- | --- | --- |',
      ...section.measures.map(measureRow),
    )
  }
  lines.push(...renderTargets(section.targets))
  if (section.notes.length > 0) {
    lines.push('', ...section.notes.map((note) => `- ${note}`))
  }
  lines.push(
    '',
    `_Section wall time: ${formatNumber(section.elapsedSeconds)} s._`,
  )
  return lines.join('\n')
}

/** Files written before a field existed lack it, so both allow absence. */
function loadText(load: number[] | undefined): string {
  if (load === undefined || load.length === 0) return 'not recorded'
  return load.map((value) => value.toFixed(2)).join(', ')
}

function wallMinutes(results: BenchResults): number {
  if (typeof results.totalSeconds === 'number') return results.totalSeconds / 60
  const started = Date.parse(results.startedAt)
  const finished = Date.parse(results.finishedAt)
  return (finished - started) / 60_000
}

function renderMachine(results: BenchResults): string {
  const m = results.machine
  return [
    '| Fact | Value |',
    '| --- | --- |',
    `| Run | ${results.mode === 'quick' ? 'quick (`--quick`)' : 'full'} |`,
    `| Command | \`${cell(results.command)}\` |`,
    `| Commit | ${results.commit ?? 'not recorded'} |`,
    `| Started | ${results.startedAt} |`,
    `| Finished | ${results.finishedAt} |`,
    `| Wall time | ${formatNumber(wallMinutes(results))} min |`,
    `| CPU | ${cell(m.cpuModel)}, ${m.cores} logical cores |`,
    `| Memory | ${formatNumber(m.memoryGiB)} GiB |`,
    `| OS | ${cell(m.os)} |`,
    `| Node | ${m.node} |`,
    `| SQLite (better-sqlite3) | ${m.sqlite} |`,
    `| sqlite3 command-line tool | ${cell(m.sqliteCli)} |`,
    `| Load average (1, 5, 15 min) at start | ${loadText(results.loadAverageStart)} |`,
    `| Load average (1, 5, 15 min) at end | ${loadText(results.loadAverageEnd)} |`,
  ].join('\n')
}

function renderTargetSummary(results: BenchResults): string {
  const targets = [
    ...(results.runTargets ?? []),
    ...results.sections.flatMap((s) => s.targets),
  ]
  if (targets.length === 0) return ''
  return [
    '## Targets at a glance',
    '',
    '| Target | Result | Margin |',
    '| --- | --- | --- |',
    ...targets.map(
      (t) => `| ${cell(t.target)} | **${t.status}** | ${cell(t.detail)} |`,
    ),
  ].join('\n')
}

/**
 * Returns the hand-written parts of an earlier page: each kept `##` section
 * up to the next `##` heading, and each marked block.
 */
export function extractHandWritten(previous: string): string[] {
  const kept: string[] = []
  const lines = previous.split('\n')
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!
    if (line.trim() === MARK_START) {
      const end = lines.indexOf(MARK_END, i + 1)
      const stop = end === -1 ? lines.length : end + 1
      kept.push(lines.slice(i, stop).join('\n').trimEnd())
      i = stop - 1
      continue
    }
    if (KEPT_HEADINGS.includes(line.trim())) {
      let stop = i + 1
      // A marked block right after the section is kept on its own.
      while (
        stop < lines.length &&
        !lines[stop]!.startsWith('## ') &&
        lines[stop]!.trim() !== MARK_START
      ) {
        stop += 1
      }
      kept.push(lines.slice(i, stop).join('\n').trimEnd())
      i = stop - 1
    }
  }
  return kept
}

function renderIntro(results: BenchResults): string {
  const shown =
    results.mode === 'quick'
      ? 'This page shows a quick run (`--quick`): smaller stores, fewer ' +
        'repetitions, and a review archive of 100,000 orders instead of ' +
        '1,000,000.'
      : 'This page shows a full run.'
  return [
    'Generated by `npm run bench` (bench/index.ts). Edit by hand only ' +
      'inside a `## Demo store` section or between `<!-- hand-written:start -->` ' +
      'and `<!-- hand-written:end -->`, which the generator keeps. Raw ' +
      'results are in docs/benchmarks.json, and `node ' +
      '--experimental-strip-types bench/render.ts` rewrites this page from ' +
      'them.',
    '',
    `${shown} Every figure is the median of repeated runs with the min and ` +
      'max. The machine is shared with other work, so each speed figure ' +
      'sits beside the limit or a baseline measured in the same run, and ' +
      'the load average shows how busy the machine was.',
    '',
    'Run `npm run bench --quick` or `npm run bench`. Generated stores, ' +
      'archives and exports go to the gitignored `bench-results/` folder; ' +
      'the large review archive is built once there and reused while its ' +
      'schema version matches. `--only pull,export` (after `--`) runs ' +
      'some figures only.',
  ].join('\n')
}

export function renderReport(results: BenchResults, previous = ''): string {
  const parts = [
    '# Benchmarks',
    '',
    renderIntro(results),
    '',
    renderMachine(results),
    '',
    renderTargetSummary(results),
    ...results.sections.flatMap((section) => ['', renderSection(section)]),
    ...extractHandWritten(previous).flatMap((block) => ['', block]),
    '',
  ]
  return parts.join('\n')
}
