/** Child processes of the memory figure: timing and peak resident memory. */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { once } from 'node:events'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { REPO_ROOT } from './config.ts'

export const NODE_FLAGS = [
  '--experimental-strip-types',
  '--no-warnings=ExperimentalWarning',
]
export const CLI = join(REPO_ROOT, 'src', 'main', 'cli', 'index.ts')
const GNU_TIME = '/usr/bin/time'

export interface ChildRun {
  seconds: number
  peakKiB: number
  /** `/usr/bin/time -v` or the `rss-child.ts` wrapper. */
  measuredBy: string
  stdout: string
}

/** Reads "Maximum resident set size (kbytes): N" from `time -v` output. */
export function parseGnuTimePeak(stderr: string): number | null {
  const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)
  return match ? Number(match[1]) : null
}

export function parseWrapperPeak(stderr: string): number | null {
  const match = /BENCH_MAX_RSS_KIB=(\d+)/.exec(stderr)
  return match ? Number(match[1]) : null
}

/** Runs `node SCRIPT ARGS` and returns its wall time and peak RSS. */
export async function runNodeMeasured(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<ChildRun> {
  const gnuTime = existsSync(GNU_TIME)
  const command = gnuTime ? GNU_TIME : process.execPath
  const commandArgs = gnuTime
    ? ['-v', process.execPath, ...NODE_FLAGS, script, ...args]
    : [...NODE_FLAGS, join(REPO_ROOT, 'bench', 'rss-child.ts'), script, ...args]
  const started = performance.now()
  const child = spawn(command, commandArgs, {
    cwd: REPO_ROOT,
    env: { ...env, WIZARD_LOG_LEVEL: 'off' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const [code] = (await once(child, 'close')) as [number | null]
  const seconds = (performance.now() - started) / 1000
  if (code !== 0) {
    throw new Error(
      `${script} ${args.join(' ')} exited with ${code}: ${stderr.trim().split('\n').slice(-3).join(' ')}`,
    )
  }
  const peak = gnuTime ? parseGnuTimePeak(stderr) : parseWrapperPeak(stderr)
  if (peak === null)
    throw new Error(`No peak memory in the output of ${script}`)
  return {
    seconds,
    peakKiB: peak,
    measuredBy: gnuTime ? '/usr/bin/time -v' : 'process.resourceUsage().maxRSS',
    stdout,
  }
}

export interface DemoServer {
  baseUrl: string
  secureUrl: string
  privateKey: string
  token: string
  /** Seconds from spawning the process to its first output line. */
  startSeconds: number
  process: ChildProcess
}

/** Starts `cli demo-server` as a child and waits for its address line. */
export async function startDemoServer(args: string[]): Promise<DemoServer> {
  const started = performance.now()
  const child = spawn(
    process.execPath,
    [...NODE_FLAGS, CLI, 'demo-server', ...args],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, WIZARD_LOG_LEVEL: 'off' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  const lines = createInterface({ input: child.stdout })
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(
      `demo-server exited with ${String(code)} before it was ready`,
    )
  })
  const first = (async () => {
    for await (const line of lines) {
      if (line.trim().startsWith('{')) return line
    }
    throw new Error('demo-server closed its output before it was ready')
  })()
  const line = await Promise.race([first, exited])
  const info = JSON.parse(line) as Omit<DemoServer, 'startSeconds' | 'process'>
  return {
    ...info,
    startSeconds: (performance.now() - started) / 1000,
    process: child,
  }
}

/**
 * Peak resident memory of a running process from /proc (Linux), or null
 * where /proc is not available.
 */
export function procPeakKiB(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const match = /VmHWM:\s+(\d+) kB/.exec(status)
    return match ? Number(match[1]) : null
  } catch {
    return null
  }
}

/** Stops a child this module started and waits for it to exit. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = once(child, 'exit')
  child.kill('SIGTERM')
  await exited
}
