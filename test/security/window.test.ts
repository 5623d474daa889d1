import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../../src/main/security/csp.ts'
import { isAllowedExternalUrl } from '../../src/main/security/external-url.ts'
import {
  decidePermission,
  isAppUrl,
  isTrustedSender,
  secureWebPreferences,
} from '../../src/main/security/window-options.ts'

const repoRoot = join(import.meta.dirname, '../..')

describe('secureWebPreferences', () => {
  it('isolates and sandboxes the renderer', () => {
    const prefs = secureWebPreferences('/app/preload.cjs', false)
    expect(prefs.contextIsolation).toBe(true)
    expect(prefs.sandbox).toBe(true)
    expect(prefs.nodeIntegration).toBe(false)
    expect(prefs.nodeIntegrationInWorker).toBe(false)
    expect(prefs.nodeIntegrationInSubFrames).toBe(false)
    expect(prefs.webSecurity).toBe(true)
    expect(prefs.allowRunningInsecureContent).toBe(false)
    expect(prefs.webviewTag).toBe(false)
    expect(prefs.devTools).toBe(false)
  })
})

describe('isAllowedExternalUrl', () => {
  const allowed = [
    'https://devportal.3dcart.com/',
    'https://apirest.3dcart.com/v1/getting-started/index.html',
    'https://www.shift4shop.com/help',
    'https://merchant-store.3dcartstores.com/admin/',
  ]
  const rejected = [
    'http://devportal.3dcart.com/',
    'https://devportal.3dcart.com.evil.example/',
    'https://evil.example/?u=devportal.3dcart.com',
    'https://user:pass@devportal.3dcart.com/',
    'https://devportal.3dcart.com:8443/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'not a url',
    'https://x3dcart.com/',
  ]
  for (const url of allowed) {
    it(`allows ${url}`, () => expect(isAllowedExternalUrl(url)).toBe(true))
  }
  for (const url of rejected) {
    it(`rejects ${url}`, () => expect(isAllowedExternalUrl(url)).toBe(false))
  }
})

describe('navigation', () => {
  it('keeps the packaged window on file URLs', () => {
    expect(isAppUrl('file:///app/index.html', 'file://')).toBe(true)
    expect(isAppUrl('https://devportal.3dcart.com/', 'file://')).toBe(false)
  })

  it('keeps the dev window on the dev server', () => {
    const origin = 'http://localhost:5173'
    expect(isAppUrl('http://localhost:5173/#/x', origin)).toBe(true)
    expect(isAppUrl('http://localhost:5174/', origin)).toBe(false)
    expect(isAppUrl('garbage', origin)).toBe(false)
  })
})

describe('isTrustedSender', () => {
  const trusted = new Set([3])
  it('accepts our window top frame', () => {
    const sender = {
      webContentsId: 3,
      frameUrl: 'file:///app/index.html',
      isMainFrame: true,
    }
    expect(isTrustedSender(sender, trusted, 'file://')).toBe(true)
  })
  it('rejects another window, a sub-frame and a remote page', () => {
    const base = {
      webContentsId: 3,
      frameUrl: 'file:///app/index.html',
      isMainFrame: true,
    }
    expect(
      isTrustedSender({ ...base, webContentsId: 4 }, trusted, 'file://'),
    ).toBe(false)
    expect(
      isTrustedSender({ ...base, isMainFrame: false }, trusted, 'file://'),
    ).toBe(false)
    expect(
      isTrustedSender(
        { ...base, frameUrl: 'https://evil.example/' },
        trusted,
        'file://',
      ),
    ).toBe(false)
    expect(
      isTrustedSender({ ...base, frameUrl: undefined }, trusted, 'file://'),
    ).toBe(false)
  })
})

describe('permissions', () => {
  it('denies every permission', () => {
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
    ]) {
      expect(decidePermission(permission)).toBe(false)
    }
  })
})

describe('content security policy', () => {
  it('forbids remote and inline scripts and remote connections', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'")
    expect(CONTENT_SECURITY_POLICY).toContain("connect-src 'self'")
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'")
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*unsafe/)
  })

  it('matches the meta tag of index.html', () => {
    const html = readFileSync(join(repoRoot, 'src/renderer/index.html'), 'utf8')
    const meta =
      /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)
    expect(meta?.[1]).toBeDefined()
    // frame-ancestors is ignored in a meta tag, so only the header has it.
    const withoutFrameAncestors = CONTENT_SECURITY_POLICY.replace(
      "; frame-ancestors 'none'",
      '',
    )
    expect(meta?.[1]).toBe(withoutFrameAncestors)
  })
})
