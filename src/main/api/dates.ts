/**
 * Dates sent to the API. Filters such as `lastupdatestart` take
 * `MM/dd/yyyy HH:mm:ss` in the store's own time zone, whatever the
 * computer's zone or locale, so formatting never uses the system defaults.
 */
import type { StoreZone } from '../archive/time-zones.ts'

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0')
}

/** Formats an instant as `MM/dd/yyyy HH:mm:ss` in the store's zone. */
export function formatStoreDate(date: Date, zone: StoreZone): string {
  if (Number.isNaN(date.getTime())) {
    throw new RangeError('Cannot format an invalid date for the store')
  }
  if (zone.kind === 'fixed') {
    const shifted = new Date(date.getTime() + zone.offsetMinutes * 60_000)
    return (
      `${pad(shifted.getUTCMonth() + 1)}/${pad(shifted.getUTCDate())}/` +
      `${pad(shifted.getUTCFullYear(), 4)} ${pad(shifted.getUTCHours())}:` +
      `${pad(shifted.getUTCMinutes())}:${pad(shifted.getUTCSeconds())}`
    )
  }
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone.zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date)
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '00'
  return (
    `${part('month')}/${part('day')}/${part('year').padStart(4, '0')} ` +
    `${part('hour')}:${part('minute')}:${part('second')}`
  )
}
