import { act, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { getApi } from '../../../src/renderer/api/index.ts'
import { useWizard } from '../../../src/renderer/src/state/wizard.ts'
import { ConnectionResultPanel } from '../../../src/renderer/src/wizard/ConnectionResultPanel.tsx'
import { WizardScreen } from '../../../src/renderer/src/wizard/WizardScreen.tsx'
import type { ConnectionResult } from '../../../src/shared/ipc/channels/wizard.ts'
import { installRealApi, renderWithTheme, type Harness } from './harness.tsx'

let harness: Harness
beforeEach(() => {
  harness = installRealApi()
})
afterEach(async () => {
  await harness.close()
})

const TESTED_AT = '2026-01-01T00:00:00.000Z'

function failed(
  problem: NonNullable<ConnectionResult['problem']>,
  modules: ConnectionResult['modules'] = [],
): ConnectionResult {
  return { ok: false, problem, modules, testedAt: TESTED_AT }
}

/** Each failure the connection test reports, with the step that fixes it. */
const FAILURES: Array<{
  name: string
  result: ConnectionResult
  button: string | null
  heading: string | null
}> = [
  {
    name: 'wrong secure URL',
    result: failed({
      code: 'WRONG_HOST',
      message: 'The Secure URL does not belong to a 3dcart store.',
      step: 'authorize',
    }),
    button: 'Go back to step 3: Authorize it in your store',
    heading: 'Authorize the app in your store',
  },
  {
    name: 'wrong key or token',
    result: failed({
      code: 'BAD_CREDENTIALS',
      message: 'The store rejected the private key or the token.',
      step: 'create-app',
    }),
    button: 'Go back to step 2: Create the API app',
    heading: 'Create the API app',
  },
  {
    name: 'app not authorized',
    result: failed({
      code: 'NOT_AUTHORIZED',
      message: 'The store has not authorized the application.',
      step: 'authorize',
    }),
    button: 'Go back to step 3: Authorize it in your store',
    heading: 'Authorize the app in your store',
  },
  {
    name: 'token not found',
    result: failed({
      code: 'BAD_CREDENTIALS',
      message: 'The token does not match this store.',
      step: 'token',
    }),
    button: 'Go back to step 4: Find the token',
    heading: 'Find the token',
  },
  {
    name: 'no network',
    result: failed({
      code: 'NETWORK_UNREACHABLE',
      message: 'The 3dcart API could not be reached.',
      step: 'connect',
    }),
    button: null,
    heading: null,
  },
]

describe('connection result panel', () => {
  for (const failure of FAILURES) {
    it(`explains ${failure.name}`, async () => {
      await getApi().saveWizardProgress({ step: 'connect' })
      renderWithTheme(<WizardScreen />)
      await screen.findByRole('heading', { name: 'Connect to your store' })
      act(() => useWizard.getState().setConnection(failure.result))
      const alert = await screen.findByText(failure.result.problem!.message)
      expect(alert).toBeInTheDocument()
      expect(
        screen.getByRole('button', { name: 'Test again' }),
      ).toBeInTheDocument()
      if (failure.button === null) {
        expect(
          screen.queryByRole('button', { name: /^Go back to step/ }),
        ).toBeNull()
        return
      }
      await userEvent.click(
        screen.getByRole('button', { name: failure.button }),
      )
      expect(
        await screen.findByRole('heading', {
          level: 1,
          name: failure.heading!,
        }),
      ).toBeInTheDocument()
    })
  }

  it('names the module without read access', () => {
    renderWithTheme(
      <ConnectionResultPanel
        onRetry={() => {}}
        result={failed(
          {
            code: 'MISSING_SCOPE',
            message: 'The application has no read access to Orders.',
            step: 'create-app',
            module: 'Orders',
          },
          [
            {
              module: 'Orders',
              entity: 'orders',
              readable: false,
              count: null,
            },
            {
              module: 'Products',
              entity: 'products',
              readable: true,
              count: 9,
            },
          ],
        )}
      />,
    )
    const list = screen.getByRole('list', { name: 'Data without read access' })
    expect(list).toHaveTextContent('Orders (module Orders)')
    expect(list).not.toHaveTextContent('Products')
  })

  it('reports success with the store name', () => {
    renderWithTheme(
      <ConnectionResultPanel
        onRetry={() => {}}
        result={{
          ok: true,
          storeName: 'Main shop',
          modules: [
            { module: 'Orders', entity: 'orders', readable: true, count: 3 },
          ],
          testedAt: TESTED_AT,
        }}
      />,
    )
    expect(screen.getByText(/The app can read Main shop/)).toBeInTheDocument()
  })
})

describe('saved stores', () => {
  it('lists several stores to choose from', async () => {
    for (const host of ['first', 'second']) {
      const saved = await getApi().saveStore({
        secureUrl: `https://${host}.3dcartstores.com`,
        privateKey: 'a'.repeat(32),
        token: 'b'.repeat(32),
      })
      expect(saved.ok).toBe(true)
    }
    await getApi().saveWizardProgress({ step: 'connect' })
    renderWithTheme(<WizardScreen />)
    const first = await screen.findByRole('radio', {
      name: 'first.3dcartstores.com',
    })
    expect(
      screen.getByRole('radio', { name: 'second.3dcartstores.com' }),
    ).toBeInTheDocument()
    expect(
      screen.getByRole('radio', { name: 'Connect a new store' }),
    ).toBeChecked()
    await userEvent.click(first)
    expect(first).toBeChecked()
    expect(screen.queryByLabelText(/^Private key/)).toBeNull()
    expect(
      screen.getByText(/The key and token of first.3dcartstores.com are saved/),
    ).toBeInTheDocument()
  })

  it('removes a saved store', async () => {
    const saved = await getApi().saveStore({
      secureUrl: 'https://first.3dcartstores.com',
      privateKey: 'a'.repeat(32),
      token: 'b'.repeat(32),
    })
    if (!saved.ok) throw new Error(saved.error.message)
    await getApi().saveWizardProgress({
      step: 'connect',
      storeId: saved.value.id,
    })
    renderWithTheme(<WizardScreen />)
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Remove this store from the app',
      }),
    )
    await waitFor(() =>
      expect(screen.queryByRole('radio', { name: /first/ })).toBeNull(),
    )
    const stores = await getApi().listStores({})
    expect(stores.ok).toBe(true)
    expect(stores.ok ? stores.value.stores : null).toEqual([])
  })
})
