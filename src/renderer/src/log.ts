/**
 * Renderer logging: messages go to the main process's logger (which redacts
 * secrets and writes the log file), never to the network.
 */
import { getApi } from '../api/index.ts'

type Level = 'error' | 'warn' | 'info' | 'debug'

export function logToMain(
  level: Level,
  message: string,
  context?: Record<string, unknown>,
): void {
  const request = context ? { level, message, context } : { level, message }
  void getApi()
    .writeLog(request)
    .catch(() => undefined)
}

export function installErrorReporting(): void {
  window.addEventListener('error', (event) => {
    logToMain('error', `uncaught: ${event.message}`, {
      source: event.filename,
      line: event.lineno,
    })
  })
  window.addEventListener('unhandledrejection', (event) => {
    const reason: unknown = event.reason
    logToMain('error', 'unhandled rejection', {
      reason: reason instanceof Error ? reason.message : String(reason),
    })
  })
}
