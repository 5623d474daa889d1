import type { WizardStep } from '../../../shared/ipc/channels/wizard.ts'

/** Names in the step list, also used in "go back to …" buttons. */
export const STEP_TITLES: Record<WizardStep, string> = {
  welcome: 'Welcome',
  'create-app': 'Create the API app',
  authorize: 'Authorize it in your store',
  token: 'Find the token',
  connect: 'Connect',
  choose: 'Choose data',
  pull: 'Copy your data',
}
