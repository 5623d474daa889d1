import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { spawn } from 'node:child_process'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Archive } from '../../src/main/archive/index.ts'
import { tempDir } from './helpers.ts'

const fixture = resolve(
  fileURLToPath(import.meta.url),
  '../fixtures/write-forever.ts',
)

let folder: { dir: string; cleanup: () => void }

beforeEach(() => {
  folder = tempDir()
})

afterEach(() => {
  folder.cleanup()
})

/** Starts the writer and kills it with SIGKILL once it saved `pages` pages. */
function killAfterPages(file: string, pages: number): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [fixture, file], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    let errors = ''
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes(`page ${pages - 1}\n`)) child.kill('SIGKILL')
    })
    child.stderr.on('data', (chunk: Buffer) => {
      errors += chunk.toString()
    })
    child.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL') done()
      else fail(new Error(`Writer stopped by itself: ${errors}`))
    })
  })
}

describe('killed pull', () => {
  it('leaves records and checkpoint in agreement', async () => {
    const file = join(folder.dir, 'store.sqlite')
    await killAfterPages(file, 20)

    const archive = Archive.open(file)
    try {
      const checkpoint = archive.getCheckpoint('orders')
      expect(checkpoint).toBeDefined()
      expect(checkpoint!.received).toBeGreaterThanOrEqual(20 * 50)
      expect(archive.count('orders')).toBe(checkpoint!.received)
      expect(checkpoint!.nextOffset).toBe(checkpoint!.received + 1)
      const items = archive.db
        .prepare('SELECT count(*) FROM order_items')
        .pluck()
        .get()
      expect(items).toBe(checkpoint!.received)
      expect(archive.lastRun()?.status).toBe('running')
    } finally {
      archive.close()
    }
  })
})
