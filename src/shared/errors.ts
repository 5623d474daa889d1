/**
 * Errors that cross a process boundary carry a stable `code` (for tests,
 * logs and the renderer's choice of help text) and a plain `message` written
 * for the merchant: what failed and what to do next.
 */
export interface ErrorInfo {
  code: string
  message: string
  /** Extra facts for the renderer, such as the module that lacks scope. */
  details?: Record<string, unknown>
}

export class AppError extends Error {
  readonly code: string
  readonly details: Record<string, unknown> | undefined

  constructor(
    code: string,
    message: string,
    details?: Record<string, unknown>,
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = 'AppError'
    this.code = code
    this.details = details
  }

  toInfo(): ErrorInfo {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details }
  }
}

/** Codes used by the IPC layer itself; each feature adds its own. */
export const IpcErrorCode = {
  invalidPayload: 'IPC_INVALID_PAYLOAD',
  foreignSender: 'IPC_FOREIGN_SENDER',
  unknownChannel: 'IPC_UNKNOWN_CHANNEL',
  internal: 'INTERNAL_ERROR',
} as const
