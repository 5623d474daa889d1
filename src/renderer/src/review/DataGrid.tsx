/**
 * The virtualized grid: TanStack Table builds the header model, TanStack
 * Virtual renders only the rows in view, and rows arrive page by page from
 * the main process. Arrow keys move the active cell, Enter opens the record,
 * Ctrl+C copies the cell and Ctrl+Shift+C the row.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import {
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
} from '@tanstack/react-table'
import {
  elementScroll,
  observeElementOffset,
  useVirtualizer,
} from '@tanstack/react-virtual'
import { Box, Text, UnstyledButton } from '@mantine/core'
import type {
  ReviewColumn,
  ReviewRow,
  ReviewSort,
} from '../../../shared/review-query.ts'
import { copyText, formatCell } from './format.ts'
import { useReview } from './state.ts'
import { layoutPosition, layoutSize, scrollScale } from './scroll-scale.ts'
import type { StoreDisplay } from '../../../shared/ipc/channels/review.ts'
import type { PagedRows } from './usePagedRows.ts'

const ROW_HEIGHT = 34
const COLUMN_WIDTH = 160

export interface DataGridProps {
  label: string
  columns: ReviewColumn[]
  rowCount: number
  /** Changes when the view changes; the grid then returns to its first row. */
  resetKey: string
  rows: PagedRows
  sort: ReviewSort
  onSort(sort: ReviewSort): void
  onOpen(row: ReviewRow): void
  /**
   * Id, as text, of the record open in the detail panel: null when that
   * record is not of this grid's entity, undefined when no record is open.
   */
  openId?: string | null
  onCopied(message: string): void
  /** Called when the last rows come into view, such as to count past a cap. */
  onReachEnd?(): void
}

/** Arrow after the header of the sorted column. */
function sortMark(sorted: boolean, direction: 'asc' | 'desc'): string {
  if (!sorted) return ''
  return direction === 'asc' ? ' ▲' : ' ▼'
}

function rowText(
  row: ReviewRow,
  columns: ReviewColumn[],
  display: StoreDisplay | null,
): string {
  return columns
    .map((c) => formatCell(row[c.name], c.kind, c.options, c.name, display))
    .join('\t')
}

export function DataGrid(props: DataGridProps) {
  const { columns, rowCount, rows, sort } = props
  const display = useReview((s) => s.display)
  const scrollRef = useRef<HTMLDivElement>(null)
  const [active, setActive] = useState({ row: 0, column: 0 })

  const columnDefs = useMemo<ColumnDef<ReviewRow>[]>(
    () =>
      columns.map((column) => ({
        id: column.name,
        header: column.label,
        accessorFn: (row) => row[column.name],
      })),
    [columns],
  )
  const table = useReactTable({
    data: [],
    columns: columnDefs,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualFiltering: true,
    manualPagination: true,
  })

  // Tables taller than the browser lays out scroll a shorter area, whose
  // position is scaled onto the full table (see scroll-scale.ts).
  const headerRef = useRef<HTMLDivElement>(null)
  const totalSize = rowCount * ROW_HEIGHT
  const laidOut = layoutSize(totalSize)
  const scaleRef = useRef(1)
  scaleRef.current = scrollScale({
    totalSize,
    layoutSize: laidOut,
    viewport: scrollRef.current?.clientHeight ?? 600,
    headerSize: headerRef.current?.offsetHeight ?? ROW_HEIGHT,
  })
  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    // Used until the grid is measured, so the first page shows at once.
    initialRect: { width: 1000, height: 600 },
    observeElementOffset: (instance, notify) =>
      observeElementOffset(instance, (offset, isScrolling) =>
        notify(offset * scaleRef.current, isScrolling),
      ),
    scrollToFn: (offset, options, instance) =>
      elementScroll(
        offset / scaleRef.current,
        {
          ...options,
          adjustments: (options.adjustments ?? 0) / scaleRef.current,
        },
        instance,
      ),
  })
  const items = virtualizer.getVirtualItems()
  const tableOffset = virtualizer.scrollOffset ?? 0
  const first = items[0]?.index ?? 0
  const last = items[items.length - 1]?.index ?? Math.min(rowCount, 30) - 1

  useEffect(() => {
    if (rowCount > 0) rows.ensureRange(first, Math.max(first, last))
  }, [first, last, rowCount, rows])

  const { onReachEnd } = props
  useEffect(() => {
    if (rowCount > 0 && last >= rowCount - 1) onReachEnd?.()
  }, [last, rowCount, onReachEnd])

  const { resetKey } = props
  useEffect(() => {
    setActive({ row: 0, column: 0 })
    scrollRef.current?.scrollTo({ top: 0 })
  }, [resetKey])

  // A record opened elsewhere (such as from the search) moves the highlight
  // off the keyboard's row, so the grid never marks a record not shown.
  // Only a change of the open record runs this, not keyboard moves.
  const { openId } = props
  const rowsRef = useRef(rows)
  rowsRef.current = rows
  useEffect(() => {
    if (openId === undefined) return
    setActive((current) => {
      const id = rowsRef.current.getRow(current.row)?.['id']
      if (id !== undefined && id !== null && String(id) === openId) {
        return current
      }
      return { row: -1, column: current.column }
    })
  }, [openId])

  const move = (row: number, column: number) => {
    const next = {
      row: Math.min(Math.max(row, 0), Math.max(rowCount - 1, 0)),
      column: Math.min(Math.max(column, 0), columns.length - 1),
    }
    setActive(next)
    if (scaleRef.current === 1) virtualizer.scrollToIndex(next.row)
    else scrollScaledRowIntoView(next.row)
  }

  // The virtualizer clamps its targets to the laid-out height, which is
  // shorter than the table when scaled, so scaled grids scroll themselves.
  const scrollScaledRowIntoView = (index: number) => {
    const element = scrollRef.current
    if (!element) return
    const header = headerRef.current?.offsetHeight ?? ROW_HEIGHT
    const view = element.clientHeight - header
    const top = virtualizer.scrollOffset ?? 0
    const start = index * ROW_HEIGHT
    let target: number | null = null
    if (start < top) target = start
    else if (start + ROW_HEIGHT > top + view) target = start + ROW_HEIGHT - view
    if (target !== null) element.scrollTop = target / scaleRef.current
  }

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(1, items.length - 2)
    const handlers: Record<string, () => void> = {
      ArrowDown: () => move(active.row + 1, active.column),
      ArrowUp: () => move(active.row - 1, active.column),
      ArrowRight: () => move(active.row, active.column + 1),
      ArrowLeft: () => move(active.row, active.column - 1),
      PageDown: () => move(active.row + page, active.column),
      PageUp: () => move(active.row - page, active.column),
      Home: () => move(event.ctrlKey ? 0 : active.row, 0),
      End: () =>
        move(event.ctrlKey ? rowCount - 1 : active.row, columns.length - 1),
    }
    const row = rows.getRow(active.row)
    if (event.key === 'Enter' && row) {
      event.preventDefault()
      props.onOpen(row)
      return
    }
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'c') {
      event.preventDefault()
      if (!row) return
      const column = columns[active.column]
      const text = event.shiftKey
        ? rowText(row, columns, display)
        : column
          ? formatCell(
              row[column.name],
              column.kind,
              column.options,
              column.name,
              display,
            )
          : ''
      void copyText(text).then((ok) =>
        props.onCopied(
          ok
            ? event.shiftKey
              ? 'Row copied'
              : 'Cell copied'
            : 'Copy is not allowed here',
        ),
      )
      return
    }
    const handler = handlers[event.key]
    if (handler) {
      event.preventDefault()
      handler()
    }
  }

  const width = columns.length * COLUMN_WIDTH
  return (
    <Box
      ref={scrollRef}
      role="grid"
      aria-label={props.label}
      aria-rowcount={rowCount + 1}
      aria-colcount={columns.length}
      aria-activedescendant={
        rowCount > 0 && active.row >= 0
          ? `grid-cell-${active.row}-${active.column}`
          : undefined
      }
      tabIndex={0}
      onKeyDown={onKeyDown}
      className="review-grid"
      style={{
        overflow: 'auto',
        height: '100%',
        border: '1px solid var(--mantine-color-default-border)',
        borderRadius: 'var(--mantine-radius-md)',
      }}
    >
      <div
        role="rowgroup"
        ref={headerRef}
        style={{ position: 'sticky', top: 0, zIndex: 1, width }}
      >
        {table.getHeaderGroups().map((group) => (
          <div
            role="row"
            aria-rowindex={1}
            key={group.id}
            style={{ display: 'flex' }}
          >
            {group.headers.map((header) => {
              const sorted = sort.column === header.id
              const ariaSort = sorted
                ? sort.direction === 'asc'
                  ? 'ascending'
                  : 'descending'
                : 'none'
              return (
                <div
                  role="columnheader"
                  aria-sort={ariaSort}
                  key={header.id}
                  style={{
                    width: COLUMN_WIDTH,
                    flex: 'none',
                    background: 'var(--mantine-color-body)',
                    borderBottom:
                      '1px solid var(--mantine-color-default-border)',
                  }}
                >
                  <UnstyledButton
                    px="xs"
                    py={6}
                    w="100%"
                    fw={600}
                    fz="sm"
                    onClick={() =>
                      props.onSort({
                        column: header.id,
                        direction:
                          sorted && sort.direction === 'asc' ? 'desc' : 'asc',
                      })
                    }
                  >
                    {String(header.column.columnDef.header)}
                    {sortMark(sorted, sort.direction)}
                  </UnstyledButton>
                </div>
              )
            })}
          </div>
        ))}
      </div>
      <div
        role="rowgroup"
        style={{
          height: laidOut,
          width,
          position: 'relative',
        }}
      >
        {items.map((item) => {
          const row = rows.getRow(item.index)
          const isActive = item.index === active.row
          const rowId = row?.['id']
          const highlighted =
            openId === undefined
              ? isActive
              : openId !== null &&
                rowId !== undefined &&
                rowId !== null &&
                String(rowId) === openId
          return (
            <div
              role="row"
              aria-rowindex={item.index + 2}
              aria-selected={highlighted}
              key={item.key}
              onClick={() => row && props.onOpen(row)}
              onMouseDown={() =>
                setActive({ row: item.index, column: active.column })
              }
              style={{
                position: 'absolute',
                top: 0,
                transform: `translateY(${layoutPosition(item.start, tableOffset, scaleRef.current)}px)`,
                height: ROW_HEIGHT,
                display: 'flex',
                width,
                cursor: row ? 'pointer' : 'default',
                background: highlighted
                  ? 'var(--mantine-primary-color-light)'
                  : undefined,
                borderBottom: '1px solid var(--mantine-color-default-border)',
              }}
            >
              {columns.map((column, columnIndex) => {
                const focused = isActive && columnIndex === active.column
                return (
                  <div
                    role="gridcell"
                    id={`grid-cell-${item.index}-${columnIndex}`}
                    key={column.name}
                    style={{
                      width: COLUMN_WIDTH,
                      flex: 'none',
                      padding: '6px 8px',
                      overflow: 'hidden',
                      whiteSpace: 'nowrap',
                      textOverflow: 'ellipsis',
                      fontSize: 'var(--mantine-font-size-sm)',
                      outline: focused
                        ? '2px solid var(--mantine-primary-color-filled)'
                        : undefined,
                      outlineOffset: -2,
                    }}
                  >
                    {row ? (
                      formatCell(
                        row[column.name],
                        column.kind,
                        column.options,
                        column.name,
                        display,
                      )
                    ) : (
                      <Text span fz="sm">
                        …
                      </Text>
                    )}
                  </div>
                )
              })}
            </div>
          )
        })}
      </div>
    </Box>
  )
}
