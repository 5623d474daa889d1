/**
 * Pages the wizard opens in the system browser. Main only opens https pages
 * on 3dcart and Shift4Shop hosts, so these are the only kinds of link.
 */
import { getApi } from '../../api/index.ts'
import { useWizard } from '../state/wizard.ts'

export const DEVELOPER_PORTAL_URL = 'https://devportal.3dcart.com/'

/** Builds the store admin's address, which is `/admin/` under the secure URL. */
export function adminUrlFor(secureUrl: string): string {
  return `${secureUrl.replace(/\/+$/, '')}/admin/`
}

export async function openInBrowser(url: string): Promise<void> {
  const result = await getApi().openExternal({ url })
  if (!result.ok) useWizard.getState().setError(result.error)
}
