import type { HandlerTable } from '../ipc/dispatch.ts'
import type { AppContext } from '../platform/context.ts'
import { exportDirFor } from '../platform/paths.ts'
import { getRawRecord, getRecordDetail } from '../review/detail.ts'
import { getCompleteness, getQualityNotes } from '../review/completeness.ts'
import { getRunChanges, listChangeRuns } from '../review/changes.ts'
import { getDashboard } from '../review/dashboard.ts'
import { imageDirFor, productImages } from '../review/images.ts'
import { countRows, queryRows } from '../review/query.ts'
import { reviewEntities } from '../review/schema-info.ts'
import { searchAll } from '../review/search.ts'
import { ReviewService } from '../review/service.ts'
import { storeDisplay } from '../review/store-display.ts'
import { storeClockOf, withStoreDays } from '../review/store-days.ts'

type ReviewHandlers = Pick<
  HandlerTable,
  | 'listReviewStores'
  | 'getReviewSchema'
  | 'queryRows'
  | 'countRows'
  | 'searchArchive'
  | 'getRecordDetail'
  | 'getRawRecord'
  | 'getProductImages'
  | 'getDashboard'
  | 'getCompleteness'
  | 'listChangeRuns'
  | 'getRunChanges'
>

export function createReviewHandlers(context: AppContext): {
  handlers: ReviewHandlers
  service: ReviewService
} {
  const service = new ReviewService(context.userDataDir)
  const db = (storeId: string) => service.database(storeId)
  const handlers: ReviewHandlers = {
    listReviewStores: () => service.listStores(),
    getReviewSchema: ({ storeId }) => ({
      entities: reviewEntities(db(storeId)),
      store: storeDisplay(db(storeId)),
    }),
    queryRows: ({ storeId, query }) => {
      const archive = db(storeId)
      return queryRows(archive, withStoreDays(query, storeClockOf(archive)))
    },
    countRows: ({ storeId, view, exact }) => {
      const archive = db(storeId)
      return countRows(archive, withStoreDays(view, storeClockOf(archive)), {
        exact,
      })
    },
    searchArchive: ({ storeId, text, limit }) =>
      searchAll(db(storeId), text, { limit }),
    getRecordDetail: ({ storeId, entity, id }) =>
      getRecordDetail(db(storeId), entity, id),
    getRawRecord: ({ storeId, entity, id }) => ({
      raw: getRawRecord(db(storeId), entity, id),
    }),
    getProductImages: ({ storeId, productId }) =>
      productImages(
        db(storeId),
        productId,
        imageDirFor(exportDirFor(context.userDataDir, storeId)),
      ),
    getDashboard: ({ storeId }) => getDashboard(db(storeId)),
    getCompleteness: ({ storeId }) => {
      const database = db(storeId)
      return {
        entities: getCompleteness(database),
        notes: getQualityNotes(database),
      }
    },
    listChangeRuns: ({ storeId }) => listChangeRuns(db(storeId)),
    getRunChanges: ({ storeId, runId }) => getRunChanges(db(storeId), runId),
  }
  return { handlers, service }
}
