import { z } from 'zod'

/**
 * Events from main to the renderer. Features add theirs here; payloads are
 * validated in main before they are sent.
 */
export const appEvents = {
  /** A line for the renderer's notification area, such as "export done". */
  notice: z.object({
    level: z.enum(['info', 'warn', 'error']),
    message: z.string(),
  }),
}
