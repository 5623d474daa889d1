import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { useWizard } from '../../../src/renderer/src/state/wizard.ts'
import { WizardScreen } from '../../../src/renderer/src/wizard/WizardScreen.tsx'
import { installRealApi, renderWithTheme, type Harness } from './harness.tsx'

const KEY = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6'

let harness: Harness
beforeEach(() => {
  harness = installRealApi()
})
afterEach(async () => {
  await harness.close()
})

async function openStep(
  step: 'create-app' | 'authorize' | 'token' | 'connect',
) {
  renderWithTheme(<WizardScreen />)
  await screen.findByRole('heading', { level: 1 })
  useWizard.getState().goTo(step)
}

describe('welcome step', () => {
  it('shows what is needed and both ways on', async () => {
    renderWithTheme(<WizardScreen />)
    expect(
      await screen.findByRole('heading', { level: 1, name: /Welcome/ }),
    ).toBeInTheDocument()
    expect(screen.getByText(/About 10 minutes/)).toBeInTheDocument()
    expect(
      screen.getByText(/Everything stays on this computer/),
    ).toBeInTheDocument()
    expect(
      screen.getByRole('button', { name: 'Try with the demo store' }),
    ).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: 'Start setup' }))
    expect(
      await screen.findByRole('heading', { name: 'Create the API app' }),
    ).toBeInTheDocument()
  })

  it('keeps the step in main across a reload', async () => {
    renderWithTheme(<WizardScreen />)
    await screen.findByRole('heading', { level: 1 })
    await userEvent.click(screen.getByRole('button', { name: 'Start setup' }))
    await userEvent.click(await screen.findByRole('button', { name: 'Next' }))
    await screen.findByRole('heading', {
      name: 'Authorize the app in your store',
    })
    const { getApi } = await import('../../../src/renderer/api/index.ts')
    await waitFor(async () => {
      const progress = await getApi().getWizardProgress({})
      expect(progress.ok).toBe(true)
      expect(progress.ok ? progress.value.step : null).toBe('authorize')
    })
  })
})

describe('create-app step', () => {
  it('opens the developer portal', async () => {
    await openStep('create-app')
    await userEvent.click(
      await screen.findByRole('button', { name: 'Open the developer portal' }),
    )
    await waitFor(() =>
      expect(harness.opened).toEqual(['https://devportal.3dcart.com/']),
    )
  })

  it('says read access is enough', async () => {
    await openStep('create-app')
    expect(await screen.findByText(/needs no Write access/)).toBeInTheDocument()
  })

  it('rejects a private key of the wrong length', async () => {
    await openStep('create-app')
    await userEvent.type(await screen.findByLabelText(/^Private key/), 'abc123')
    expect(
      await screen.findByText(/must be 32 characters long, but 6 were entered/),
    ).toBeInTheDocument()
  })

  it('rejects a private key with other characters', async () => {
    await openStep('create-app')
    await userEvent.type(
      await screen.findByLabelText(/^Private key/),
      'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d!',
    )
    expect(
      await screen.findByText(/may contain only letters and digits/),
    ).toBeInTheDocument()
  })

  it('accepts a pasted key with spaces and quotes', async () => {
    await openStep('create-app')
    const field = await screen.findByLabelText(/^Private key/)
    await userEvent.click(field)
    await userEvent.paste(`  "${KEY}" `)
    expect(
      await screen.findByText('Private key looks right.'),
    ).toBeInTheDocument()
    expect(screen.queryByText(/must be 32 characters/)).toBeNull()
  })

  it('asks for a missing key after leaving the field', async () => {
    await openStep('create-app')
    const field = await screen.findByLabelText(/^Private key/)
    await userEvent.click(field)
    await userEvent.tab()
    expect(
      await screen.findByText(/Enter the private key of your API application/),
    ).toBeInTheDocument()
  })
})

describe('authorize step', () => {
  it('adds the scheme to the secure URL', async () => {
    await openStep('authorize')
    await userEvent.type(
      await screen.findByLabelText(/^Secure URL/),
      ' mystore.3dcartstores.com/admin ',
    )
    expect(
      await screen.findByText(
        'The app will connect to https://mystore.3dcartstores.com',
      ),
    ).toBeInTheDocument()
    expect(
      screen.getByRole('button', { name: 'Open my store admin' }),
    ).toBeEnabled()
  })

  it('opens the store admin of the secure URL', async () => {
    await openStep('authorize')
    await userEvent.type(
      await screen.findByLabelText(/^Secure URL/),
      'mystore.3dcartstores.com',
    )
    const button = screen.getByRole('button', { name: 'Open my store admin' })
    await waitFor(() => expect(button).toBeEnabled())
    await userEvent.click(button)
    await waitFor(() =>
      expect(harness.opened).toEqual([
        'https://mystore.3dcartstores.com/admin/',
      ]),
    )
  })

  it('tells a storefront domain from the secure URL', async () => {
    await openStep('authorize')
    await userEvent.type(
      await screen.findByLabelText(/^Secure URL/),
      'www.my-shop.com',
    )
    expect(
      await screen.findByText(/may be your storefront domain/),
    ).toBeInTheDocument()
  })

  it('rejects the API address', async () => {
    await openStep('authorize')
    await userEvent.type(
      await screen.findByLabelText(/^Secure URL/),
      'https://apirest.3dcart.com',
    )
    expect(
      await screen.findByText(
        /is the address of the 3dcart API, not of your store/,
      ),
    ).toBeInTheDocument()
  })

  it('rejects plain http', async () => {
    await openStep('authorize')
    await userEvent.type(
      await screen.findByLabelText(/^Secure URL/),
      'http://mystore.3dcartstores.com',
    )
    expect(
      await screen.findByText(/The Secure URL must start with https:\/\//),
    ).toBeInTheDocument()
    expect(
      screen.getByRole('button', { name: 'Open my store admin' }),
    ).toBeDisabled()
  })
})

describe('token step', () => {
  it('rejects a short token', async () => {
    await openStep('token')
    await userEvent.type(await screen.findByLabelText(/^Token/), 'abc123')
    expect(
      await screen.findByText(/The token is only 6 characters long/),
    ).toBeInTheDocument()
  })
})

describe('connect step', () => {
  it('lists every problem before testing', async () => {
    useWizard.getState().setDraft({
      secureUrl: 'mystore.3dcartstores.com',
      privateKey: KEY,
      token: KEY,
    })
    await openStep('connect')
    await userEvent.click(
      await screen.findByRole('button', { name: 'Test connection' }),
    )
    expect(
      await screen.findByText(/The token is the same as the private key/),
    ).toBeInTheDocument()
    expect(screen.getByText('Please check these fields')).toBeInTheDocument()
  })

  it('says keys are kept for this session only', async () => {
    await openStep('connect')
    expect(
      await screen.findByText(/Keys are kept until the app closes/),
    ).toBeInTheDocument()
  })

  it('keeps Next disabled before a test', async () => {
    await openStep('connect')
    expect(await screen.findByRole('button', { name: 'Next' })).toBeDisabled()
  })
})
