/**
 * Builds the renderer's API object from the contract's channel and event
 * names. The object has one named method per channel and one subscriber per
 * event; there is no generic invoke or send, so a compromised renderer can
 * reach only the channels in the contract.
 */
import {
  CHANNEL_NAMES,
  EVENT_NAMES,
  ipcChannelId,
  subscriberName,
  type WizardApi,
} from '../shared/ipc/contract.ts'

/** The part of Electron's `ipcRenderer` this module uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>
  on(
    channel: string,
    listener: (event: unknown, ...args: unknown[]) => void,
  ): unknown
  removeListener(
    channel: string,
    listener: (event: unknown, ...args: unknown[]) => void,
  ): unknown
}

export function buildPreloadApi(ipc: IpcRendererLike): WizardApi {
  const api: Record<string, unknown> = {}
  for (const name of CHANNEL_NAMES) {
    const id = ipcChannelId(name)
    api[name] = (request: unknown) => ipc.invoke(id, request)
  }
  for (const event of EVENT_NAMES) {
    const id = ipcChannelId(event)
    api[subscriberName(event)] = (listener: (payload: unknown) => void) => {
      // Drop Electron's event object: it exposes `sender` to the page.
      const wrapped = (_event: unknown, payload: unknown) => listener(payload)
      ipc.on(id, wrapped)
      return () => {
        ipc.removeListener(id, wrapped)
      }
    }
  }
  return Object.freeze(api) as WizardApi
}
