import {
  Alert,
  Badge,
  Checkbox,
  Loader,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core'
import { useEffect, useMemo, useState } from 'react'
import { getApi } from '../../../api/index.ts'
import { ENTITIES, type EntityKey } from '../../../../shared/entities.ts'
import type { ModuleAccess } from '../../../../shared/ipc/channels/wizard.ts'
import {
  estimateBytes,
  estimateSeconds,
  formatBytes,
  formatDuration,
} from '../../state/estimate.ts'
import { useWizard } from '../../state/wizard.ts'
import { runConnectionTest } from '../connection.ts'
import { StepNav } from '../StepNav.tsx'

function defaultSelection(modules: readonly ModuleAccess[]): EntityKey[] {
  const readable = new Set(
    modules.filter((m) => m.readable).map((m) => m.entity),
  )
  return ENTITIES.filter((e) => e.defaultSelected && readable.has(e.key)).map(
    (e) => e.key,
  )
}

function formatCount(count: number | null | undefined): string {
  if (count === null || count === undefined) return 'unknown'
  return count.toLocaleString('en-US')
}

/** Step 6: pick what to copy, with live counts and estimates. */
export function ChooseDataStep() {
  const storeId = useWizard((state) => state.storeId)
  const connection = useWizard((state) => state.connection)
  const saved = useWizard((state) => state.entities)
  const storeSensitive = useWizard((state) => state.storeSensitive)
  const setEntities = useWizard((state) => state.setEntities)
  const stores = useWizard((state) => state.stores)
  const [starting, setStarting] = useState(false)
  const demo = stores.find((s) => s.id === storeId)?.demo ?? false

  useEffect(() => {
    if (storeId && !connection) void runConnectionTest(storeId)
  }, [storeId, connection])

  const modules = useMemo(() => connection?.modules ?? [], [connection])
  const byEntity = useMemo(
    () => new Map(modules.map((m) => [m.entity, m])),
    [modules],
  )
  const selected = saved ?? defaultSelection(modules)
  const chosen = selected.map((entity) => ({
    entity,
    count: byEntity.get(entity)?.count ?? null,
  }))

  const toggle = (entity: EntityKey, on: boolean) => {
    const next = on
      ? ENTITIES.map((e) => e.key).filter(
          (key) => key === entity || selected.includes(key),
        )
      : selected.filter((key) => key !== entity)
    setEntities(next, storeSensitive)
  }

  const start = async () => {
    if (!storeId) return
    setStarting(true)
    const wizard = useWizard.getState()
    setEntities(selected, storeSensitive)
    const result = await getApi().startPull({
      storeId,
      entities: selected,
      storeSensitive,
    })
    setStarting(false)
    if (!result.ok) {
      wizard.setError(result.error)
      return
    }
    wizard.setPull(result.value)
    wizard.finishTo('pull')
  }

  if (!connection) {
    return (
      <Stack gap="md">
        <Title order={1}>Choose what to copy</Title>
        <Loader aria-label="Counting the records in your store" />
        <StepNav showNext={false} />
      </Stack>
    )
  }

  return (
    <Stack gap="md" maw={760}>
      <Title order={1}>Choose what to copy</Title>
      <Text>
        Everything useful is ticked. Numbers are live counts from your store.
      </Text>
      <Table striped withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Copy</Table.Th>
            <Table.Th scope="col">Data</Table.Th>
            <Table.Th scope="col" ta="right">
              Records
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {ENTITIES.map((definition) => {
            const access = byEntity.get(definition.key)
            const readable = access?.readable ?? false
            return (
              <Table.Tr key={definition.key}>
                <Table.Td>
                  <Checkbox
                    aria-label={`Copy ${definition.label}`}
                    checked={selected.includes(definition.key)}
                    disabled={!readable}
                    onChange={(event) =>
                      toggle(definition.key, event.currentTarget.checked)
                    }
                  />
                </Table.Td>
                <Table.Td>
                  {definition.label}{' '}
                  {definition.sensitive && (
                    <Badge color="orange" variant="outline" size="sm">
                      sensitive
                    </Badge>
                  )}
                  {!readable && (
                    <Text size="sm" span>
                      {' '}
                      (no read access for module {definition.module})
                    </Text>
                  )}
                </Table.Td>
                <Table.Td ta="right">
                  {definition.shape === 'object'
                    ? '1'
                    : formatCount(access?.count)}
                </Table.Td>
              </Table.Tr>
            )
          })}
        </Table.Tbody>
      </Table>
      <Checkbox
        label="Also keep sensitive fields (customer passwords, card details)"
        description="Off by default. Leave it off unless your new shop needs them."
        checked={storeSensitive}
        onChange={(event) => setEntities(selected, event.currentTarget.checked)}
      />
      <Alert variant="light" title="Estimate" role="note">
        <Text>
          Time: {formatDuration(estimateSeconds(chosen))} for a real store,
          which answers 2 requests per second.
          {demo && ' The demo store answers faster.'}
        </Text>
        <Text>
          Disk space needed: about {formatBytes(estimateBytes(chosen))}.
        </Text>
      </Alert>
      <StepNav
        nextLabel="Start copying"
        onNext={() => void start()}
        nextDisabled={selected.length === 0}
        nextLoading={starting}
      />
    </Stack>
  )
}
