/**
 * The one IPC contract between the renderer and the main process. Each
 * feature declares its channels and events in `channels/<feature>.ts`; this
 * file merges them.
 * The preload script and the loopback bridge expose exactly these names, so
 * the renderer can call nothing else.
 */
import type { z } from 'zod'
import { appChannels, appEvents } from './channels/app.ts'
import { exportChannels, exportEvents } from './channels/export.ts'
import { reviewChannels, reviewEvents } from './channels/review.ts'
import { wizardChannels, wizardEvents } from './channels/wizard.ts'
import type { IpcResult } from './result.ts'

export const channels = {
  ...appChannels,
  ...exportChannels,
  ...reviewChannels,
  ...wizardChannels,
}

export const events = {
  ...appEvents,
  ...exportEvents,
  ...reviewEvents,
  ...wizardEvents,
}

export type Channels = typeof channels
export type ChannelName = keyof Channels
export type EventName = keyof typeof events

export type RequestOf<K extends ChannelName> = z.input<Channels[K]['request']>
export type ParsedRequestOf<K extends ChannelName> = z.output<
  Channels[K]['request']
>
export type ResponseOf<K extends ChannelName> = z.output<
  Channels[K]['response']
>
export type EventPayloadOf<E extends EventName> = z.output<(typeof events)[E]>

export const CHANNEL_NAMES = Object.keys(channels) as ChannelName[]
export const EVENT_NAMES = Object.keys(events) as EventName[]

/** Prefix of every Electron IPC channel string, so ours are easy to spot. */
export const IPC_PREFIX = 'wizard:'

export function ipcChannelId(name: ChannelName | EventName): string {
  return `${IPC_PREFIX}${name}`
}

type Listener<E extends EventName> = (payload: EventPayloadOf<E>) => void

/** `onPullProgress` for the event `pullProgress`. */
export type SubscriberName<E extends EventName> = `on${Capitalize<E>}`

export function subscriberName<E extends EventName>(
  event: E,
): SubscriberName<E> {
  return `on${event.charAt(0).toUpperCase()}${event.slice(1)}` as SubscriberName<E>
}

/**
 * The API object the renderer uses as `window.wizardApi` (preload) or builds
 * over the bridge: one method per channel, one subscriber per event. Each
 * subscriber returns a function that removes the listener.
 */
export type WizardApi = {
  [K in ChannelName]: (
    request: RequestOf<K>,
  ) => Promise<IpcResult<ResponseOf<K>>>
} & {
  [E in EventName as SubscriberName<E>]: (listener: Listener<E>) => () => void
}
