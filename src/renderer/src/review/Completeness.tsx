/** Store counts at the last pull beside local counts, and data-quality notes. */
import {
  Alert,
  Anchor,
  Badge,
  Card,
  Group,
  Loader,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core'
import type {
  CompletenessRow,
  QualityNote,
} from '../../../shared/ipc/channels/review.ts'
import { getApi } from '../../api/index.ts'
import { unwrap } from './api.ts'
import { formatCount, formatDate } from './format.ts'
import { useReview } from './state.ts'
import { useLoad } from './useLoad.ts'

function Difference({ row }: { row: CompletenessRow }) {
  if (row.storeCount === null) return <Badge color="gray">No store count</Badge>
  const missing = row.storeCount - row.localCount
  if (missing === 0) return <Badge color="teal">Complete</Badge>
  if (missing > 0)
    return <Badge color="red">{formatCount(missing)} missing</Badge>
  return (
    <Badge color="yellow">{formatCount(-missing)} more than the store</Badge>
  )
}

function Note({ note }: { note: QualityNote }) {
  const openRecord = useReview((s) => s.openRecord)
  const setTab = useReview((s) => s.setTab)
  return (
    <Card withBorder padding="sm">
      <Group justify="space-between">
        <Text fw={600}>{note.label}</Text>
        <Badge color={note.count === 0 ? 'teal' : 'orange'}>
          {formatCount(note.count)}
        </Badge>
      </Group>
      {note.count > 0 && (
        <>
          <Text size="sm">{note.advice}</Text>
          <Group gap="xs" mt={4}>
            <Text size="sm">For example:</Text>
            {note.examples.map((example) => (
              <Anchor
                component="button"
                type="button"
                size="sm"
                key={String(example.id)}
                onClick={() => {
                  setTab('browse')
                  openRecord({ entity: example.entity, id: example.id })
                }}
              >
                {example.title}
              </Anchor>
            ))}
          </Group>
        </>
      )}
    </Card>
  )
}

export function Completeness({ storeId }: { storeId: string }) {
  const { value: data, error } = useLoad(storeId, () =>
    unwrap(getApi().getCompleteness({ storeId })),
  )
  if (error)
    return (
      <Alert color="red" title="Completeness could not be checked">
        {error}
      </Alert>
    )
  if (!data) return <Loader aria-label="Checking completeness" />
  return (
    <Stack gap="md">
      <Title order={2} size="h4">
        Did everything come across?
      </Title>
      <Table striped withTableBorder aria-label="Records per kind">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Records</Table.Th>
            <Table.Th ta="right">In the store at the last pull</Table.Th>
            <Table.Th ta="right">In the archive</Table.Th>
            <Table.Th>Check</Table.Th>
            <Table.Th>Pulled (UTC)</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.entities.map((row) => (
            <Table.Tr key={row.entity}>
              <Table.Td>{row.label}</Table.Td>
              <Table.Td ta="right">
                {row.storeCount === null ? '—' : formatCount(row.storeCount)}
              </Table.Td>
              <Table.Td ta="right">{formatCount(row.localCount)}</Table.Td>
              <Table.Td>
                <Difference row={row} />
              </Table.Td>
              <Table.Td>
                {row.pulledAt ? formatDate(row.pulledAt) : '—'}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Title order={2} size="h4">
        Before you migrate
      </Title>
      {data.notes.map((note) => (
        <Note key={note.key} note={note} />
      ))}
    </Stack>
  )
}
