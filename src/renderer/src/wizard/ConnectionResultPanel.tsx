import { Alert, Button, Group, List, Text } from '@mantine/core'
import { useEffect, useRef } from 'react'
import { getEntity } from '../../../shared/entities.ts'
import type { ConnectionResult } from '../../../shared/ipc/channels/wizard.ts'
import { stepIndex, useWizard } from '../state/wizard.ts'
import { STEP_TITLES } from './steps.ts'

interface Props {
  result: ConnectionResult
  onRetry: () => void
}

/** Shows the outcome of "Test connection" in plain words, with the way back. */
export function ConnectionResultPanel({ result, onRetry }: Props) {
  const goTo = useWizard((state) => state.goTo)
  const panel = useRef<HTMLDivElement>(null)
  // The result appears below the fields, possibly out of view.
  useEffect(() => {
    panel.current?.scrollIntoView?.({ block: 'nearest' })
  }, [result])
  if (result.ok) {
    const readable = result.modules.filter((m) => m.readable)
    return (
      <Alert ref={panel} color="teal" title="Connected" role="status">
        <Text>
          {result.storeName
            ? `The app can read ${result.storeName}.`
            : 'The app can read your store.'}{' '}
          {readable.length} kinds of data are ready to copy.
        </Text>
      </Alert>
    )
  }
  const problem = result.problem
  const unreadable = result.modules.filter((m) => !m.readable)
  const fixStep = problem?.step ?? 'connect'
  return (
    <Alert
      ref={panel}
      color="red"
      title="The connection did not work"
      role="alert"
    >
      <Text>{problem?.message ?? 'The store did not answer as expected.'}</Text>
      {problem?.code === 'MISSING_SCOPE' && unreadable.length > 0 && (
        <List size="sm" mt="xs" aria-label="Data without read access">
          {unreadable.map((m) => (
            <List.Item key={m.entity}>
              {getEntity(m.entity).label} (module {m.module})
            </List.Item>
          ))}
        </List>
      )}
      <Group mt="sm">
        {fixStep !== 'connect' && (
          <Button variant="filled" color="red" onClick={() => goTo(fixStep)}>
            Go back to step {stepIndex(fixStep) + 1}: {STEP_TITLES[fixStep]}
          </Button>
        )}
        <Button variant="default" onClick={onRetry}>
          Test again
        </Button>
      </Group>
    </Alert>
  )
}
