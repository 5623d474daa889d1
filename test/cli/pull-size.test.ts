import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const folder = mkdtempSync(join(tmpdir(), 'pull-size-'))

afterAll(() => {
  rmSync(folder, { recursive: true, force: true })
})

function pull(size: string) {
  const db = join(folder, `${size}.sqlite`)
  const child = spawnSync(
    process.execPath,
    [
      '--experimental-strip-types',
      '--no-warnings',
      'src/main/cli/index.ts',
      'pull',
      '--demo',
      '--size',
      size,
      '--db',
      db,
    ],
    { encoding: 'utf8', env: { PATH: process.env['PATH'], HOME: folder } },
  )
  return { ...child, db }
}

describe('pull --size', () => {
  it.each(['1e3', 'huge', '2000000', '12.5'])(
    'rejects %s as a usage error',
    (size) => {
      const result = pull(size)
      expect(result.status).toBe(2)
      expect(result.stderr).toContain(`Invalid size "${size}"`)
      expect(result.stderr).toContain('Run "pull --help" for the options.')
      expect(result.stderr).not.toContain('unexpected error')
      expect(existsSync(result.db)).toBe(false)
    },
  )
})
