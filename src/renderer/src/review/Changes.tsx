/** The "What changed" view: records a pull added, changed or removed, per entity. */
import { useState } from 'react'
import {
  Accordion,
  Anchor,
  Alert,
  Group,
  List,
  Loader,
  Select,
  Stack,
  Text,
  Title,
} from '@mantine/core'
import type {
  ChangeRun,
  EntityChangeList,
} from '../../../shared/ipc/channels/review.ts'
import { getApi } from '../../api/index.ts'
import { unwrap } from './api.ts'
import { formatCount, formatDate } from './format.ts'
import { useReview } from './state.ts'
import { useLoad } from './useLoad.ts'

function runLabel(run: ChangeRun): string {
  const when = formatDate(run.finishedAt ?? run.startedAt)
  const kind = run.mode === 'incremental' ? 'Update' : 'Full pull'
  return `${kind} of ${when} UTC (${run.status})`
}

function RecordList({
  title,
  entity,
  records,
  total,
  removed = false,
}: {
  title: string
  entity: string
  records: EntityChangeList['records']['added']
  total: number
  /** Removed records are gone from the archive, so they get no link. */
  removed?: boolean
}) {
  const openRecord = useReview((s) => s.openRecord)
  const setTab = useReview((s) => s.setTab)
  if (total === 0) return null
  return (
    <div>
      <Text size="sm" fw={600}>
        {title} ({formatCount(total)})
      </Text>
      <List size="sm">
        {records.map((record) => (
          <List.Item key={String(record.id)}>
            {removed ? (
              record.title
            ) : (
              <Anchor
                component="button"
                type="button"
                size="sm"
                onClick={() => {
                  setTab('browse')
                  openRecord({ entity, id: record.id })
                }}
              >
                {record.title}
              </Anchor>
            )}
          </List.Item>
        ))}
      </List>
      {total > records.length && (
        <Text size="xs">and {formatCount(total - records.length)} more</Text>
      )}
    </div>
  )
}

export function Changes({ storeId }: { storeId: string }) {
  const runList = useLoad<ChangeRun[]>(storeId, () =>
    unwrap(getApi().listChangeRuns({ storeId })),
  )
  const runs = runList.value
  const [chosen, setRunId] = useState<string | null>(null)
  const runId = chosen ?? (runs?.[0] ? String(runs[0].id) : null)
  const changeList = useLoad<EntityChangeList[] | null>(
    `${storeId}#${runId ?? ''}`,
    () =>
      runId === null
        ? Promise.resolve(null)
        : unwrap(getApi().getRunChanges({ storeId, runId: Number(runId) })),
  )
  const changes = changeList.value
  const error = runList.error ?? changeList.error

  if (error)
    return (
      <Alert color="red" title="Changes could not be read">
        {error}
      </Alert>
    )
  if (!runs) return <Loader aria-label="Reading pulls" />
  if (runs.length === 0) return <Text>No pull has finished yet.</Text>
  return (
    <Stack gap="md">
      <Title order={2} size="h4">
        What changed
      </Title>
      <Select
        label="Pull"
        w={360}
        data={runs.map((run) => ({
          value: String(run.id),
          label: runLabel(run),
        }))}
        value={runId}
        onChange={setRunId}
        allowDeselect={false}
      />
      {!changes && <Loader size="sm" />}
      {changes && changes.length === 0 && (
        <Text>This pull changed no records.</Text>
      )}
      {changes && changes.length > 0 && (
        <Accordion multiple variant="separated">
          {changes.map((entity) => (
            <Accordion.Item key={entity.entity} value={entity.entity}>
              <Accordion.Control>
                <Group gap="md">
                  <Text fw={600}>{entity.label}</Text>
                  <Text size="sm">
                    {formatCount(entity.added)} added ·{' '}
                    {formatCount(entity.changed)} changed ·{' '}
                    {formatCount(entity.removed)} removed
                  </Text>
                </Group>
              </Accordion.Control>
              <Accordion.Panel>
                <Group align="flex-start" gap="xl">
                  <RecordList
                    title="Added"
                    entity={entity.entity}
                    records={entity.records.added}
                    total={entity.added}
                  />
                  <RecordList
                    title="Changed"
                    entity={entity.entity}
                    records={entity.records.changed}
                    total={entity.changed}
                  />
                  <RecordList
                    title="Removed"
                    entity={entity.entity}
                    removed
                    records={entity.records.removed}
                    total={entity.removed}
                  />
                </Group>
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      )}
    </Stack>
  )
}
