import { spawn } from 'node:child_process'
import { createServer as createHttpServer } from 'node:http'
import { createServer, type AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  startDemoStore,
  type DemoStore,
} from '../../src/main/demo-store/index.ts'
import type { ConnectionProblem } from '../../src/main/api/connection-test.ts'
import { exitCodeOfReport } from '../../src/main/cli/commands/test-connection.ts'
import { tempArchive, type TempArchive } from '../sync/helpers.ts'

const CLI = [
  '--experimental-strip-types',
  '--no-warnings',
  'src/main/cli/index.ts',
]

let store: DemoStore
let temp: TempArchive

beforeAll(async () => {
  store = await startDemoStore({ size: 'tiny' })
  temp = tempArchive()
})

afterAll(async () => {
  await store?.close()
  temp?.remove()
})

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...CLI, ...args], {
      env: {
        PATH: process.env['PATH'],
        HOME: process.env['HOME'],
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

/** Returns a port on 127.0.0.1 that was free a moment ago and has no listener. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

function storeEnv(overrides: Partial<DemoStore> = {}): NodeJS.ProcessEnv {
  const source = { ...store, ...overrides }
  return {
    THREEDCART_SECURE_URL: source.secureUrl,
    THREEDCART_PRIVATE_KEY: source.privateKey,
    THREEDCART_TOKEN: source.token,
    THREEDCART_API_BASE_URL: store.baseUrl,
  }
}

describe('pull command', () => {
  it('documents its exit codes', async () => {
    const run = await cli(['pull', '--help'])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('--incremental')
    expect(run.stdout).toContain('130  interrupted')
  })

  it('rejects a missing --db', async () => {
    const run = await cli(['pull', '--demo'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('Missing --db FILE')
  })

  it('exits 3 without credentials', async () => {
    const run = await cli(['pull', '--db', temp.file])
    expect(run.code).toBe(3)
    expect(run.stderr).toContain('THREEDCART_SECURE_URL')
  })

  it('names only the missing variable', async () => {
    const { THREEDCART_PRIVATE_KEY: _key, ...env } = storeEnv()
    const run = await cli(['pull', '--db', temp.file], env)
    expect(run.code).toBe(3)
    expect(run.stderr).toContain(
      "Set THREEDCART_PRIVATE_KEY to the application's private key.",
    )
    expect(run.stderr).not.toContain('THREEDCART_SECURE_URL')
    expect(run.stderr).not.toContain('THREEDCART_TOKEN')
  })

  it('exits 3 on an invalid API address', async () => {
    const run = await cli(['pull', '--db', temp.file], {
      ...storeEnv(),
      THREEDCART_API_BASE_URL: 'ht!tp:/bad url',
    })
    expect(run.code).toBe(3)
    expect(run.stderr).toContain('API_BASE_URL_INVALID')
    expect(run.stderr).toContain('THREEDCART_API_BASE_URL')
    expect(run.stderr).not.toContain('unexpected error')
  })

  it('names a folder given as --db', async () => {
    const run = await cli(['pull', '--db', temp.dir], storeEnv())
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('ARCHIVE_UNWRITABLE')
    expect(run.stderr).toContain('is a folder')
    expect(run.stderr).not.toContain('unexpected error')
  })

  it('explains sensitive fields in its help', async () => {
    const run = await cli(['pull', '--help'])
    expect(run.stdout).toContain('pulled only when named')
    expect(run.stdout).toContain('card verification values')
    expect(run.stdout).toContain('password hashes')
  })

  it('exits 3 on rejected credentials and hides the key', async () => {
    const key = 'abcdefabcdefabcdefabcdefabcdef12'
    const run = await cli(
      ['pull', '--db', temp.file, '--no-pacing'],
      storeEnv({ privateKey: key }),
    )
    expect(run.code).toBe(3)
    expect(run.stderr).toContain('BAD_CREDENTIALS')
    expect(run.stdout + run.stderr).not.toContain(key)
  })

  it('pulls the demo store and prints JSON lines', async () => {
    const db = `${temp.dir}/demo.sqlite`
    const run = await cli([
      'pull',
      '--demo',
      '--size',
      'tiny',
      '--db',
      db,
      '--json',
      '--no-pacing',
    ])
    expect(run.code).toBe(0)
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; state: string })
    expect(
      lines.every((line) => line.type === 'progress' || line.type === 'result'),
    ).toBe(true)
    const result = lines[lines.length - 1] as unknown as {
      type: string
      complete: boolean
      entities: unknown[]
    }
    expect(result.type).toBe('result')
    expect(result.complete).toBe(true)
    expect(result.entities).toHaveLength(17)
  })

  it('pulls with env credentials, then verify passes', async () => {
    const pull = await cli(
      ['pull', '--db', temp.file, '--no-pacing'],
      storeEnv(),
    )
    expect(pull.code).toBe(0)
    expect(pull.stdout).toContain('Orders')
    // stderr is a pipe here, so the progress comes as plain lines.
    expect(pull.stderr).toMatch(/^progress: .+ rec\/s/m)
    expect(pull.stdout).not.toContain('INCOMPLETE')
    const verify = await cli(['verify', '--db', temp.file], storeEnv())
    expect(verify.code).toBe(0)
    expect(verify.stdout).toMatch(/Orders\s+24 of 24\s+complete/)
  })

  it('rejects an archive of another store', async () => {
    const other = await startDemoStore({
      size: 'tiny',
      credentials: { secureUrl: 'https://shop-b.3dcartstores.com' },
    })
    const archive = tempArchive()
    try {
      const first = await cli([
        'pull',
        '--demo',
        '--size',
        'tiny',
        '--no-pacing',
        '--db',
        archive.file,
      ])
      expect(first.code).toBe(0)
      // A second demo run listens on another port but is the same store.
      const again = await cli([
        'pull',
        '--demo',
        '--size',
        'tiny',
        '--no-pacing',
        '--db',
        archive.file,
      ])
      expect(again.code).toBe(0)
      const refused = await cli(['pull', '--no-pacing', '--db', archive.file], {
        THREEDCART_SECURE_URL: 'https://shop-b.3dcartstores.com',
        THREEDCART_PRIVATE_KEY: other.privateKey,
        THREEDCART_TOKEN: other.token,
        THREEDCART_API_BASE_URL: other.baseUrl,
      })
      expect(refused.code).toBe(1)
      expect(refused.stderr).toContain('ARCHIVE_OTHER_STORE')
      expect(refused.stderr).toContain('shop-b.3dcartstores.com')
      expect(refused.stderr).toContain('127.0.0.1')
      expect(refused.stderr).toContain('Choose another archive file')
    } finally {
      await other.close()
      archive.remove()
    }
  })

  it('exits 3 on 404 web pages', async () => {
    const server = createHttpServer((_request, response) => {
      response
        .writeHead(404, { 'Content-Type': 'text/html' })
        .end('<html><body>Not Found</body></html>')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    const baseUrl = `http://127.0.0.1:${port}/3dCartWebAPI/v1`
    const archive = tempArchive()
    try {
      const env = { ...storeEnv(), THREEDCART_API_BASE_URL: baseUrl }
      const pull = await cli(['pull', '--db', archive.file], env)
      expect(pull.code).toBe(3)
      expect(pull.stderr).toContain('WRONG_HOST')
      expect(pull.stderr).toContain(baseUrl)
      const test = await cli(['test-connection'], env)
      expect(test.code).toBe(3)
      expect(test.stdout + test.stderr).not.toContain('Connection OK')
      expect(test.stderr).toContain('WRONG_HOST')
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      archive.remove()
    }
  })
})

describe('verify command', () => {
  it('exits 5 when the store has more records', async () => {
    const db = `${temp.dir}/partial.sqlite`
    const pull = await cli(
      ['pull', '--db', db, '--no-pacing', '--entities', 'manufacturers'],
      storeEnv(),
    )
    expect(pull.code).toBe(0)
    store.applyChanges('manufacturers', 2, ['insert'])
    const verify = await cli(['verify', '--db', db, '--json'], storeEnv())
    expect(verify.code).toBe(5)
    const report = JSON.parse(verify.stdout) as {
      complete: boolean
      entities: Array<{
        entity: string
        storeCount: number
        localCount: number
      }>
    }
    expect(report.complete).toBe(false)
    expect(report.entities).toEqual([
      expect.objectContaining({
        entity: 'manufacturers',
        storeCount: store.count('manufacturers'),
        localCount: store.count('manufacturers') - 2,
      }),
    ])
  })

  it('does not suggest --demo', async () => {
    const run = await cli(['verify', '--db', temp.file])
    expect(run.code).toBe(3)
    expect(run.stderr).not.toContain('use --demo')
    expect(run.stderr).toContain('only inside "pull --demo"')
  })

  it('reports a missing archive', async () => {
    const run = await cli(
      ['verify', '--db', `${temp.dir}/none.sqlite`],
      storeEnv(),
    )
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('ARCHIVE_NOT_FOUND')
  })
})

describe('test-connection exit codes', () => {
  const failed = (code: ConnectionProblem['code']) => ({
    ok: false,
    modules: [],
    problem: { code, message: 'failed', step: 'connect' as const },
  })

  it('maps each problem to the exit code of the pull', () => {
    expect(exitCodeOfReport(failed('API_UNAVAILABLE'))).toBe(4)
    expect(exitCodeOfReport(failed('NETWORK_UNREACHABLE'))).toBe(4)
    expect(exitCodeOfReport(failed('BAD_CREDENTIALS'))).toBe(3)
    expect(exitCodeOfReport(failed('REQUEST_REJECTED'))).toBe(1)
  })
})

describe('test-connection command', () => {
  it('lists modules and exits 0', async () => {
    const run = await cli(['test-connection'], storeEnv())
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('Connection OK.')
    expect(run.stdout).toMatch(/Orders\s+readable, 24 records/)
  })

  it('exits 3 on invalid credentials', async () => {
    const run = await cli(
      ['test-connection'],
      storeEnv({ privateKey: 'short' }),
    )
    expect(run.code).toBe(3)
    expect(run.stderr).toContain('THREEDCART_PRIVATE_KEY')
  })

  it('exits 4 when the API is unreachable', async () => {
    const port = await closedPort()
    const run = await cli(['test-connection', '--json'], {
      ...storeEnv(),
      THREEDCART_API_BASE_URL: `http://127.0.0.1:${port}/3dCartWebAPI/v1`,
    })
    expect(run.code).toBe(4)
    const report = JSON.parse(run.stdout) as { problem: { code: string } }
    expect(report.problem.code).toBe('NETWORK_UNREACHABLE')
  })
})
