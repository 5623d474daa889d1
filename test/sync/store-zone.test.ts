import { describe, expect, it } from 'vitest'
import { pullZone } from '../../src/main/sync/store-zone.ts'

describe('pullZone finding', () => {
  it('asks for access when settings are unread', () => {
    const { finding } = pullZone(
      { kind: 'unreadable', reason: 'HTTP 401' },
      null,
    )
    expect(finding?.problem).toBe('unreadable')
    expect(finding?.message).toContain('HTTP 401')
    expect(finding?.message).toContain('API access includes the store settings')
    expect(finding?.message).not.toContain('set the time zone')
  })

  it('asks for a zone when it is unknown', () => {
    const read = {
      kind: 'read' as const,
      settings: { StoreStandards: { StoreTimeZone: 'garbage' } },
    }
    const { finding } = pullZone(read, 'garbage')
    expect(finding?.problem).toBe('unknown')
    expect(finding?.message).toContain('"garbage"')
    expect(finding?.message).toContain(
      "set the time zone in the store's settings",
    )
    expect(finding?.message).toContain("review's dates and date sorting")
  })

  it('has no finding for a known zone', () => {
    const read = {
      kind: 'read' as const,
      settings: { StoreStandards: { StoreTimeZone: 'America/Chicago' } },
    }
    expect(pullZone(read, 'America/Chicago').finding).toBeNull()
  })
})
