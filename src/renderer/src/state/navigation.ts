import { create } from 'zustand'

export type Section = 'wizard' | 'review' | 'export'

interface NavigationState {
  section: Section
  /** The saved store whose archive the review and export screens show. */
  storeId: string | null
  go(section: Section): void
  selectStore(storeId: string | null): void
}

export const useNavigation = create<NavigationState>()((set) => ({
  section: 'wizard',
  storeId: null,
  go: (section) => set({ section }),
  selectStore: (storeId) => set({ storeId }),
}))
