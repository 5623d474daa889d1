/** Heap readings for the memory figures: the heap after a full collection. */
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

/** Returns `gc()`, which Node defines only under --expose-gc, by setting that flag. */
function exposedGc(): () => void {
  setFlagsFromString('--expose-gc')
  return runInNewContext('gc') as () => void
}

/** Bytes of the JavaScript heap in use after a full garbage collection. */
export function heapUsedAfterGc(): number {
  exposedGc()()
  return process.memoryUsage().heapUsed
}

/** Bytes of V8's young generation (new space) as currently sized. */
export function youngGenerationBytes(): number {
  const space = getHeapSpaceStatistics().find(
    (s) => s.space_name === 'new_space',
  )
  return space?.space_size ?? 0
}
