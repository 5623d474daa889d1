import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MantineProvider } from '@mantine/core'
import { act, fireEvent, render, screen } from '@testing-library/react'
import { DataGrid } from '../../../src/renderer/src/review/DataGrid.tsx'
import {
  layoutPosition,
  MAX_SCROLL_HEIGHT,
  scrollScale,
} from '../../../src/renderer/src/review/scroll-scale.ts'
import type { PagedRows } from '../../../src/renderer/src/review/usePagedRows.ts'
import type { ReviewColumn } from '../../../src/shared/review-query.ts'

const ROW_HEIGHT = 34
const VIEWPORT = 600
const ROWS = 1_000_000

// happy-dom does no layout: give elements a window's size and a header
// height, so the virtual grid renders rows.
const sizes = ['clientHeight', 'clientWidth', 'offsetHeight'] as const
const originals = sizes.map((name) =>
  Object.getOwnPropertyDescriptor(HTMLElement.prototype, name),
)
const fixedSizes = {
  clientHeight: VIEWPORT,
  clientWidth: 1000,
  offsetHeight: ROW_HEIGHT,
}

beforeEach(() => {
  for (const name of sizes) {
    Object.defineProperty(HTMLElement.prototype, name, {
      configurable: true,
      get: () => fixedSizes[name],
    })
  }
})

afterEach(() => {
  sizes.forEach((name, index) => {
    const original = originals[index]
    if (original) Object.defineProperty(HTMLElement.prototype, name, original)
  })
})

const columns: ReviewColumn[] = [
  { name: 'id', label: 'Id', kind: 'integer' } as ReviewColumn,
]

/** Rows whose id is their index, recording every range the grid requests. */
function fakeRows(requested: Array<[number, number]>): PagedRows {
  return {
    getRow: (index) => ({ id: index }),
    ensureRange: (first, last) => {
      requested.push([first, last])
    },
    error: null,
  }
}

function renderGrid(rows: PagedRows) {
  render(
    <MantineProvider>
      <div style={{ height: VIEWPORT }}>
        <DataGrid
          label="Orders table"
          columns={columns}
          rowCount={ROWS}
          resetKey="orders"
          rows={rows}
          sort={{ column: 'id', direction: 'asc' }}
          onSort={() => {}}
          onOpen={() => {}}
          onCopied={() => {}}
        />
      </div>
    </MantineProvider>,
  )
  return screen.getByRole('grid', { name: 'Orders table' })
}

describe('scroll scaling', () => {
  it('keeps small tables unscaled', () => {
    const geometry = {
      totalSize: 3_400,
      layoutSize: 3_400,
      viewport: VIEWPORT,
      headerSize: ROW_HEIGHT,
    }
    expect(scrollScale(geometry)).toBe(1)
    expect(layoutPosition(340, 100, 1)).toBe(340)
  })

  it('maps the deepest scroll to the end', () => {
    const totalSize = ROWS * ROW_HEIGHT
    const geometry = {
      totalSize,
      layoutSize: MAX_SCROLL_HEIGHT,
      viewport: VIEWPORT,
      headerSize: ROW_HEIGHT,
    }
    const scale = scrollScale(geometry)
    const deepest = MAX_SCROLL_HEIGHT + ROW_HEIGHT - VIEWPORT
    expect(deepest * scale).toBeCloseTo(totalSize + ROW_HEIGHT - VIEWPORT, 3)
    // The last row sits at the bottom of the laid-out area.
    const lastStart = totalSize - ROW_HEIGHT
    const position = layoutPosition(lastStart, deepest * scale, scale)
    expect(position + ROW_HEIGHT).toBeCloseTo(MAX_SCROLL_HEIGHT, 3)
  })
})

describe('DataGrid with a million rows', () => {
  it('lays out a capped scroll area', () => {
    const grid = renderGrid(fakeRows([]))
    const body = grid.querySelectorAll('[role="rowgroup"]')[1] as HTMLElement
    expect(body.style.height).toBe(`${MAX_SCROLL_HEIGHT}px`)
  })

  it('reaches the last row by scrolling', () => {
    const requested: Array<[number, number]> = []
    const grid = renderGrid(fakeRows(requested))
    act(() => {
      grid.scrollTop = MAX_SCROLL_HEIGHT + ROW_HEIGHT - VIEWPORT
      fireEvent.scroll(grid)
    })
    const last = grid.querySelector(`[aria-rowindex="${ROWS + 1}"]`)
    expect(last).not.toBeNull()
    expect(last).toHaveTextContent(String(ROWS - 1))
    const [, lastAsked] = requested[requested.length - 1]!
    expect(lastAsked).toBe(ROWS - 1)
  })

  it('shows middle rows at the scaled position', () => {
    const requested: Array<[number, number]> = []
    const grid = renderGrid(fakeRows(requested))
    act(() => {
      grid.scrollTop = MAX_SCROLL_HEIGHT / 2
      fireEvent.scroll(grid)
    })
    const [first] = requested[requested.length - 1]!
    // Halfway down the scroll area is about halfway through the rows.
    expect(first).toBeGreaterThan(ROWS / 2 - 200)
    expect(first).toBeLessThan(ROWS / 2 + 200)
  })

  it('keeps keyboard moves in view', () => {
    const grid = renderGrid(fakeRows([]))
    const bottom = MAX_SCROLL_HEIGHT + ROW_HEIGHT - VIEWPORT
    act(() => {
      grid.scrollTop = bottom
      fireEvent.scroll(grid)
    })
    const last = grid.querySelector(`[aria-rowindex="${ROWS + 1}"]`)!
    act(() => {
      fireEvent.mouseDown(last)
    })
    // A move to a row already shown does not scroll.
    act(() => {
      fireEvent.keyDown(grid, { key: 'ArrowUp' })
    })
    expect(grid.scrollTop).toBe(bottom)
    act(() => {
      fireEvent.keyDown(grid, { key: 'Home', ctrlKey: true })
      fireEvent.scroll(grid)
    })
    expect(grid.scrollTop).toBe(0)
    act(() => {
      fireEvent.keyDown(grid, { key: 'End', ctrlKey: true })
      fireEvent.scroll(grid)
    })
    expect(grid.scrollTop).toBeCloseTo(bottom, 0)
    expect(grid.querySelector(`[aria-rowindex="${ROWS + 1}"]`)).not.toBeNull()
  })
})
