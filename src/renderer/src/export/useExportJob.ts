/**
 * The running export as the screen shows it: progress events and the outcome
 * of the job this screen started.
 */
import { useCallback, useEffect, useState } from 'react'
import type { EventPayloadOf } from '../../../shared/ipc/contract.ts'
import { getApi } from '../../api/index.ts'

export type ExportProgressEvent = EventPayloadOf<'exportProgress'>
export type ExportFinishedEvent = EventPayloadOf<'exportFinished'>

export interface ExportJobState {
  jobId: string | null
  progress: ExportProgressEvent | null
  finished: ExportFinishedEvent | null
  startError: string | null
}

const IDLE: ExportJobState = {
  jobId: null,
  progress: null,
  finished: null,
  startError: null,
}

export function useExportJob() {
  const [state, setState] = useState<ExportJobState>(IDLE)

  useEffect(() => {
    const api = getApi()
    const offProgress = api.onExportProgress((event) => {
      setState((s) => (s.jobId === event.jobId ? { ...s, progress: event } : s))
    })
    const offFinished = api.onExportFinished((event) => {
      setState((s) => (s.jobId === event.jobId ? { ...s, finished: event } : s))
    })
    return () => {
      offProgress()
      offFinished()
    }
  }, [])

  const start = useCallback(
    async (
      request: Parameters<ReturnType<typeof getApi>['startExport']>[0],
    ) => {
      setState(IDLE)
      const result = await getApi().startExport(request)
      if (result.ok) setState({ ...IDLE, jobId: result.value.jobId })
      else setState({ ...IDLE, startError: result.error.message })
    },
    [],
  )

  const cancel = useCallback(async () => {
    if (state.jobId !== null)
      await getApi().cancelExport({ jobId: state.jobId })
  }, [state.jobId])

  const running = state.jobId !== null && state.finished === null
  return { ...state, running, start, cancel, reset: () => setState(IDLE) }
}
