import { ZodError } from 'zod'
import { AppError, IpcErrorCode } from '../../shared/errors.ts'
import {
  channels,
  type ChannelName,
  type EventName,
  type EventPayloadOf,
  type ParsedRequestOf,
  type ResponseOf,
} from '../../shared/ipc/contract.ts'
import type { IpcResult } from '../../shared/ipc/result.ts'
import { log } from '../log.ts'

export type EmitEvent = <E extends EventName>(
  event: E,
  payload: EventPayloadOf<E>,
) => void

export type Handler<K extends ChannelName> = (
  request: ParsedRequestOf<K>,
) => Promise<ResponseOf<K>> | ResponseOf<K>

/** One handler per channel; the compiler rejects a table that misses one. */
export type HandlerTable = { [K in ChannelName]: Handler<K> }

function isChannelName(name: string): name is ChannelName {
  return Object.hasOwn(channels, name)
}

function describeZodError(error: ZodError): string {
  const first = error.issues[0]
  if (!first) return 'The request is invalid.'
  const where = first.path.length > 0 ? first.path.join('.') : 'request'
  return `Invalid ${where}: ${first.message}`
}

/**
 * Validates a payload against the channel's schema, runs the handler and
 * wraps the outcome. Both the Electron IPC layer and the loopback bridge call
 * this, so the two transports behave the same.
 */
export async function dispatch(
  table: HandlerTable,
  name: string,
  payload: unknown,
): Promise<IpcResult<unknown>> {
  if (!isChannelName(name)) {
    return {
      ok: false,
      error: {
        code: IpcErrorCode.unknownChannel,
        message: `Unknown request "${name}".`,
      },
    }
  }
  const parsed = channels[name].request.safeParse(payload)
  if (!parsed.success) {
    log.warn('ipc: rejected invalid payload', { channel: name })
    return {
      ok: false,
      error: {
        code: IpcErrorCode.invalidPayload,
        message: describeZodError(parsed.error),
      },
    }
  }
  try {
    const handler = table[name] as (request: unknown) => unknown
    const value = await handler(parsed.data)
    return { ok: true, value: value ?? null }
  } catch (error) {
    return { ok: false, error: toErrorInfo(name, error) }
  }
}

function toErrorInfo(channelName: string, error: unknown) {
  if (error instanceof AppError) {
    log.warn('ipc: handler failed', {
      channel: channelName,
      code: error.code,
      message: error.message,
    })
    return error.toInfo()
  }
  log.error('ipc: unexpected handler error', { channel: channelName, error })
  return {
    code: IpcErrorCode.internal,
    message:
      'Something went wrong inside the app. The log file has the details; ' +
      'try again, and if it keeps happening, send us the log.',
  }
}
