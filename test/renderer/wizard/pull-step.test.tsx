import { act, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { getApi } from '../../../src/renderer/api/index.ts'
import { useNavigation } from '../../../src/renderer/src/state/navigation.ts'
import type { PullStatus } from '../../../src/shared/ipc/channels/wizard.ts'
import { useWizard } from '../../../src/renderer/src/state/wizard.ts'
import { WizardScreen } from '../../../src/renderer/src/wizard/WizardScreen.tsx'
import { installRealApi, renderWithTheme, type Harness } from './harness.tsx'

let harness: Harness
beforeEach(() => {
  harness = installRealApi()
})
afterEach(async () => {
  await harness.close()
})

function status(patch: Partial<PullStatus>): PullStatus {
  return {
    storeId: 'shop-1234',
    state: 'running',
    entities: [
      { entity: 'categories', done: 40, total: 40, state: 'complete' },
      { entity: 'orders', done: 300, total: 500, state: 'pulling' },
    ],
    recordsPerSecond: 12.5,
    etaSeconds: 130,
    retries: 0,
    lastError: null,
    errors: [],
    verification: null,
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: null,
    ...patch,
  }
}

/** Shows a status as main's progress event would deliver it. */
async function showStatus(value: PullStatus) {
  await getApi().saveWizardProgress({ step: 'pull', storeId: value.storeId })
  renderWithTheme(<WizardScreen />)
  await screen.findByRole('heading', { name: 'Copy your data' })
  act(() => useWizard.getState().setPull(value))
}

describe('pull step', () => {
  it('shows progress per entity and overall', async () => {
    await showStatus(status({}))
    expect(screen.getByText('Copying your data…')).toBeInTheDocument()
    expect(
      screen.getByRole('progressbar', { name: 'All data: 63%' }),
    ).toBeInTheDocument()
    expect(
      screen.getByRole('progressbar', { name: 'Orders: 60%' }),
    ).toBeInTheDocument()
    expect(screen.getByText('12.5 records per second')).toBeInTheDocument()
    expect(screen.getByText('Time left: about 2 minutes')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Pause' })).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeInTheDocument()
  })

  it('reports retries calmly', async () => {
    await showStatus(status({ state: 'retrying', retries: 3 }))
    expect(screen.getByText(/The store was busy 3 times/)).toBeInTheDocument()
    expect(screen.getByText(/Nothing to do/)).toBeInTheDocument()
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('offers resume when paused', async () => {
    await showStatus(status({ state: 'paused' }))
    expect(screen.getByText('Paused. Your place is saved.')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Resume' })).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Pause' })).toBeNull()
  })

  it('lists errors with what to do', async () => {
    await showStatus(
      status({
        state: 'failed',
        errors: [
          {
            code: 'NETWORK_UNREACHABLE',
            message: 'The store could not be reached.',
            advice: 'Check your internet connection.',
          },
        ],
      }),
    )
    const alert = screen.getByRole('alert')
    expect(alert).toHaveTextContent('The store could not be reached.')
    expect(alert).toHaveTextContent('Check your internet connection.')
    expect(
      screen.getByRole('button', { name: 'Continue copying' }),
    ).toBeInTheDocument()
  })

  it('shows verification and opens review', async () => {
    await showStatus(
      status({
        state: 'completed',
        entities: [
          { entity: 'categories', done: 40, total: 40, state: 'complete' },
          { entity: 'orders', done: 498, total: 500, state: 'incomplete' },
        ],
        verification: [
          { entity: 'categories', expected: 40, stored: 40, ok: true },
          { entity: 'orders', expected: 500, stored: 498, ok: false },
        ],
        finishedAt: '2026-01-01T00:10:00.000Z',
      }),
    )
    expect(
      screen.getByText('Done: your data is on this computer.'),
    ).toBeInTheDocument()
    const table = screen.getByRole('table', { name: 'Verification' })
    const orders = within(table).getByRole('row', { name: /Orders/ })
    expect(orders).toHaveTextContent('Some records missing')
    const categories = within(table).getByRole('row', { name: /Categories/ })
    expect(categories).toHaveTextContent('Complete')
    await userEvent.click(
      screen.getByRole('button', { name: 'Review my data' }),
    )
    expect(useNavigation.getState().section).toBe('review')
    expect(useNavigation.getState().storeId).toBe('shop-1234')
  })

  it('explains a pull without credentials', async () => {
    const saved = await getApi().saveStore({
      secureUrl: 'https://mystore.3dcartstores.com',
      privateKey: 'a'.repeat(32),
      token: 'b'.repeat(32),
    })
    if (!saved.ok) throw new Error(saved.error.message)
    // A restart in browser mode loses the credentials kept for the session.
    await harness.restart()
    const pull = await getApi().startPull({
      storeId: saved.value.id,
      entities: ['orders'],
      storeSensitive: false,
    })
    expect(pull.ok).toBe(true)
    await getApi().saveWizardProgress({ step: 'pull', storeId: saved.value.id })
    renderWithTheme(<WizardScreen />)
    expect(
      await screen.findByText(/kept only until the app closed/),
    ).toBeInTheDocument()
    expect(
      screen.getByText(/Enter the key and token again on the Connect step/),
    ).toBeInTheDocument()
    expect(
      screen.getByRole('button', { name: 'Continue copying' }),
    ).toBeInTheDocument()
  })
})
