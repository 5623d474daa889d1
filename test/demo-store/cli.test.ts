import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { describe, expect, it } from 'vitest'
import { optionsFromArgs } from '../../src/main/cli/commands/demo-server.ts'

const repoRoot = resolve(import.meta.dirname, '../..')

describe('demo-server command', () => {
  it('prints its address and stops on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [
        '--experimental-strip-types',
        '--no-warnings=ExperimentalWarning',
        'src/main/cli/index.ts',
        'demo-server',
        '--port',
        '0',
        '--rate-limit',
        'off',
      ],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    )
    try {
      const lines = createInterface({ input: child.stdout })
      const [line] = (await once(lines, 'line')) as [string]
      const info = JSON.parse(line) as Record<string, string>
      expect(info['baseUrl']).toMatch(
        /^http:\/\/127\.0\.0\.1:\d+\/3dCartWebAPI\/v1$/,
      )
      expect(info['secureUrl']).toBe(
        info['baseUrl']!.replace('/3dCartWebAPI/v1', ''),
      )
      expect(info['privateKey']).toHaveLength(32)
      expect(info['token']).toHaveLength(32)
      const response = await fetch(`${info['baseUrl']}/Orders?countonly=1`, {
        headers: {
          SecureUrl: info['secureUrl']!,
          PrivateKey: info['privateKey']!,
          Token: info['token']!,
        },
      })
      expect(await response.json()).toEqual({ TotalCount: 24 })
      child.kill('SIGTERM')
      const [code] = (await once(child, 'exit')) as [number]
      expect(code).toBe(0)
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL')
    }
  })

  it('parses sizes, faults and rate limits', () => {
    expect(
      optionsFromArgs([
        '--size',
        '250000',
        '--faults',
        'reset,changes',
        '--rate-limit',
        '5',
        '--latency',
        '20',
        '--seed',
        '3',
      ]),
    ).toMatchObject({
      size: { orders: 250000 },
      faults: ['reset', 'changes'],
      rateLimit: { burst: 50, perSecond: 5 },
      latencyMs: 20,
      seed: 3,
    })
    expect(
      optionsFromArgs([
        '--throttle-status',
        '503',
        '--retry-after',
        '4',
        '--fault-seed',
        '8',
        '--time-zone',
        'Europe/Berlin',
      ]),
    ).toMatchObject({
      throttleStatus: 503,
      retryAfterSeconds: 4,
      faultSeed: 8,
      storeTimeZone: 'Europe/Berlin',
    })
    expect(optionsFromArgs([])).toMatchObject({
      rateLimit: 'real',
      size: 'tiny',
      port: 0,
    })
  })

  it('reports a port in use', async () => {
    const { createServer } = await import('node:net')
    const blocker = createServer()
    await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', done))
    const port = (blocker.address() as { port: number }).port
    const child = spawn(
      process.execPath,
      [
        '--experimental-strip-types',
        '--no-warnings=ExperimentalWarning',
        'src/main/cli/index.ts',
        'demo-server',
        '--port',
        String(port),
      ],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    )
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const [code] = (await once(child, 'exit')) as [number]
    blocker.close()
    expect(code).toBe(2)
    expect(stderr).toContain('the port is in use')
  })

  it('rejects invalid options with a clear message', () => {
    expect(() => optionsFromArgs(['--size', 'huge'])).toThrow(
      /Invalid size "huge"/,
    )
    expect(() => optionsFromArgs(['--faults', 'fire'])).toThrow(
      /Unknown fault profile "fire"/,
    )
    expect(() => optionsFromArgs(['--throttle-status', '500'])).toThrow(
      /Invalid --throttle-status "500"/,
    )
    expect(() => optionsFromArgs(['--time-zone', 'Mars/Base'])).toThrow(
      /Invalid --time-zone "Mars\/Base"/,
    )
    expect(() => optionsFromArgs(['--port', '70000'])).toThrow(
      /Invalid --port "70000"/,
    )
    expect(() => optionsFromArgs(['--size', '2000000'])).toThrow(
      /up to 1000000/,
    )
  })

  it('names the rate limit choices', () => {
    expect(() => optionsFromArgs(['--rate-limit', 'fast'])).toThrow(
      /expected real, off, or a number of requests per second/,
    )
    expect(optionsFromArgs(['--rate-limit', '5'])).toMatchObject({
      rateLimit: { perSecond: 5 },
    })
  })

  it('reports a missing samples folder', () => {
    expect(() => optionsFromArgs(['--samples', '/nonexistent'])).toThrow(
      /Invalid --samples "\/nonexistent": the folder is missing/,
    )
  })
})
