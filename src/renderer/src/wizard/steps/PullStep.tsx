import {
  Alert,
  Button,
  Group,
  List,
  Progress,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core'
import { useEffect } from 'react'
import { getApi } from '../../../api/index.ts'
import { getEntity } from '../../../../shared/entities.ts'
import type { PullStatus } from '../../../../shared/ipc/channels/wizard.ts'
import { formatDuration } from '../../state/estimate.ts'
import { useNavigation } from '../../state/navigation.ts'
import { useWizard } from '../../state/wizard.ts'
import { StepNav } from '../StepNav.tsx'

const STATE_TEXT: Record<PullStatus['state'], string> = {
  running: 'Copying your data…',
  retrying: 'Copying your data…',
  verifying: 'Checking the copy against your store…',
  paused: 'Paused. Your place is saved.',
  completed: 'Done: your data is on this computer.',
  cancelled: 'Stopped. What was copied so far is kept.',
  failed: 'The copy stopped before the end.',
}

/** Interval of the status read that backs up the progress events. */
const STATUS_POLL_MS = 2_000

const ACTIVE = new Set<PullStatus['state']>([
  'running',
  'retrying',
  'verifying',
])

function percent(done: number, total: number | null): number {
  if (!total) return done > 0 ? 100 : 0
  return Math.min(100, Math.round((done / total) * 100))
}

function overall(status: PullStatus): { done: number; total: number } {
  let done = 0
  let total = 0
  for (const row of status.entities) {
    done += row.done
    total += row.total ?? row.done
  }
  return { done, total }
}

/** Keeps the wizard's pull status fresh from main's progress events. */
function usePullStatus(storeId: string | null) {
  const setPull = useWizard((state) => state.setPull)
  useEffect(() => {
    if (!storeId) return
    const api = getApi()
    const unsubscribe = api.onPullProgress((status) => {
      if (status.storeId === storeId) setPull(status)
    })
    const refresh = () => {
      void api.getPullStatus({ storeId }).then((result) => {
        if (result.ok && result.value) setPull(result.value)
      })
    }
    refresh()
    // Events can be lost while the bridge's event stream reconnects, so
    // the status is also read now and then.
    const timer = setInterval(refresh, STATUS_POLL_MS)
    return () => {
      clearInterval(timer)
      unsubscribe()
    }
  }, [storeId, setPull])
}

function EntityRows({ status }: { status: PullStatus }) {
  return (
    <Stack gap="xs">
      {status.entities.map((row) => {
        const label = getEntity(row.entity).label
        const value = percent(row.done, row.total)
        return (
          <div key={row.entity}>
            <Group justify="space-between">
              <Text size="sm">{label}</Text>
              <Text size="sm">
                {row.done.toLocaleString('en-US')} of{' '}
                {row.total === null ? '…' : row.total.toLocaleString('en-US')}
              </Text>
            </Group>
            <Progress
              value={value}
              aria-label={`${label}: ${value}%`}
              color={row.state === 'failed' ? 'red' : undefined}
            />
          </div>
        )
      })}
    </Stack>
  )
}

function Verification({ status }: { status: PullStatus }) {
  if (!status.verification) return null
  return (
    <Table withTableBorder aria-label="Verification">
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Data</Table.Th>
          <Table.Th scope="col">In your store</Table.Th>
          <Table.Th scope="col">Copied</Table.Th>
          <Table.Th scope="col">Result</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {status.verification.map((row) => (
          <Table.Tr key={row.entity}>
            <Table.Td>{getEntity(row.entity).label}</Table.Td>
            <Table.Td>{row.expected ?? 'unknown'}</Table.Td>
            <Table.Td>{row.stored}</Table.Td>
            <Table.Td>
              {row.ok ? 'Complete' : 'Some records missing'}
              {row.note && <Text size="sm">{row.note}</Text>}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}

function Controls({ status }: { status: PullStatus }) {
  const act = async (action: 'pausePull' | 'resumePull' | 'cancelPull') => {
    const result = await getApi()[action]({ storeId: status.storeId })
    const wizard = useWizard.getState()
    if (result.ok) wizard.setPull(result.value)
    else wizard.setError(result.error)
  }
  const restart = async () => {
    const wizard = useWizard.getState()
    const result = await getApi().startPull({
      storeId: status.storeId,
      entities: status.entities.map((row) => row.entity),
      storeSensitive: wizard.storeSensitive,
    })
    if (result.ok) wizard.setPull(result.value)
    else wizard.setError(result.error)
  }
  const active = ACTIVE.has(status.state)
  return (
    <Group>
      {active && (
        <Button variant="default" onClick={() => void act('pausePull')}>
          Pause
        </Button>
      )}
      {status.state === 'paused' && (
        <Button onClick={() => void act('resumePull')}>Resume</Button>
      )}
      {(active || status.state === 'paused') && (
        <Button
          variant="default"
          color="red"
          onClick={() => void act('cancelPull')}
        >
          Cancel
        </Button>
      )}
      {(status.state === 'cancelled' || status.state === 'failed') && (
        <Button onClick={() => void restart()}>Continue copying</Button>
      )}
    </Group>
  )
}

function Finished({ storeId }: { storeId: string }) {
  const navigation = useNavigation()
  const open = (section: 'review' | 'export') => {
    navigation.selectStore(storeId)
    navigation.go(section)
  }
  return (
    <Group>
      <Button onClick={() => open('review')}>Review my data</Button>
      <Button variant="default" onClick={() => open('export')}>
        Export
      </Button>
    </Group>
  )
}

/** Step 7: the running pull, its controls, errors and verification. */
export function PullStep() {
  const storeId = useWizard((state) => state.storeId)
  const status = useWizard((state) => state.pull)
  usePullStatus(storeId)

  if (!status) {
    return (
      <Stack gap="md">
        <Title order={1}>Copy your data</Title>
        <Text>No copy is running. Go back to choose what to copy.</Text>
        <StepNav showNext={false} />
      </Stack>
    )
  }
  const totals = overall(status)
  const overallPercent = percent(totals.done, totals.total)
  return (
    <Stack gap="md" maw={760}>
      <Title order={1}>Copy your data</Title>
      <Text role="status" fw={600}>
        {STATE_TEXT[status.state]}
      </Text>
      <Progress
        size="xl"
        value={overallPercent}
        aria-label={`All data: ${overallPercent}%`}
      />
      <Group gap="xl">
        <Text>
          {totals.done.toLocaleString('en-US')} of{' '}
          {totals.total.toLocaleString('en-US')} records
        </Text>
        {ACTIVE.has(status.state) && (
          <>
            <Text>{status.recordsPerSecond} records per second</Text>
            <Text>
              Time left:{' '}
              {status.etaSeconds === null
                ? 'working it out'
                : formatDuration(status.etaSeconds)}
            </Text>
          </>
        )}
      </Group>
      {status.retries > 0 && (
        <Text size="sm">
          The store was busy{' '}
          {status.retries === 1 ? 'once' : `${status.retries} times`}, so the
          app waited and tried again by itself. Nothing to do.
        </Text>
      )}
      <Controls status={status} />
      {status.errors.length > 0 && (
        <Alert color="red" title="What stopped the copy" role="alert">
          <List size="sm">
            {status.errors.map((error) => (
              <List.Item key={error.code}>
                {error.message} {error.advice}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      {status.state === 'completed' ? (
        <>
          <Finished storeId={status.storeId} />
          <Verification status={status} />
        </>
      ) : (
        <EntityRows status={status} />
      )}
      <StepNav showNext={false} />
    </Stack>
  )
}
