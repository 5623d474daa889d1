/**
 * The one API object every screen uses. Inside Electron the preload script
 * provides it as `window.wizardApi`; in a browser it is built over the
 * loopback bridge whose secret arrives in the address's fragment
 * (`#bridge=<secret>`), kept in session storage and removed from the
 * address bar.
 */
import type { WizardApi } from '../../shared/ipc/contract.ts'
import { createBridgeApi } from './bridge-client.ts'

declare global {
  interface Window {
    wizardApi?: WizardApi
  }
}

const SECRET_KEY = 'wizard.bridgeSecret'

function takeBridgeSecret(): string | null {
  const match = /(?:^#|&)bridge=([^&]+)/.exec(window.location.hash)
  if (match?.[1]) {
    sessionStorage.setItem(SECRET_KEY, match[1])
    history.replaceState(null, '', window.location.pathname)
    return match[1]
  }
  return sessionStorage.getItem(SECRET_KEY)
}

function resolveApi(): WizardApi {
  if (window.wizardApi) return window.wizardApi
  const secret = takeBridgeSecret() ?? ''
  return createBridgeApi(window.location.origin, secret)
}

let cached: WizardApi | undefined

export function getApi(): WizardApi {
  cached ??= resolveApi()
  return cached
}

/** Replaces the API, for component tests that drive real handlers. */
export function setApiForTests(api: WizardApi): void {
  cached = api
}
