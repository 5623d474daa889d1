import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const folder = mkdtempSync(join(tmpdir(), 'verify-args-'))

afterAll(() => {
  rmSync(folder, { recursive: true, force: true })
})

/** Runs `verify` on an archive that does not exist, without credentials. */
function verify(entities: string) {
  return spawnSync(
    process.execPath,
    [
      '--experimental-strip-types',
      '--no-warnings',
      'src/main/cli/index.ts',
      'verify',
      '--db',
      join(folder, 'missing.sqlite'),
      '--entities',
      entities,
    ],
    { encoding: 'utf8', env: { PATH: process.env['PATH'], HOME: folder } },
  )
}

describe('verify options', () => {
  it('lists the usage exit code', () => {
    const result = spawnSync(
      process.execPath,
      [
        '--experimental-strip-types',
        '--no-warnings',
        'src/main/cli/index.ts',
        'verify',
        '--help',
      ],
      { encoding: 'utf8' },
    )
    expect(result.status).toBe(0)
    expect(result.stdout).toContain('2 wrong options')
  })

  it('rejects an unknown entity as usage', () => {
    const result = verify('orders,orderz')
    expect(result.status).toBe(2)
    expect(result.stderr).toContain('Unknown entity: orderz.')
    expect(result.stderr).toContain('Run "verify --help" for the options.')
  })

  it('rejects an empty list as usage', () => {
    const result = verify(',')
    expect(result.status).toBe(2)
    expect(result.stderr).toContain('--entities lists no entity.')
  })

  it('accepts known entities in any case', () => {
    const result = verify('Orders,CUSTOMERS')
    // Parsing passed, so the command reached the missing archive.
    expect(result.status).toBe(1)
    expect(result.stderr).toContain('error ARCHIVE_NOT_FOUND')
  })
})
