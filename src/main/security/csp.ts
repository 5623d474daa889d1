/**
 * Content Security Policy of the renderer. Scripts come only from the app
 * itself, and the renderer connects only to its own origin: every network
 * call goes through the main process. Inline styles are allowed because the
 * UI kit (Mantine) sets CSS variables at run time; inline scripts are not.
 * `index.html` carries the same policy in a meta tag (a test keeps them equal).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: wizard-image:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')
