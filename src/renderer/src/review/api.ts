/** Calls to the review channels that throw the merchant-facing error on failure. */
import type { IpcResult } from '../../../shared/ipc/result.ts'

export class ReviewRequestError extends Error {
  readonly code: string

  constructor(code: string, message: string) {
    super(message)
    this.name = 'ReviewRequestError'
    this.code = code
  }
}

export async function unwrap<T>(request: Promise<IpcResult<T>>): Promise<T> {
  const result = await request
  if (!result.ok) {
    throw new ReviewRequestError(result.error.code, result.error.message)
  }
  return result.value
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
