import type { ErrorInfo } from '../errors.ts'

/** What every request channel resolves to, over IPC and over the bridge. */
export type IpcResult<T> =
  { ok: true; value: T } | { ok: false; error: ErrorInfo }
