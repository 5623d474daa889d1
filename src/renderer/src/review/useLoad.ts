import { useCallback, useEffect, useState } from 'react'
import { errorMessage } from './api.ts'

interface Loaded<T> {
  key: string
  value: T | null
  error: string | null
}

/**
 * Runs `load` whenever `key` changes and returns its result. A result whose
 * key is no longer current never replaces a newer one. With `keepPrevious`,
 * the last result stays visible until the new one arrives.
 */
export function useLoad<T>(
  key: string,
  load: () => Promise<T>,
  options: { keepPrevious?: boolean } = {},
): { value: T | null; error: string | null; reload(): void } {
  const [state, setState] = useState<Loaded<T>>({
    key: '',
    value: null,
    error: null,
  })
  const [generation, setGeneration] = useState(0)
  useEffect(() => {
    let current = true
    load()
      .then((value) => {
        if (current) setState({ key, value, error: null })
      })
      .catch((failure: unknown) => {
        if (current)
          setState({ key, value: null, error: errorMessage(failure) })
      })
    return () => {
      current = false
    }
    // `key` names every input `load` reads, so it alone decides a reload.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, generation])
  const reload = useCallback(() => setGeneration((g) => g + 1), [])
  if (state.key !== key) {
    // While a new result loads, the old one may stay on screen.
    const value = options.keepPrevious === true ? state.value : null
    return { value, error: null, reload }
  }
  return { value: state.value, error: state.error, reload }
}
