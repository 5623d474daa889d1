/**
 * The renderer's API over the loopback bridge (browser development and
 * end-to-end tests). It offers exactly the same object as the preload does,
 * so no screen knows which transport it runs on.
 */
import {
  CHANNEL_NAMES,
  EVENT_NAMES,
  subscriberName,
  type WizardApi,
} from '../../shared/ipc/contract.ts'
import type { IpcResult } from '../../shared/ipc/result.ts'

const SECRET_HEADER = 'x-bridge-secret'

type Listener = (payload: unknown) => void

function transportFailure(message: string): IpcResult<never> {
  return {
    ok: false,
    error: {
      code: 'BRIDGE_UNAVAILABLE',
      message: `${message} Restart the app and try again.`,
    },
  }
}

async function call(
  origin: string,
  secret: string,
  name: string,
  request: unknown,
): Promise<IpcResult<unknown>> {
  let response: Response
  try {
    response = await fetch(`${origin}/api/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [SECRET_HEADER]: secret,
      },
      body: JSON.stringify(request ?? {}),
    })
  } catch {
    return transportFailure('The app’s background process is not answering.')
  }
  if (response.status === 401) {
    return transportFailure('This page is not connected to the app.')
  }
  return (await response.json()) as IpcResult<unknown>
}

function parseFrames(buffer: string, emit: (e: string, d: string) => void) {
  const frames = buffer.split('\n\n')
  const rest = frames.pop() ?? ''
  for (const frame of frames) {
    let event = ''
    let data = ''
    for (const line of frame.split('\n')) {
      if (line.startsWith('event: ')) event = line.slice(7)
      else if (line.startsWith('data: ')) data += line.slice(6)
    }
    if (event && data) emit(event, data)
  }
  return rest
}

/** Reads the event stream, reconnecting after a drop. */
async function streamEvents(
  origin: string,
  secret: string,
  listeners: Map<string, Set<Listener>>,
) {
  const emit = (event: string, data: string) => {
    const payload: unknown = JSON.parse(data)
    for (const listener of listeners.get(event) ?? []) listener(payload)
  }
  for (;;) {
    try {
      const response = await fetch(`${origin}/api/events`, {
        headers: { [SECRET_HEADER]: secret },
      })
      if (!response.body) throw new Error('no event stream')
      const reader = response.body
        .pipeThrough(new TextDecoderStream())
        .getReader()
      let buffer = ''
      for (;;) {
        const { value, done } = await reader.read()
        if (done) break
        buffer = parseFrames(buffer + value, emit)
      }
    } catch {
      // The bridge restarted or the network blinked: retry below.
    }
    await new Promise((resolve) => setTimeout(resolve, 1000))
  }
}

export function createBridgeApi(origin: string, secret: string): WizardApi {
  const listeners = new Map<string, Set<Listener>>()
  let streaming = false
  const api: Record<string, unknown> = {}
  for (const name of CHANNEL_NAMES) {
    api[name] = (request: unknown) => call(origin, secret, name, request)
  }
  for (const event of EVENT_NAMES) {
    api[subscriberName(event)] = (listener: Listener) => {
      if (!streaming) {
        streaming = true
        void streamEvents(origin, secret, listeners)
      }
      const set = listeners.get(event) ?? new Set<Listener>()
      set.add(listener)
      listeners.set(event, set)
      return () => {
        set.delete(listener)
      }
    }
  }
  return Object.freeze(api) as WizardApi
}
