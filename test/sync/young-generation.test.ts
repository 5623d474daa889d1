/**
 * `limitYoungGeneration` in a fresh Node process: young objects that
 * survive collections no longer grow V8's young generation.
 */
import { spawnSync } from 'node:child_process'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const MODULE = resolve(
  import.meta.dirname,
  '../../src/main/sync/young-generation.ts',
)
const MIB = 1024 * 1024

/**
 * Keeps the last three batches of 20,000 small objects alive while 200
 * more are made, as a pull keeps pages parsed ahead, and returns the
 * largest size of V8's young generation (`new_space`) in MiB.
 */
function largestYoungGeneration(limited: boolean): number {
  const script = `
    import { getHeapSpaceStatistics } from 'node:v8'
    import { limitYoungGeneration } from ${JSON.stringify(MODULE)}
    if (${limited}) limitYoungGeneration()
    const alive = []
    let largest = 0
    for (let batch = 0; batch < 200; batch++) {
      const objects = []
      for (let i = 0; i < 20000; i++) objects.push({ id: i, text: 'x' + i })
      alive.push(objects)
      if (alive.length > 3) alive.shift()
      const space = getHeapSpaceStatistics().find(
        (s) => s.space_name === 'new_space',
      )
      largest = Math.max(largest, space.space_size)
    }
    process.stdout.write(String(largest))
  `
  const child = spawnSync(
    process.execPath,
    [
      '--experimental-strip-types',
      '--no-warnings=ExperimentalWarning',
      '--input-type=module',
      '--eval',
      script,
    ],
    { encoding: 'utf8' },
  )
  expect(child.stderr).toBe('')
  expect(child.status).toBe(0)
  return Number(child.stdout) / MIB
}

describe('limitYoungGeneration', () => {
  it('grows without the limit', () => {
    expect(largestYoungGeneration(false)).toBeGreaterThan(32)
  })

  it('stays small with the limit', () => {
    expect(largestYoungGeneration(true)).toBeLessThan(16)
  })
})
