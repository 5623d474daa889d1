import type { HandlerTable } from '../ipc/dispatch.ts'
import type { AppContext } from '../platform/context.ts'
import { ExportService } from '../export/service.ts'

type ExportHandlers = Pick<
  HandlerTable,
  | 'getExportDefaults'
  | 'previewFitReport'
  | 'startExport'
  | 'cancelExport'
  | 'chooseExportFolder'
>

export function createExportHandlers(context: AppContext): {
  handlers: ExportHandlers
  service: ExportService
} {
  const service = new ExportService(context)
  const handlers: ExportHandlers = {
    getExportDefaults: ({ storeId }) => ({
      ...service.defaults(storeId),
      canChooseFolder: context.chooseFolder !== undefined,
    }),
    previewFitReport: ({ storeId, platform }) =>
      service.fitReport(storeId, platform),
    startExport: ({ storeId, formats, outDir, view, weightUnit }) =>
      service.start({
        storeId,
        formats,
        outDir,
        ...(view === undefined ? {} : { view }),
        ...(weightUnit === undefined ? {} : { weightUnit }),
      }),
    cancelExport: ({ jobId }) => {
      service.cancel(jobId)
      return null
    },
    chooseExportFolder: async ({ defaultPath }) => ({
      path:
        context.chooseFolder === undefined
          ? null
          : await context.chooseFolder(defaultPath),
    }),
  }
  return { handlers, service }
}
