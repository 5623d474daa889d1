/**
 * Wall-clock text of an instant in an IANA time zone, shared by the main
 * process (store-day filters) and the renderer (times on the store's clock).
 */

const formatters = new Map<string, Intl.DateTimeFormat>()

function zoneFormatter(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone)
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
    formatters.set(zone, formatter)
  }
  return formatter
}

/** Formats a UTC instant as `YYYY-MM-DD HH:mm` on the zone's wall clock. */
export function zoneWallClock(zone: string, millis: number): string {
  const parts = zoneFormatter(zone).formatToParts(millis)
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? ''
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`
}
