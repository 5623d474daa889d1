import { z } from 'zod'
import { channel } from '../define.ts'

export const appChannels = {
  getAppInfo: channel(
    z.object({}).strict(),
    z.object({
      name: z.string(),
      version: z.string(),
      /** `electron` inside the desktop app, `bridge` in a browser. */
      transport: z.enum(['electron', 'bridge']),
      platform: z.string(),
      userDataDir: z.string(),
      /** Whether credentials can be encrypted at rest on this machine. */
      encryptionAvailable: z.boolean(),
    }),
  ),
  writeLog: channel(
    z
      .object({
        level: z.enum(['error', 'warn', 'info', 'debug']),
        message: z.string().max(10_000),
        context: z.record(z.string(), z.unknown()).optional(),
      })
      .strict(),
    z.null(),
  ),
  openExternal: channel(
    z.object({ url: z.string().max(2_048) }).strict(),
    z.null(),
  ),
  openPath: channel(
    z.object({ path: z.string().min(1).max(4_096) }).strict(),
    z.null(),
  ),
}

export const appEvents = {
  /** A line for the renderer's notification area, such as "export done". */
  notice: z.object({
    level: z.enum(['info', 'warn', 'error']),
    message: z.string(),
  }),
}
