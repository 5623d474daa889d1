/**
 * Runs the command line in a child process, to completion or until a
 * SIGKILL after a set delay, as a crash, a power cut or a closed laptop lid
 * would end it.
 */
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { LONG } from './figures.ts'

export const repoRoot = join(import.meta.dirname, '../../..')

/** SIGKILLs per crash test: at least 20, more with `RELIABILITY_LONG=1`. */
export const KILLS = LONG ? 60 : 20
/** Each kill costs a process start and part of one uninterrupted run. */
export const KILL_TIMEOUT_MS = KILLS * 12_000

export interface CliRun {
  /** Exit code, or null when the process was killed. */
  code: number | null
  killed: boolean
  stdout: string
  stderr: string
}

/**
 * Runs `cli -- args` with `env` added to a clean environment, killing it
 * with SIGKILL after `killAfterMs` when that is set and it still runs.
 */
export function runCli(
  args: string[],
  env: Record<string, string>,
  killAfterMs?: number,
): Promise<CliRun> {
  const child = spawn(
    process.execPath,
    [
      '--experimental-strip-types',
      '--no-warnings=ExperimentalWarning',
      join(repoRoot, 'src/main/cli/index.ts'),
      ...args,
    ],
    {
      cwd: repoRoot,
      env: {
        PATH: process.env['PATH'] ?? '',
        HOME: process.env['HOME'] ?? '',
        WIZARD_LOG_LEVEL: 'off',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk))
  let killed = false
  const timer =
    killAfterMs === undefined
      ? undefined
      : setTimeout(() => {
          killed = child.kill('SIGKILL')
        }, killAfterMs)
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      resolve({
        code,
        killed: killed && signal === 'SIGKILL',
        stdout,
        stderr,
      })
    })
  })
}

/** A small seeded generator (mulberry32), so kill points repeat per seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Runs `cli -- args` to the end and returns how long it took. */
export async function timeRun(
  args: string[],
  env: Record<string, string>,
): Promise<{ run: CliRun; elapsedMs: number }> {
  const started = performance.now()
  const run = await runCli(args, env)
  return { run, elapsedMs: performance.now() - started }
}

/**
 * Picks a kill point between 10% and 95% of an uninterrupted run, so the
 * kills land inside the work on a fast machine and on a busy one alike.
 */
export function killDelayMs(random: () => number, runMs: number): number {
  return Math.round(runMs * (0.1 + 0.85 * random()))
}
