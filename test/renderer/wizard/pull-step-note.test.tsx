import { act, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { getApi } from '../../../src/renderer/api/index.ts'
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

const NOTE =
  'Orders: the store lists 3 records twice (ids 40054, 40056 and 40076), so it counts 27 where it has 24 distinct records.'

const COMPLETED: PullStatus = {
  storeId: 'shop-1234',
  state: 'completed',
  entities: [{ entity: 'orders', done: 24, total: 24, state: 'complete' }],
  recordsPerSecond: 0,
  etaSeconds: null,
  retries: 0,
  lastError: null,
  errors: [],
  verification: [
    { entity: 'orders', expected: 27, stored: 24, ok: true, note: NOTE },
  ],
  startedAt: '2026-01-01T00:00:00.000Z',
  finishedAt: '2026-01-01T00:10:00.000Z',
}

describe('pull step verification note', () => {
  it('shows the note of a complete entity', async () => {
    await getApi().saveWizardProgress({ step: 'pull', storeId: 'shop-1234' })
    renderWithTheme(<WizardScreen />)
    await screen.findByRole('heading', { name: 'Copy your data' })
    act(() => useWizard.getState().setPull(COMPLETED))
    const table = screen.getByRole('table', { name: 'Verification' })
    const orders = within(table).getByRole('row', { name: /Orders/ })
    expect(orders).toHaveTextContent('Complete')
    expect(orders).toHaveTextContent(NOTE)
    expect(orders).not.toHaveTextContent('Some records missing')
  })
})
