import { describe, expect, it } from 'vitest'
import { parseGnuTimePeak, parseWrapperPeak } from '../../bench/child.ts'
import { isQuick } from '../../bench/config.ts'
import { floorSeconds, minimalRequests } from '../../bench/floor.ts'
import {
  extractHandWritten,
  formatNumber,
  renderReport,
  renderSection,
} from '../../bench/report.ts'
import { checkAtLeast, checkAtMost, marginText } from '../../bench/section.ts'
import { mapSummary, median, percentile, summarize } from '../../bench/stats.ts'
import type { BenchResults, SectionResult } from '../../bench/types.ts'
import { getEntity } from '../../src/shared/entities.ts'

describe('percentile', () => {
  it('interpolates between closest ranks', () => {
    const samples = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    expect(percentile(samples, 0)).toBe(1)
    expect(percentile(samples, 100)).toBe(10)
    expect(percentile(samples, 50)).toBe(5.5)
    expect(percentile(samples, 95)).toBeCloseTo(9.55, 10)
  })

  it('ignores sample order', () => {
    expect(percentile([30, 10, 20], 50)).toBe(20)
  })

  it('rejects empty samples and bad ranks', () => {
    expect(() => percentile([], 50)).toThrow('No samples')
    expect(() => percentile([1], 101)).toThrow('from 0 to 100')
    expect(() => percentile([1, Number.NaN], 50)).toThrow('not a finite')
  })
})

describe('median and summarize', () => {
  it('averages the middle pair for even counts', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5)
  })

  it('keeps samples in the order taken', () => {
    const summary = summarize([3, 1, 2])
    expect(summary.median).toBe(2)
    expect(summary.min).toBe(1)
    expect(summary.max).toBe(3)
    expect(summary.runs).toBe(3)
    expect(summary.samples).toEqual([3, 1, 2])
  })

  it('recomputes min and max after a decreasing map', () => {
    const rates = mapSummary(summarize([1, 2, 4]), (seconds) => 100 / seconds)
    expect(rates.min).toBe(25)
    expect(rates.max).toBe(100)
    expect(rates.median).toBe(50)
  })
})

describe('rate-limit floor', () => {
  it('counts pages at maximum size', () => {
    const entities = [
      getEntity('store_settings'),
      getEntity('orders'),
      getEntity('customers'),
    ]
    // 601 orders need 3 pages of 300; no customers still needs one request.
    expect(minimalRequests({ orders: 601, customers: 0 }, entities)).toBe(5)
    expect(minimalRequests({ orders: 600, customers: 500 }, entities)).toBe(4)
  })

  it('spends the burst before the rate', () => {
    expect(floorSeconds(40)).toBe(0)
    expect(floorSeconds(50)).toBe(0)
    expect(floorSeconds(150)).toBe(50)
    expect(floorSeconds(20, { burst: 10, perSecond: 5 })).toBe(2)
  })
})

describe('isQuick', () => {
  it('accepts the flag or the npm variable', () => {
    expect(isQuick(['--quick'], {})).toBe(true)
    expect(isQuick([], { npm_config_quick: 'true' })).toBe(true)
    expect(isQuick([], { npm_config_quick: 'false' })).toBe(false)
    expect(isQuick([], { npm_config_quick: '' })).toBe(false)
    expect(isQuick([], {})).toBe(false)
  })
})

describe('target checks', () => {
  it('states margins as percent or multiple', () => {
    expect(marginText(1.05, 1.1)).toBe('4.5% under')
    expect(marginText(1.65, 1.1)).toBe('50.0% over')
    expect(marginText(150, 50)).toBe('3.0×')
  })

  it('marks upper and lower bounds', () => {
    const show = (v: number) => `${v}`
    expect(checkAtMost('t', 1.1, 1.1, show).status).toBe('met')
    expect(checkAtMost('t', 1.2, 1.1, show).status).toBe('not met')
    expect(checkAtLeast('t', 25_000, 20_000, show).status).toBe('met')
    expect(checkAtLeast('t', 1_500, 20_000, show).detail).toBe(
      '1500, 92.5% under the bound of 20000',
    )
  })
})

describe('peak memory parsing', () => {
  it('reads GNU time and wrapper output', () => {
    const gnu =
      '\tCommand being timed: "node x"\n\tMaximum resident set size (kbytes): 204800\n'
    expect(parseGnuTimePeak(gnu)).toBe(204800)
    expect(parseGnuTimePeak('nothing')).toBeNull()
    expect(parseWrapperPeak('log\nBENCH_MAX_RSS_KIB=1234\n')).toBe(1234)
  })
})

describe('report', () => {
  const section: SectionResult = {
    key: 'demo',
    title: '9. Demo figure',
    method: 'Measured somehow.',
    measures: [
      {
        label: 'Speed',
        unit: 'rows/s',
        summary: summarize([1000, 2000, 3000]),
      },
      { label: 'Ratio', unit: '×', summary: summarize([0.5]) },
      { label: 'Count', unit: 'orders', value: 24_000 },
      { label: 'Missing | piped', unit: '', notMeasured: 'no tool' },
    ],
    targets: [{ target: 'Fast', status: 'not met', detail: 'too slow' }],
    notes: ['A note.'],
    elapsedSeconds: 12.34,
  }

  it('formats numbers by magnitude', () => {
    expect(formatNumber(12_345.6)).toBe('12,346')
    expect(formatNumber(45.67)).toBe('45.7')
    expect(formatNumber(4.567)).toBe('4.57')
    expect(formatNumber(0.1234)).toBe('0.123')
    expect(formatNumber(75)).toBe('75')
  })

  it('renders measures, targets and notes', () => {
    const text = renderSection(section)
    expect(text).toContain('## 9. Demo figure')
    expect(text).toContain('| Speed | 2,000 rows/s | 1,000 | 3,000 | 3 |')
    expect(text).toContain('| Ratio | 0.500× | 0.500 | 0.500 | 1 |')
    expect(text).toContain('| Count | 24,000 orders | | | 1 |')
    expect(text).toContain(
      '| Missing \\| piped | not measured: no tool | | | |',
    )
    expect(text).toContain('| Fast | **not met** | too slow |')
    expect(text).toContain('- A note.')
  })

  it('keeps a marked block after a kept section', () => {
    const previous = [
      '## Demo store',
      'Starts in 2 s.',
      '',
      '<!-- hand-written:start -->',
      '## Notes',
      'Kept note.',
      '<!-- hand-written:end -->',
    ].join('\n')
    expect(extractHandWritten(previous)).toEqual([
      '## Demo store\nStarts in 2 s.',
      '<!-- hand-written:start -->\n## Notes\nKept note.\n<!-- hand-written:end -->',
    ])
  })

  it('keeps hand-written sections of the previous page', () => {
    const previous = [
      '# Benchmarks',
      '## 1. Old figure',
      'old numbers',
      '## Demo store',
      'Starts in 2 s.',
      '',
      '## 2. Another',
      '<!-- hand-written:start -->',
      'Kept note.',
      '<!-- hand-written:end -->',
    ].join('\n')
    expect(extractHandWritten(previous)).toEqual([
      '## Demo store\nStarts in 2 s.',
      '<!-- hand-written:start -->\nKept note.\n<!-- hand-written:end -->',
    ])
    const results: BenchResults = {
      mode: 'quick',
      command: 'npm run bench --quick',
      startedAt: '2026-01-01T00:00:00.000Z',
      finishedAt: '2026-01-01T00:05:00.000Z',
      machine: {
        cpuModel: 'Test CPU',
        cores: 2,
        memoryGiB: 4,
        os: 'Linux',
        node: 'v24.0.0',
        sqlite: '3.50.0',
        sqliteCli: '3.40.1',
      },
      loadAverageStart: [1.5, 1, 0.5],
      loadAverageEnd: [2, 1.25, 0.75],
      totalSeconds: 270,
      runTargets: [{ target: 'Quick run', status: 'met', detail: '4.5 min' }],
      sections: [section],
    }
    const page = renderReport(results, previous)
    expect(page).toContain('| Run | quick (`--quick`) |')
    expect(page).toContain('## Targets at a glance')
    expect(page).toContain('| Quick run | **met** | 4.5 min |')
    expect(page).toContain('| Wall time | 4.50 min |')
    expect(page).toContain(
      '| Load average (1, 5, 15 min) at end | 2.00, 1.25, 0.75 |',
    )
    expect(page).toContain('## Demo store\nStarts in 2 s.')
    expect(page).toContain('Kept note.')
    expect(page).not.toContain('old numbers')
  })
})
