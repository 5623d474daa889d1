/**
 * State of the review screens: the tab, the entity browsed, its view
 * (columns, sort, filters, search) and the record open in the detail panel.
 */
import { create } from 'zustand'
import type { StoreDisplay } from '../../../shared/ipc/channels/review.ts'
import type { ReviewFilter, ReviewSort } from '../../../shared/review-query.ts'

export type ReviewTab = 'browse' | 'dashboard' | 'completeness' | 'changes'

export interface OpenRecord {
  entity: string
  id: string | number
}

export interface EntityView {
  /** Chosen columns; null until the merchant changes the defaults. */
  columns: string[] | null
  sort: ReviewSort | null
  filters: ReviewFilter[]
  search: string
}

const EMPTY_VIEW: EntityView = {
  columns: null,
  sort: null,
  filters: [],
  search: '',
}

interface ReviewState {
  tab: ReviewTab
  entity: string
  views: Record<string, EntityView>
  /** Records opened through links, the last one shown; Back returns. */
  trail: OpenRecord[]
  /** The open store's time zone and currency; null until its schema loads. */
  display: StoreDisplay | null
  setTab(tab: ReviewTab): void
  setEntity(entity: string): void
  updateView(entity: string, patch: Partial<EntityView>): void
  openRecord(record: OpenRecord, options?: { follow?: boolean }): void
  back(): void
  closeRecord(): void
  setDisplay(display: StoreDisplay): void
  reset(): void
}

export function viewOf(
  views: Record<string, EntityView>,
  entity: string,
): EntityView {
  return views[entity] ?? EMPTY_VIEW
}

export const useReview = create<ReviewState>()((set) => ({
  tab: 'browse',
  entity: 'orders',
  views: {},
  trail: [],
  display: null,
  setTab: (tab) => set({ tab }),
  setEntity: (entity) => set({ entity }),
  updateView: (entity, patch) =>
    set((state) => ({
      views: {
        ...state.views,
        [entity]: { ...viewOf(state.views, entity), ...patch },
      },
    })),
  openRecord: (record, options) =>
    set((state) => ({
      trail: options?.follow === true ? [...state.trail, record] : [record],
    })),
  back: () => set((state) => ({ trail: state.trail.slice(0, -1) })),
  closeRecord: () => set({ trail: [] }),
  setDisplay: (display) => set({ display }),
  reset: () =>
    set({
      tab: 'browse',
      entity: 'orders',
      views: {},
      trail: [],
      display: null,
    }),
}))
