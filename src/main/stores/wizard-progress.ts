/**
 * The wizard's place (step, chosen store, chosen entities), kept in
 * `wizard.json` so that the wizard reopens where the merchant left it in
 * both the desktop app and browser mode.
 */
import { join } from 'node:path'
import {
  wizardProgressSchema,
  type WizardProgress,
} from '../../shared/ipc/channels/wizard.ts'
import { readJsonFile, writeJsonFile } from './json-file.ts'

export const INITIAL_PROGRESS: WizardProgress = {
  step: 'welcome',
  storeId: null,
  entities: null,
  storeSensitive: false,
  done: [],
}

/** Files written before the done list existed read as no step done. */
function withDoneList(stored: unknown): unknown {
  if (stored === null || typeof stored !== 'object') return stored
  return { done: [], ...stored }
}

export class WizardProgressFile {
  private readonly file: string
  private current: WizardProgress

  constructor(userDataDir: string) {
    this.file = join(userDataDir, 'wizard.json')
    const parsed = wizardProgressSchema.safeParse(
      withDoneList(readJsonFile(this.file)),
    )
    this.current = parsed.success ? parsed.data : { ...INITIAL_PROGRESS }
  }

  get(): WizardProgress {
    return { ...this.current }
  }

  update(patch: Partial<WizardProgress>): WizardProgress {
    this.current = wizardProgressSchema.parse({ ...this.current, ...patch })
    writeJsonFile(this.file, this.current)
    return this.get()
  }
}
