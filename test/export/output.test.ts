import {
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { OutputFolder } from '../../src/main/export/output.ts'

const dirs: string[] = []

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true })
})

async function folder(): Promise<OutputFolder> {
  const dir = mkdtempSync(join(tmpdir(), 'export-output-'))
  dirs.push(dir)
  return OutputFolder.prepare(dir)
}

describe('OutputFolder.prepare', () => {
  it('removes the probe of a killed export', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'export-output-'))
    dirs.push(dir)
    // An export killed between creating and removing its probe.
    writeFileSync(join(dir, '.write-check.partial'), '')
    await OutputFolder.prepare(dir)
    expect(readdirSync(dir)).toEqual([])
  })
})

describe('FileSink', () => {
  it('keeps text in order across flushes', async () => {
    const out = await folder()
    const sink = await out.create('lines.txt')
    const expected: string[] = []
    // Three-byte and four-byte characters fill the buffer unevenly, so
    // lines land on both sides of each flush.
    for (let i = 0; i < 60_000; i++) {
      const line = `${i},€ ünïcode 🎉,${'x'.repeat(i % 97)}\r\n`
      expected.push(line)
      const flushing = sink.write(line)
      if (flushing !== undefined) await flushing
    }
    await sink.finish()
    const text = readFileSync(join(out.dir, 'lines.txt'), 'utf8')
    expect(text).toBe(expected.join(''))
    expect(sink.bytes).toBe(Buffer.byteLength(text))
  })

  it('writes text larger than its buffer', async () => {
    const out = await folder()
    const sink = await out.create('big.txt')
    const big = 'é'.repeat(700_000)
    await sink.write('start,')
    await sink.write(big)
    await sink.write(',end')
    await sink.finish()
    const text = readFileSync(join(out.dir, 'big.txt'), 'utf8')
    expect(text.length).toBe(big.length + 10)
    expect(text.startsWith('start,é')).toBe(true)
    expect(text.endsWith('é,end')).toBe(true)
    expect(sink.bytes).toBe(1_400_010)
  })

  it('renames the partial file on finish', async () => {
    const out = await folder()
    const sink = await out.create('done.csv')
    await sink.write('a,b\r\n')
    expect(readFileSync(join(out.dir, 'done.csv.partial'), 'utf8')).toBe('')
    await sink.finish()
    expect(readFileSync(join(out.dir, 'done.csv'), 'utf8')).toBe('a,b\r\n')
  })
})
