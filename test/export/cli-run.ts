/** Runs the command line in a child process, as scripts and agencies do. */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const repoRoot = resolve(fileURLToPath(import.meta.url), '../../..')
const CLI = [
  '--experimental-strip-types',
  '--no-warnings=ExperimentalWarning',
  'src/main/cli/index.ts',
]

export interface CliOutcome {
  status: number | null
  stdout: string
  stderr: string
}

export function runCli(
  args: string[],
  options: SpawnSyncOptions = {},
): CliOutcome {
  const child = spawnSync(process.execPath, [...CLI, ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, WIZARD_LOG_LEVEL: 'off' },
    timeout: 120_000,
    ...options,
  })
  return {
    status: child.status,
    stdout: String(child.stdout),
    stderr: String(child.stderr),
  }
}

/**
 * Runs the command line under a shell file size limit (`ulimit -f`, in
 * blocks of 1024 bytes), so a write past it fails as on a full disk.
 */
export function runCliWithFileLimit(
  args: string[],
  blocks: number,
): CliOutcome {
  const quoted = [process.execPath, ...CLI, ...args]
    .map((a) => `'${a.replaceAll("'", "'\\''")}'`)
    .join(' ')
  const child = spawnSync(
    'bash',
    ['-c', `ulimit -f ${blocks} && exec ${quoted}`],
    {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { ...process.env, WIZARD_LOG_LEVEL: 'off' },
      timeout: 120_000,
    },
  )
  return {
    status: child.status,
    stdout: String(child.stdout),
    stderr: String(child.stderr),
  }
}
