/**
 * Renders wizard components against the real main-process handlers, called
 * in-process through the same dispatcher both transports use.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MantineProvider } from '@mantine/core'
import { render } from '@testing-library/react'
import type { ReactElement } from 'react'
import { setApiForTests } from '../../../src/renderer/api/index.ts'
import { resetWizardState } from '../../../src/renderer/src/state/wizard.ts'
import {
  CHANNEL_NAMES,
  EVENT_NAMES,
  subscriberName,
  type WizardApi,
} from '../../../src/shared/ipc/contract.ts'
import { createHandlers } from '../../../src/main/handlers/index.ts'
import { dispatch } from '../../../src/main/ipc/dispatch.ts'
import {
  NO_ENCRYPTION,
  type AppContext,
} from '../../../src/main/platform/context.ts'

type Listener = (payload: unknown) => void

export interface Harness {
  userDataDir: string
  opened: string[]
  /** Disposes the handlers and builds new ones on the same folder. */
  restart(): Promise<void>
  close(): Promise<void>
}

export function installRealApi(): Harness {
  const userDataDir = mkdtempSync(join(tmpdir(), 'wizard-component-'))
  const opened: string[] = []
  let services = installHandlers(userDataDir, opened)
  resetWizardState()
  return {
    userDataDir,
    opened,
    restart: async () => {
      await services.dispose()
      services = installHandlers(userDataDir, opened)
    },
    close: async () => {
      await services.dispose()
      rmSync(userDataDir, { recursive: true, force: true })
    },
  }
}

function installHandlers(userDataDir: string, opened: string[]) {
  const listeners = new Map<string, Set<Listener>>()
  const context: AppContext = {
    appName: 'test',
    version: '0.0.0',
    transport: 'bridge',
    userDataDir,
    emit: (event, payload) => {
      for (const listener of listeners.get(event) ?? []) listener(payload)
    },
    cipher: NO_ENCRYPTION,
    openExternal: async (url) => {
      opened.push(url)
    },
    openPath: async () => {},
  }
  const { handlers, services } = createHandlers(context)
  const api: Record<string, unknown> = {}
  for (const name of CHANNEL_NAMES) {
    api[name] = (request: unknown) =>
      dispatch(handlers, name, JSON.parse(JSON.stringify(request ?? {})))
  }
  for (const event of EVENT_NAMES) {
    api[subscriberName(event)] = (listener: Listener) => {
      const set = listeners.get(event) ?? new Set<Listener>()
      set.add(listener)
      listeners.set(event, set)
      return () => set.delete(listener)
    }
  }
  setApiForTests(api as WizardApi)
  return services
}

export function renderWithTheme(element: ReactElement) {
  return render(<MantineProvider>{element}</MantineProvider>)
}
