/**
 * The one logger of the main process (and of the command line). Every
 * message goes through the redaction hook before any transport writes it.
 * Files rotate at 5 MiB: electron-log renames the full file to `*.old.log`.
 */
import { join } from 'node:path'
import log from 'electron-log/node'
import { redactValue } from './logging/redact.ts'

const MAX_LOG_BYTES = 5 * 1024 * 1024

log.hooks.push((message) => {
  message.data = message.data.map((item) => redactValue(item))
  return message
})

// Nothing is written to disk until a caller names the folder, so tests and
// the command line do not leave files in a default location.
log.transports.file.level = false
const consoleLevel = process.env['WIZARD_LOG_LEVEL'] ?? 'warn'
log.transports.console.level =
  consoleLevel === 'off' ? false : (consoleLevel as 'warn')
// Every level goes to stderr: the command line writes its results, such as
// the JSON lines of `pull --json`, to stdout, and log lines would mix in.
log.transports.console.writeFn = ({ message }) => {
  console.error(...message.data)
}

/** Starts writing `main.log` into `<dir>/logs`, rotating by size. */
export function configureLogFile(dir: string, fileName = 'main.log'): string {
  const file = join(dir, 'logs', fileName)
  log.transports.file.resolvePathFn = () => file
  log.transports.file.maxSize = MAX_LOG_BYTES
  log.transports.file.level = 'info'
  return file
}

export function setConsoleLevel(
  level: 'error' | 'warn' | 'info' | 'debug' | false,
): void {
  log.transports.console.level = level
}

export { log }
