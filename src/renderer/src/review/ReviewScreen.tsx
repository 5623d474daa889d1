/**
 * The review section: pick a saved store, then browse its records, see the
 * dashboard, check completeness and what the last pull changed. Everything
 * reads the local archive through the main process.
 */
import { useEffect } from 'react'
import {
  Alert,
  Group,
  Loader,
  Select,
  Stack,
  Tabs,
  Text,
  Title,
} from '@mantine/core'
import type {
  ReviewEntity,
  ReviewStore,
} from '../../../shared/ipc/channels/review.ts'
import { getApi } from '../../api/index.ts'
import { useNavigation } from '../state/navigation.ts'
import { unwrap } from './api.ts'
import { Browser } from './Browser.tsx'
import { Changes } from './Changes.tsx'
import { Completeness } from './Completeness.tsx'
import { Dashboard } from './Dashboard.tsx'
import { SearchEverything } from './SearchEverything.tsx'
import { useReview, type ReviewTab } from './state.ts'
import { useLoad } from './useLoad.ts'
import { describeClock } from './format.ts'

function StorePicker({ storeId }: { storeId: string | null }) {
  const selectStore = useNavigation((s) => s.selectStore)
  const { value: stores } = useLoad<ReviewStore[]>('stores', () =>
    unwrap(getApi().listReviewStores({})).catch(() => []),
  )
  useEffect(() => {
    // With no store chosen yet, the newest archive is the likely one.
    if (storeId === null && stores?.[0]) selectStore(stores[0].storeId)
  }, [storeId, stores, selectStore])
  if (stores === null) return <Loader size="xs" />
  const data = stores.map((s) => ({ value: s.storeId, label: s.storeId }))
  if (storeId !== null && !data.some((d) => d.value === storeId)) {
    data.unshift({ value: storeId, label: storeId })
  }
  return (
    <Select
      label="Store"
      w={200}
      data={data}
      value={storeId}
      onChange={(value) => value && selectStore(value)}
      allowDeselect={false}
      placeholder={data.length === 0 ? 'No archive yet' : 'Choose a store'}
    />
  )
}

function StoreReview({ storeId }: { storeId: string }) {
  const tab = useReview((s) => s.tab)
  const setTab = useReview((s) => s.setTab)
  const display = useReview((s) => s.display)
  const { value: entities, error } = useLoad<ReviewEntity[]>(storeId, () => {
    useReview.getState().reset()
    return unwrap(getApi().getReviewSchema({ storeId })).then((schema) => {
      useReview.getState().setDisplay(schema.store)
      return schema.entities
    })
  })

  if (error) {
    return (
      <Alert color="red" title="The archive could not be opened">
        {error}
      </Alert>
    )
  }
  if (!entities) return <Loader aria-label="Opening the archive" />
  return (
    <Tabs
      value={tab}
      onChange={(value) => value && setTab(value as ReviewTab)}
      keepMounted={false}
    >
      <Group justify="space-between" align="flex-end" mb="sm">
        <Tabs.List aria-label="Review views">
          <Tabs.Tab value="browse">Browse records</Tabs.Tab>
          <Tabs.Tab value="dashboard">Dashboard</Tabs.Tab>
          <Tabs.Tab value="completeness">Completeness</Tabs.Tab>
          <Tabs.Tab value="changes">What changed</Tabs.Tab>
        </Tabs.List>
        <SearchEverything storeId={storeId} />
      </Group>
      <Tabs.Panel value="browse">
        <Text size="xs" mt={4}>
          {describeClock(display)}
        </Text>
        <Browser storeId={storeId} entities={entities} />
      </Tabs.Panel>
      <Tabs.Panel value="dashboard">
        <Dashboard storeId={storeId} />
      </Tabs.Panel>
      <Tabs.Panel value="completeness">
        <Completeness storeId={storeId} />
      </Tabs.Panel>
      <Tabs.Panel value="changes">
        <Changes storeId={storeId} />
      </Tabs.Panel>
    </Tabs>
  )
}

export function ReviewScreen() {
  const storeId = useNavigation((s) => s.storeId)
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <Title order={1} size="h3">
          Review
        </Title>
        <StorePicker storeId={storeId} />
      </Group>
      {storeId === null ? (
        <Text>
          No archive to review yet. Pull a store first under “Get my data”.
        </Text>
      ) : (
        <StoreReview storeId={storeId} />
      )}
    </Stack>
  )
}
