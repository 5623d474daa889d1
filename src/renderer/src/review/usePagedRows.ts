/**
 * Reads grid rows page by page for the visible range only, keeping a small
 * cache of pages; the total row count sizes the scroll area, so scrolling
 * through a million orders never loads them all.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import type {
  ReviewFilter,
  ReviewRow,
  ReviewSort,
} from '../../../shared/review-query.ts'
import { getApi } from '../../api/index.ts'
import { errorMessage, unwrap } from './api.ts'

export const PAGE_SIZE = 100
/** Pages kept in memory; the oldest is dropped first. */
const MAX_CACHED_PAGES = 30

export interface RowsQuery {
  storeId: string
  entity: string
  columns: string[]
  sort: ReviewSort | undefined
  filters: ReviewFilter[]
  search: string
}

export interface PagedRows {
  getRow(index: number): ReviewRow | undefined
  /** Requests the pages covering rows `first` to `last` (inclusive). */
  ensureRange(first: number, last: number): void
  error: string | null
}

interface PageState {
  key: string
  pages: Map<number, ReviewRow[]>
  error: string | null
}

function withPage(
  state: PageState,
  key: string,
  page: number,
  rows: ReviewRow[],
): PageState {
  const pages =
    state.key === key ? new Map(state.pages) : new Map<number, ReviewRow[]>()
  pages.set(page, rows)
  while (pages.size > MAX_CACHED_PAGES) {
    const oldest = pages.keys().next().value
    if (oldest === undefined) break
    pages.delete(oldest)
  }
  return { key, pages, error: null }
}

export function usePagedRows(query: RowsQuery): PagedRows {
  const key = JSON.stringify(query)
  const [state, setState] = useState<PageState>({
    key,
    pages: new Map(),
    error: null,
  })
  // Requests in flight, as `<key>#<page>`, so a page is asked for once.
  const pending = useRef(new Set<string>())
  const latestKey = useRef(key)
  useEffect(() => {
    latestKey.current = key
  }, [key])

  const pages = state.key === key ? state.pages : undefined

  const ensureRange = useCallback(
    (first: number, last: number) => {
      const firstPage = Math.floor(Math.max(0, first) / PAGE_SIZE)
      const lastPage = Math.floor(Math.max(0, last) / PAGE_SIZE)
      for (let page = firstPage; page <= lastPage; page++) {
        const token = `${key}#${page}`
        if (pages?.has(page) || pending.current.has(token)) continue
        pending.current.add(token)
        const request = {
          storeId: query.storeId,
          query: {
            entity: query.entity,
            columns: query.columns,
            filters: query.filters,
            search: query.search,
            offset: page * PAGE_SIZE,
            limit: PAGE_SIZE,
            ...(query.sort ? { sort: query.sort } : {}),
          },
        }
        unwrap(getApi().queryRows(request))
          .then((result) => {
            if (latestKey.current !== key) return
            setState((before) => withPage(before, key, page, result.rows))
          })
          .catch((failure: unknown) => {
            if (latestKey.current !== key) return
            setState((before) => ({
              ...before,
              key,
              error: errorMessage(failure),
            }))
          })
          .finally(() => pending.current.delete(token))
      }
    },
    // `key` is the serialised query, so it covers every field read here.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key, pages],
  )

  const getRow = useCallback(
    (index: number) =>
      pages?.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE],
    [pages],
  )

  return { getRow, ensureRange, error: state.key === key ? state.error : null }
}
