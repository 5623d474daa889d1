/**
 * The data browser of one entity: search within it, filters, the column
 * chooser, "X of Y rows" and the virtualized grid, beside the detail panel.
 */
import { useEffect, useMemo, useState } from 'react'
import {
  Alert,
  Box,
  Button,
  Group,
  Select,
  Text,
  TextInput,
} from '@mantine/core'
import type { ReviewEntity } from '../../../shared/ipc/channels/review.ts'
import {
  REVIEW_SEARCH_MAX,
  type ReviewCount,
} from '../../../shared/review-query.ts'
import { getApi } from '../../api/index.ts'
import { unwrap } from './api.ts'
import { ColumnChooser } from './ColumnChooser.tsx'
import { DataGrid } from './DataGrid.tsx'
import { DetailPanel } from './DetailPanel.tsx'
import { ExportViewButton } from '../export/ExportViewButton.tsx'
import { FilterBar } from './FilterBar.tsx'
import { formatCount } from './format.ts'
import { useReview, viewOf } from './state.ts'
import { useDebounced } from './useDebounced.ts'
import { useLoad } from './useLoad.ts'
import { usePagedRows } from './usePagedRows.ts'

export interface BrowserProps {
  storeId: string
  entities: ReviewEntity[]
}

function CountLine(props: {
  count: ReviewCount | null
  onExact(): void
  label: string
}) {
  const { count } = props
  if (!count) return <Text size="sm">Counting…</Text>
  const matching = count.exact
    ? formatCount(count.matching)
    : `more than ${formatCount(count.matching)}`
  return (
    <Group gap="xs">
      <Text size="sm" aria-live="polite" data-testid="row-count">
        {matching} of {formatCount(count.total)} {props.label.toLowerCase()}
      </Text>
      {!count.exact && (
        <Button variant="subtle" size="compact-xs" onClick={props.onExact}>
          Count all (may take a while)
        </Button>
      )}
    </Group>
  )
}

/** Search within one entity; the grid follows once typing pauses. */
function EntitySearch(props: {
  label: string
  initial: string
  onSearch(text: string): void
}) {
  const { initial, onSearch } = props
  const [text, setText] = useState(initial)
  const settled = useDebounced(text)
  useEffect(() => {
    if (settled !== initial) onSearch(settled)
  }, [settled, initial, onSearch])
  return (
    <TextInput
      label={`Search ${props.label.toLowerCase()}`}
      placeholder="Name, email, SKU, address…"
      w={240}
      maxLength={REVIEW_SEARCH_MAX}
      value={text}
      onChange={(event) => setText(event.currentTarget.value)}
    />
  )
}

export function Browser({ storeId, entities }: BrowserProps) {
  const entityKey = useReview((s) => s.entity)
  const setEntity = useReview((s) => s.setEntity)
  const view = useReview((s) => viewOf(s.views, s.entity))
  const updateView = useReview((s) => s.updateView)
  const openRecord = useReview((s) => s.openRecord)
  const trail = useReview((s) => s.trail)
  const entity = entities.find((e) => e.key === entityKey) ?? entities[0]
  const opened = trail[trail.length - 1]
  const [exactFor, setExactFor] = useState<string | null>(null)
  const [notice, setNotice] = useState('')

  const defaults = useMemo(
    () =>
      entity?.columns.filter((c) => c.visibleByDefault).map((c) => c.name) ??
      [],
    [entity],
  )
  const visibleNames = view.columns ?? defaults
  const visibleColumns = useMemo(
    () => entity?.columns.filter((c) => visibleNames.includes(c.name)) ?? [],
    [entity, visibleNames],
  )
  const sort = view.sort ??
    entity?.defaultSort ?? { column: 'id', direction: 'asc' as const }

  const rows = usePagedRows({
    storeId,
    entity: entity?.key ?? 'orders',
    columns: visibleNames,
    sort,
    filters: view.filters,
    search: view.search,
  })

  const countKey = JSON.stringify([
    storeId,
    entity?.key,
    view.filters,
    view.search,
  ])
  const exact = exactFor === countKey
  const counted = useLoad<ReviewCount>(
    `${countKey}#${String(exact)}`,
    () =>
      unwrap(
        getApi().countRows({
          storeId,
          view: {
            entity: entity?.key ?? 'orders',
            filters: view.filters,
            search: view.search,
          },
          exact,
        }),
      ),
    // The capped count keeps the grid's size while the exact one runs.
    { keepPrevious: exact },
  )
  const count = counted.value

  if (!entity) return <Text>This archive has no records yet.</Text>
  const error = rows.error ?? counted.error

  return (
    <Box
      style={{
        display: 'flex',
        gap: 'var(--mantine-spacing-md)',
        height: 'calc(100dvh - 215px)',
        minHeight: 320,
      }}
    >
      <Box
        style={{
          flex: 1,
          minWidth: 0,
          display: 'flex',
          flexDirection: 'column',
          gap: 8,
        }}
      >
        <Group gap="xs" align="flex-end" wrap="wrap">
          <Select
            label="Records"
            w={200}
            data={entities.map((e) => ({
              value: e.key,
              label: `${e.label} (${formatCount(e.count)})`,
            }))}
            value={entity.key}
            onChange={(value) => value && setEntity(value)}
            allowDeselect={false}
            searchable
          />
          <EntitySearch
            key={entity.key}
            label={entity.label}
            initial={view.search}
            onSearch={(search) => updateView(entity.key, { search })}
          />
          <ColumnChooser
            columns={entity.columns}
            visible={visibleNames}
            onChange={(columns) => updateView(entity.key, { columns })}
            onReset={() => updateView(entity.key, { columns: null })}
          />
          <ExportViewButton
            storeId={storeId}
            view={{
              entity: entity.key,
              filters: view.filters,
              search: view.search,
            }}
          />
        </Group>
        <FilterBar
          columns={entity.columns}
          filters={view.filters}
          onChange={(filters) => updateView(entity.key, { filters })}
        />
        <Group justify="space-between">
          <CountLine
            count={count}
            label={entity.label}
            onExact={() => setExactFor(countKey)}
          />
          <Text size="xs" aria-live="polite">
            {notice ||
              'Enter opens a record · Ctrl+C copies a cell · Ctrl+Shift+C a row'}
          </Text>
        </Group>
        {error && (
          <Alert color="red" title="The records could not be read">
            {error}
          </Alert>
        )}
        <Box style={{ flex: 1, minHeight: 0 }}>
          <DataGrid
            label={`${entity.label} table`}
            columns={visibleColumns}
            rowCount={count ? count.matching : 0}
            resetKey={`${countKey}#${JSON.stringify(sort)}`}
            rows={rows}
            sort={sort}
            onSort={(next) => updateView(entity.key, { sort: next })}
            onOpen={(row) =>
              row['id'] !== null &&
              row['id'] !== undefined &&
              openRecord({ entity: entity.key, id: row['id'] })
            }
            openId={
              opened === undefined
                ? undefined
                : opened.entity === entity.key
                  ? String(opened.id)
                  : null
            }
            onCopied={setNotice}
            // A capped count sizes the grid at the cap; reaching its end
            // requests the exact count, so scrolling can go on.
            onReachEnd={() => {
              if (count && !count.exact) setExactFor(countKey)
            }}
          />
        </Box>
      </Box>
      {trail.length > 0 && (
        <Box style={{ width: 420, flex: 'none', minHeight: 0 }}>
          <DetailPanel storeId={storeId} />
        </Box>
      )}
    </Box>
  )
}
