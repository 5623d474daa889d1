import { act, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { useWizard, withDone } from '../../../src/renderer/src/state/wizard.ts'
import { WizardScreen } from '../../../src/renderer/src/wizard/WizardScreen.tsx'
import { installRealApi, renderWithTheme, type Harness } from './harness.tsx'

let harness: Harness
beforeEach(() => {
  harness = installRealApi()
})
afterEach(async () => {
  await harness.close()
})

function stepButton(name: string): HTMLElement {
  const nav = screen.getByRole('navigation', { name: 'Setup steps' })
  return within(nav).getByRole('button', { name: new RegExp(name) })
}

describe('wizard step list', () => {
  it('adds the steps between two steps', () => {
    expect(withDone([], 'welcome', 'connect')).toEqual([
      'welcome',
      'create-app',
      'authorize',
      'token',
    ])
    expect(withDone(['welcome'], 'connect', 'choose')).toEqual([
      'welcome',
      'connect',
    ])
  })

  it('marks only finished steps done', async () => {
    renderWithTheme(<WizardScreen />)
    await screen.findByRole('navigation', { name: 'Setup steps' })
    act(() => useWizard.getState().next())
    act(() => useWizard.getState().goTo('connect'))
    expect(useWizard.getState().done).toEqual(['welcome'])
    expect(stepButton('Welcome')).toHaveAttribute('data-done', 'true')
    for (const name of ['Create the API app', 'Authorize', 'Find the token']) {
      expect(stepButton(name), name).toHaveAttribute('data-done', 'false')
    }
    // The step shows its number in place of the check mark.
    await waitFor(() => {
      expect(stepButton('Create the API app')).toHaveTextContent(/^2/)
    })
  })

  it('marks steps the demo path skips done', async () => {
    renderWithTheme(<WizardScreen />)
    await screen.findByRole('navigation', { name: 'Setup steps' })
    act(() => useWizard.getState().finishTo('connect'))
    for (const name of ['Welcome', 'Create the API app', 'Find the token']) {
      expect(stepButton(name), name).toHaveAttribute('data-done', 'true')
    }
  })

  it('restores only finished steps', async () => {
    renderWithTheme(<WizardScreen />)
    await screen.findByRole('navigation', { name: 'Setup steps' })
    act(() => useWizard.getState().next())
    act(() => useWizard.getState().goTo('token'))
    // A restart: the state is rebuilt from what main saved.
    await act(async () => {
      useWizard.setState({ step: 'welcome', done: [], loaded: false })
      await useWizard.getState().load()
    })
    expect(useWizard.getState().step).toBe('token')
    expect(useWizard.getState().done).toEqual(['welcome'])
    expect(stepButton('Welcome')).toHaveAttribute('data-done', 'true')
    for (const name of ['Create the API app', 'Authorize']) {
      expect(stepButton(name), name).toHaveAttribute('data-done', 'false')
    }
  })

  it('keeps later done steps as links', async () => {
    renderWithTheme(<WizardScreen />)
    await screen.findByRole('navigation', { name: 'Setup steps' })
    act(() => useWizard.getState().finishTo('connect'))
    act(() => useWizard.getState().goTo('welcome'))
    const later = stepButton('Create the API app')
    expect(later).toHaveAttribute('data-done', 'true')
    // Not done, so the step list still does not jump ahead to it.
    expect(stepButton('Connect')).toHaveAttribute('data-done', 'false')
    await userEvent.click(later)
    expect(useWizard.getState().step).toBe('create-app')
  })

  it('marks a finished copy done', () => {
    const pull = { state: 'completed' } as Parameters<
      ReturnType<typeof useWizard.getState>['setPull']
    >[0]
    act(() => useWizard.getState().setPull(pull))
    expect(useWizard.getState().done).toContain('pull')
  })
})
