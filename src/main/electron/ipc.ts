/**
 * Electron's side of the IPC contract: one `ipcMain.handle` per channel, each
 * checking the sender before the shared dispatcher validates the payload.
 * Only this file and the preload touch Electron's IPC objects.
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron'
import { IpcErrorCode } from '../../shared/errors.ts'
import {
  CHANNEL_NAMES,
  channels,
  events,
  ipcChannelId,
  type EventName,
  type EventPayloadOf,
} from '../../shared/ipc/contract.ts'
import type { IpcResult } from '../../shared/ipc/result.ts'
import { dispatch, type HandlerTable } from '../ipc/dispatch.ts'
import { log } from '../log.ts'
import { isTrustedSender } from '../security/window-options.ts'

export interface IpcRegistration {
  trust(webContents: WebContents): void
  emit<E extends EventName>(event: E, payload: EventPayloadOf<E>): void
  dispose(): void
}

export function senderInfo(event: IpcMainInvokeEvent) {
  const frame = event.senderFrame
  return {
    webContentsId: event.sender.id,
    frameUrl: frame?.url,
    isMainFrame: frame !== null && frame === event.sender.mainFrame,
  }
}

export function registerIpc(
  handlers: HandlerTable,
  appOrigin: string,
): IpcRegistration {
  const trusted = new Map<number, WebContents>()
  for (const name of CHANNEL_NAMES) {
    ipcMain.handle(
      ipcChannelId(name),
      async (event, payload: unknown): Promise<IpcResult<unknown>> => {
        if (
          !isTrustedSender(
            senderInfo(event),
            new Set(trusted.keys()),
            appOrigin,
          )
        ) {
          log.warn('ipc: rejected foreign sender', { channel: name })
          return {
            ok: false,
            error: {
              code: IpcErrorCode.foreignSender,
              message: 'This request did not come from the app window.',
            },
          }
        }
        return dispatch(handlers, name, payload)
      },
    )
  }
  return {
    trust(webContents) {
      trusted.set(webContents.id, webContents)
      webContents.once('destroyed', () => trusted.delete(webContents.id))
    },
    emit(event, payload) {
      const checked = events[event].parse(payload)
      for (const webContents of trusted.values()) {
        webContents.send(ipcChannelId(event), checked)
      }
    },
    dispose() {
      for (const name of Object.keys(channels)) {
        ipcMain.removeHandler(ipcChannelId(name as keyof typeof channels))
      }
    },
  }
}
