import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { MantineProvider } from '@mantine/core'
import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { ReviewScreen } from '../../../src/renderer/src/review/ReviewScreen.tsx'
import { useReview } from '../../../src/renderer/src/review/state.ts'
import { useNavigation } from '../../../src/renderer/src/state/navigation.ts'
import { buildArchive } from '../../review/fixture.ts'
import { installRealApi, type Harness } from '../wizard/harness.tsx'

let harness: Harness

// happy-dom does no layout, so every element measures 0×0 and the virtual
// grid would render no row. Give elements the size of a laptop window.
const sizes = ['clientHeight', 'clientWidth'] as const
const originals = sizes.map((name) =>
  Object.getOwnPropertyDescriptor(HTMLElement.prototype, name),
)

beforeEach(() => {
  for (const name of sizes) {
    Object.defineProperty(HTMLElement.prototype, name, {
      configurable: true,
      get: () => (name === 'clientHeight' ? 600 : 1000),
    })
  }
  harness = installRealApi()
  const archives = join(harness.userDataDir, 'archives')
  mkdirSync(archives, { recursive: true })
  buildArchive(join(archives, 'fixture.sqlite'))
  useNavigation.setState({ section: 'review', storeId: 'fixture' })
  useReview.getState().reset()
})

afterEach(async () => {
  sizes.forEach((name, index) => {
    const original = originals[index]
    if (original) Object.defineProperty(HTMLElement.prototype, name, original)
  })
  await harness.close()
})

function renderScreen() {
  return render(
    <MantineProvider>
      <ReviewScreen />
    </MantineProvider>,
  )
}

describe('ReviewScreen', () => {
  it('shows orders and opens one with its items', async () => {
    const user = userEvent.setup()
    renderScreen()
    const grid = await screen.findByRole('grid', { name: 'Orders table' })
    expect(await screen.findByTestId('row-count')).toHaveTextContent(
      '6 of 6 orders',
    )
    const row = await within(grid).findByText('AB-1001')
    expect(within(grid).getAllByText('Sent out')).toHaveLength(2)
    await user.click(row)
    const detail = await screen.findByRole('region', { name: 'Record detail' })
    expect(
      await within(detail).findByRole('heading', {
        name: 'AB-1001 — First4 Last4',
      }),
    ).toBeVisible()
    const items = within(detail).getByRole('table', { name: 'Items' })
    expect(items).toHaveTextContent('Size: Medium; Color: Red & Blue')
    expect(
      within(detail).getByRole('table', { name: 'Shipments' }),
    ).toHaveTextContent('EC000000000US')
    expect(
      within(detail).getByRole('table', { name: 'Transactions' }),
    ).toHaveTextContent('Sale')
  })

  it('finds a customer by email and follows a link to an order', async () => {
    const user = userEvent.setup()
    renderScreen()
    await screen.findByRole('grid', { name: 'Orders table' })
    await user.type(
      screen.getByLabelText('Search everything'),
      'jane.doe@shop.test',
    )
    const results = await screen.findByRole('list', { name: 'Search results' })
    await user.click(
      await within(results).findByText('jane.doe@shop.test — Jane Doe'),
    )
    const detail = await screen.findByRole('region', { name: 'Record detail' })
    const orders = await within(detail).findByRole('table', { name: 'Orders' })
    await user.click(within(orders).getByRole('button', { name: 'AB-1002' }))
    // Each record opens in a fresh panel, so the region is looked up again.
    const order = await screen.findByRole('heading', {
      name: 'AB-1002 — First4 Last4',
    })
    expect(order).toBeVisible()
    await user.click(screen.getByRole('button', { name: 'Back' }))
    expect(
      await screen.findByRole('heading', {
        name: 'jane.doe@shop.test — Jane Doe',
      }),
    ).toBeVisible()
  })

  it('limits search text to what the check accepts', async () => {
    renderScreen()
    await screen.findByRole('grid', { name: 'Orders table' })
    const everything = screen.getByLabelText('Search everything')
    expect(everything).toHaveAttribute('maxLength', '200')
    const orders = await screen.findByLabelText('Search orders')
    expect(orders).toHaveAttribute('maxLength', '200')
  })

  it('highlights an order opened from search', async () => {
    const user = userEvent.setup()
    renderScreen()
    const grid = await screen.findByRole('grid', { name: 'Orders table' })
    await within(grid).findByText('AB-1002')
    await user.type(screen.getByLabelText('Search everything'), 'AB-1002')
    const results = await screen.findByRole('list', { name: 'Search results' })
    const hits = await within(results).findAllByText(/AB-1002/)
    await user.click(hits[0]!)
    await screen.findByRole('heading', { name: 'AB-1002 — First4 Last4' })
    const selected = within(grid).getAllByRole('row', { selected: true })
    expect(selected).toHaveLength(1)
    expect(selected[0]).toHaveTextContent('AB-1002')
  })

  it('keeps abandoned checkouts apart on the dashboard', async () => {
    const user = userEvent.setup()
    renderScreen()
    await user.click(await screen.findByRole('tab', { name: 'Dashboard' }))
    expect(await screen.findByText('$149.70')).toBeVisible()
    expect(
      screen.getByText('Worth $55.50, kept apart from sales'),
    ).toBeVisible()
    const statuses = screen.getByRole('table', { name: 'Order statuses' })
    expect(statuses).toHaveTextContent('Received')
  })

  it('lists quality notes and changes of the last pull', async () => {
    const user = userEvent.setup()
    renderScreen()
    await user.click(await screen.findByRole('tab', { name: 'Completeness' }))
    expect(
      await screen.findByText('Products sharing a SKU with another product'),
    ).toBeVisible()
    expect(
      screen.getByText('Customers with a missing or invalid email'),
    ).toBeVisible()
    await user.click(screen.getByRole('tab', { name: 'What changed' }))
    expect(
      await screen.findByText('1 added · 0 changed · 0 removed'),
    ).toBeVisible()
  })
})
