/**
 * The only pages the app may open in the system browser: the 3dcart and
 * Shift4Shop developer portals, help sites and store admins, over https.
 * Anything else (another scheme, another host, credentials in the URL) is
 * rejected, so a link in pulled store data cannot launch arbitrary targets.
 */
const ALLOWED_HOST_SUFFIXES = [
  '3dcart.com',
  'shift4shop.com',
  '3dcartstores.com',
  'shift4shopstores.com',
] as const

export function isAllowedExternalUrl(candidate: string): boolean {
  let url: URL
  try {
    url = new URL(candidate)
  } catch {
    return false
  }
  if (url.protocol !== 'https:') return false
  if (url.username !== '' || url.password !== '') return false
  if (url.port !== '' && url.port !== '443') return false
  const host = url.hostname.toLowerCase()
  return ALLOWED_HOST_SUFFIXES.some(
    (suffix) => host === suffix || host.endsWith(`.${suffix}`),
  )
}
