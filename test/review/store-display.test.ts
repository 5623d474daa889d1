import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { Archive } from '../../src/main/archive/index.ts'
import { storeDisplay } from '../../src/main/review/store-display.ts'
import { tempDir } from './fixture.ts'

let folder: ReturnType<typeof tempDir>
let archive: Archive

beforeEach(() => {
  folder = tempDir()
  archive = Archive.open(join(folder.dir, 'store.sqlite'))
})

afterEach(() => {
  archive.close()
  folder.cleanup()
})

function saveSettings(standards: Record<string, unknown>): void {
  const settings = { StoreStandards: standards }
  archive.setStoreSettings(JSON.stringify(settings), settings)
}

describe('storeDisplay', () => {
  it('is empty before StoreSettings', () => {
    expect(storeDisplay(archive.db)).toEqual({
      timeZoneSetting: null,
      timeZone: null,
      offsetMinutes: null,
      currency: { code: null, symbol: null },
    })
  })

  it('resolves a Windows zone name', () => {
    saveSettings({
      StoreTimeZone: 'Eastern Standard Time',
      CurrencyCode: 'EUR',
      CurrencySymbol: '€',
    })
    expect(storeDisplay(archive.db)).toEqual({
      timeZoneSetting: 'Eastern Standard Time',
      timeZone: 'America/New_York',
      offsetMinutes: null,
      currency: { code: 'EUR', symbol: '€' },
    })
  })

  it('reads a fixed offset', () => {
    saveSettings({ StoreTimeZone: '-05:00' })
    const display = storeDisplay(archive.db)
    expect(display.timeZone).toBeNull()
    expect(display.offsetMinutes).toBe(-300)
  })

  it('keeps an unknown zone as text', () => {
    saveSettings({ StoreTimeZone: 'Mars Standard Time' })
    const display = storeDisplay(archive.db)
    expect(display.timeZoneSetting).toBe('Mars Standard Time')
    expect(display.timeZone).toBeNull()
    expect(display.offsetMinutes).toBeNull()
  })
})
