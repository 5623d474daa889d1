import { getApi } from '../../api/index.ts'
import { useWizard } from '../state/wizard.ts'

/**
 * Runs the connection test for a saved store and keeps its result in the
 * wizard's state. Returns whether the store can be read.
 */
export async function runConnectionTest(storeId: string): Promise<boolean> {
  const wizard = useWizard.getState()
  wizard.setConnection(null)
  const result = await getApi().testStoreConnection({ storeId })
  if (!result.ok) {
    wizard.setError(result.error)
    return false
  }
  wizard.setConnection(result.value)
  return result.value.ok
}
