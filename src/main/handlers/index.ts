/**
 * Assembles the handler table from each feature. The type `HandlerTable`
 * requires one handler per channel in the contract, so a channel without a
 * handler fails the type check.
 */
import type { HandlerTable } from '../ipc/dispatch.ts'
import type { AppContext } from '../platform/context.ts'
import { createAppHandlers } from './app.ts'
import { createExportHandlers } from './export.ts'
import { createReviewHandlers } from './review.ts'
import { createWizardService } from './wizard.ts'

export interface Services {
  /** Stops background work and closes files; called on quit. */
  dispose(): Promise<void>
}

export function createHandlers(context: AppContext): {
  handlers: HandlerTable
  services: Services
} {
  const review = createReviewHandlers(context)
  const wizard = createWizardService(context)
  const exports = createExportHandlers(context)
  const handlers: HandlerTable = {
    ...createAppHandlers(context),
    ...exports.handlers,
    ...review.handlers,
    ...wizard.handlers,
  }
  // A pull that was running when the app closed continues from its
  // checkpoints; failures are reported through its progress events.
  void wizard.resumeInterrupted()
  return {
    handlers,
    services: {
      dispose: async () => {
        await exports.service.dispose()
        review.service.close()
        await wizard.dispose()
      },
    },
  }
}
