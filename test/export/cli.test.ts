import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from './cli-run.ts'
import { demoArchive, tempDir, type DemoArchive } from './helpers.ts'

let demo: DemoArchive

beforeAll(async () => {
  demo = await demoArchive()
}, 120_000)

afterAll(async () => {
  await demo?.cleanup()
})

describe('export command', () => {
  it('prints its options', () => {
    const outcome = runCli(['export', '--help'])
    expect(outcome.status).toBe(0)
    expect(outcome.stdout).toContain('--format F')
  })

  it.each([
    [['export', '--format', 'csv', '--out', '/tmp/x'], 'Missing --db'],
    [
      ['export', '--db', 'a.sqlite', '--format', 'pdf', '--out', '/tmp/x'],
      'Invalid --format',
    ],
    [
      [
        'export',
        '--db',
        'a.sqlite',
        '--format',
        'csv',
        '--out',
        '/tmp/x',
        '--entities',
        'planets',
      ],
      'Unknown entity',
    ],
    [
      [
        'export',
        '--db',
        'a.sqlite',
        '--format',
        'csv',
        '--out',
        '/tmp/x',
        '--weight-unit',
        'stone',
      ],
      'Invalid --weight-unit',
    ],
  ])('rejects %j with exit code 2', (args, message) => {
    const outcome = runCli(args)
    expect(outcome.status).toBe(2)
    expect(outcome.stderr).toContain(message)
  })

  it('writes the chosen entities and prints the summary as JSON', () => {
    const out = tempDir()
    const outcome = runCli([
      'export',
      '--db',
      demo.file,
      '--format',
      'csv,shopify',
      '--entities',
      'Customers,ORDERS',
      '--out',
      out.dir,
      '--json',
    ])
    expect(outcome.stderr).toBe('')
    expect(outcome.status).toBe(0)
    const summary = JSON.parse(outcome.stdout) as {
      outDir: string
      files: Array<{ file: string; rows: number }>
    }
    expect(summary.outDir).toBe(out.dir)
    const names = summary.files.map((f) => f.file)
    expect(names).toContain('csv/orders.csv')
    expect(names).toContain('csv/order_items.csv')
    expect(names).not.toContain('csv/products.csv')
    expect(names).toContain('shopify/products.csv')
    expect(existsSync(join(out.dir, 'export-summary.txt'))).toBe(true)
    const text = readFileSync(join(out.dir, 'export-summary.txt'), 'utf8')
    expect(text).toContain('Left out on purpose')
    out.cleanup()
  })

  it('rejects an output path that is a file', () => {
    const out = tempDir()
    const file = join(out.dir, 'a-file')
    writeFileSync(file, 'keep me')
    const outcome = runCli([
      'export',
      '--db',
      demo.file,
      '--format',
      'csv',
      '--out',
      file,
    ])
    expect(outcome.status).toBe(1)
    expect(outcome.stderr).toBe(
      `error EXPORT_FOLDER_UNWRITABLE: The output path "${file}" is a file, ` +
        'not a folder. Choose a folder (a missing one is created), or a new ' +
        'name.\n',
    )
    expect(readFileSync(file, 'utf8')).toBe('keep me')
    out.cleanup()
  })
})
