/**
 * Windows time zones: their ids, and the display names that Windows and
 * .NET applications show, such as `(UTC-05:00) Eastern Time (US & Canada)`.
 */

/**
 * Windows zone ids to IANA names, from the CLDR `windowsZones.xml` mapping
 * (territory 001). Covers the zones of the Americas, Europe, Africa, Asia
 * and Oceania that a store is likely to use.
 */
export const WINDOWS_ZONES: Readonly<Record<string, string>> = {
  'Dateline Standard Time': 'Etc/GMT+12',
  'UTC-11': 'Etc/GMT+11',
  'Hawaiian Standard Time': 'Pacific/Honolulu',
  'Aleutian Standard Time': 'America/Adak',
  'Alaskan Standard Time': 'America/Anchorage',
  'Pacific Standard Time (Mexico)': 'America/Tijuana',
  'Pacific Standard Time': 'America/Los_Angeles',
  'US Mountain Standard Time': 'America/Phoenix',
  'Mountain Standard Time (Mexico)': 'America/Mazatlan',
  'Mountain Standard Time': 'America/Denver',
  'Central America Standard Time': 'America/Guatemala',
  'Central Standard Time': 'America/Chicago',
  'Central Standard Time (Mexico)': 'America/Mexico_City',
  'Canada Central Standard Time': 'America/Regina',
  'SA Pacific Standard Time': 'America/Bogota',
  'Eastern Standard Time (Mexico)': 'America/Cancun',
  'Eastern Standard Time': 'America/New_York',
  'US Eastern Standard Time': 'America/Indianapolis',
  'Venezuela Standard Time': 'America/Caracas',
  'Atlantic Standard Time': 'America/Halifax',
  'SA Western Standard Time': 'America/La_Paz',
  'Pacific SA Standard Time': 'America/Santiago',
  'Newfoundland Standard Time': 'America/St_Johns',
  'E. South America Standard Time': 'America/Sao_Paulo',
  'Argentina Standard Time': 'America/Buenos_Aires',
  'SA Eastern Standard Time': 'America/Cayenne',
  'UTC-02': 'Etc/GMT+2',
  'Azores Standard Time': 'Atlantic/Azores',
  'Cape Verde Standard Time': 'Atlantic/Cape_Verde',
  UTC: 'Etc/UTC',
  'GMT Standard Time': 'Europe/London',
  'Greenwich Standard Time': 'Atlantic/Reykjavik',
  'W. Europe Standard Time': 'Europe/Berlin',
  'Central Europe Standard Time': 'Europe/Budapest',
  'Romance Standard Time': 'Europe/Paris',
  'Central European Standard Time': 'Europe/Warsaw',
  'W. Central Africa Standard Time': 'Africa/Lagos',
  'GTB Standard Time': 'Europe/Bucharest',
  'FLE Standard Time': 'Europe/Kiev',
  'Israel Standard Time': 'Asia/Jerusalem',
  'South Africa Standard Time': 'Africa/Johannesburg',
  'Egypt Standard Time': 'Africa/Cairo',
  'E. Europe Standard Time': 'Europe/Chisinau',
  'Turkey Standard Time': 'Europe/Istanbul',
  'Arab Standard Time': 'Asia/Riyadh',
  'Russian Standard Time': 'Europe/Moscow',
  'E. Africa Standard Time': 'Africa/Nairobi',
  'Iran Standard Time': 'Asia/Tehran',
  'Arabian Standard Time': 'Asia/Dubai',
  'Afghanistan Standard Time': 'Asia/Kabul',
  'Pakistan Standard Time': 'Asia/Karachi',
  'India Standard Time': 'Asia/Calcutta',
  'Nepal Standard Time': 'Asia/Katmandu',
  'Bangladesh Standard Time': 'Asia/Dhaka',
  'SE Asia Standard Time': 'Asia/Bangkok',
  'China Standard Time': 'Asia/Shanghai',
  'Singapore Standard Time': 'Asia/Singapore',
  'Taipei Standard Time': 'Asia/Taipei',
  'W. Australia Standard Time': 'Australia/Perth',
  'Tokyo Standard Time': 'Asia/Tokyo',
  'Korea Standard Time': 'Asia/Seoul',
  'Cen. Australia Standard Time': 'Australia/Adelaide',
  'AUS Central Standard Time': 'Australia/Darwin',
  'E. Australia Standard Time': 'Australia/Brisbane',
  'AUS Eastern Standard Time': 'Australia/Sydney',
  'Tasmania Standard Time': 'Australia/Hobart',
  'New Zealand Standard Time': 'Pacific/Auckland',
}

/**
 * Windows display names without their `(UTC±hh:mm)` prefix, lower case, to
 * the Windows zone id. The names are those of `TimeZoneInfo.DisplayName`
 * on Windows, in the current wording and in the wordings of earlier
 * Windows releases (`Kiev` for `Kyiv`, `Buenos Aires` for `City of Buenos
 * Aires`).
 */
const DISPLAY_NAME_ZONES: Readonly<Record<string, string>> = {
  'international date line west': 'Dateline Standard Time',
  'coordinated universal time-11': 'UTC-11',
  hawaii: 'Hawaiian Standard Time',
  'aleutian islands': 'Aleutian Standard Time',
  alaska: 'Alaskan Standard Time',
  'baja california': 'Pacific Standard Time (Mexico)',
  'pacific time (us & canada)': 'Pacific Standard Time',
  arizona: 'US Mountain Standard Time',
  'chihuahua, la paz, mazatlan': 'Mountain Standard Time (Mexico)',
  'la paz, mazatlan': 'Mountain Standard Time (Mexico)',
  'mountain time (us & canada)': 'Mountain Standard Time',
  'central america': 'Central America Standard Time',
  'central time (us & canada)': 'Central Standard Time',
  'guadalajara, mexico city, monterrey': 'Central Standard Time (Mexico)',
  saskatchewan: 'Canada Central Standard Time',
  'bogota, lima, quito': 'SA Pacific Standard Time',
  'bogota, lima, quito, rio branco': 'SA Pacific Standard Time',
  chetumal: 'Eastern Standard Time (Mexico)',
  'eastern time (us & canada)': 'Eastern Standard Time',
  'indiana (east)': 'US Eastern Standard Time',
  caracas: 'Venezuela Standard Time',
  'atlantic time (canada)': 'Atlantic Standard Time',
  'georgetown, la paz, manaus, san juan': 'SA Western Standard Time',
  santiago: 'Pacific SA Standard Time',
  newfoundland: 'Newfoundland Standard Time',
  brasilia: 'E. South America Standard Time',
  'buenos aires': 'Argentina Standard Time',
  'city of buenos aires': 'Argentina Standard Time',
  'cayenne, fortaleza': 'SA Eastern Standard Time',
  'coordinated universal time-02': 'UTC-02',
  azores: 'Azores Standard Time',
  'cape verde is.': 'Cape Verde Standard Time',
  'cabo verde is.': 'Cape Verde Standard Time',
  'coordinated universal time': 'UTC',
  'dublin, edinburgh, lisbon, london': 'GMT Standard Time',
  'greenwich mean time : dublin, edinburgh, lisbon, london':
    'GMT Standard Time',
  'monrovia, reykjavik': 'Greenwich Standard Time',
  'amsterdam, berlin, bern, rome, stockholm, vienna': 'W. Europe Standard Time',
  'belgrade, bratislava, budapest, ljubljana, prague':
    'Central Europe Standard Time',
  'brussels, copenhagen, madrid, paris': 'Romance Standard Time',
  'sarajevo, skopje, warsaw, zagreb': 'Central European Standard Time',
  'west central africa': 'W. Central Africa Standard Time',
  'athens, bucharest': 'GTB Standard Time',
  'helsinki, kyiv, riga, sofia, tallinn, vilnius': 'FLE Standard Time',
  'helsinki, kiev, riga, sofia, tallinn, vilnius': 'FLE Standard Time',
  jerusalem: 'Israel Standard Time',
  'harare, pretoria': 'South Africa Standard Time',
  cairo: 'Egypt Standard Time',
  chisinau: 'E. Europe Standard Time',
  istanbul: 'Turkey Standard Time',
  'kuwait, riyadh': 'Arab Standard Time',
  'moscow, st. petersburg': 'Russian Standard Time',
  'moscow, st. petersburg, volgograd': 'Russian Standard Time',
  nairobi: 'E. Africa Standard Time',
  tehran: 'Iran Standard Time',
  'abu dhabi, muscat': 'Arabian Standard Time',
  kabul: 'Afghanistan Standard Time',
  'islamabad, karachi': 'Pakistan Standard Time',
  'chennai, kolkata, mumbai, new delhi': 'India Standard Time',
  kathmandu: 'Nepal Standard Time',
  dhaka: 'Bangladesh Standard Time',
  'bangkok, hanoi, jakarta': 'SE Asia Standard Time',
  'beijing, chongqing, hong kong, urumqi': 'China Standard Time',
  'kuala lumpur, singapore': 'Singapore Standard Time',
  taipei: 'Taipei Standard Time',
  perth: 'W. Australia Standard Time',
  'osaka, sapporo, tokyo': 'Tokyo Standard Time',
  seoul: 'Korea Standard Time',
  adelaide: 'Cen. Australia Standard Time',
  darwin: 'AUS Central Standard Time',
  brisbane: 'E. Australia Standard Time',
  'canberra, melbourne, sydney': 'AUS Eastern Standard Time',
  hobart: 'Tasmania Standard Time',
  'auckland, wellington': 'New Zealand Standard Time',
}

const WINDOWS_IDS: ReadonlyMap<string, string> = new Map(
  Object.entries(WINDOWS_ZONES).map(([id, zone]) => [id.toLowerCase(), zone]),
)

/** Trailing `...` or `…` of a display name cut short by a narrow field. */
const ELLIPSIS = /\s*(?:\.\.\.|…)$/

function normalizeName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase()
}

/** Finds the IANA zone of a Windows zone id, in any letter case. */
export function windowsIdZone(id: string): string | undefined {
  return WINDOWS_IDS.get(normalizeName(id))
}

/**
 * Finds the IANA zone of a display name without its offset prefix. A name
 * cut short with `...` matches when exactly one zone's name starts with
 * the rest.
 */
export function displayNameZone(name: string): string | undefined {
  const normalized = normalizeName(name)
  const exact = DISPLAY_NAME_ZONES[normalized]
  if (exact !== undefined) return WINDOWS_ZONES[exact]
  if (!ELLIPSIS.test(normalized)) return undefined
  const start = normalized.replace(ELLIPSIS, '').replace(/[\s,]+$/, '')
  if (start === '') return undefined
  const ids = new Set(
    Object.entries(DISPLAY_NAME_ZONES)
      .filter(([display]) => display.startsWith(start))
      .map(([, id]) => id),
  )
  const [only] = ids
  return ids.size === 1 && only !== undefined ? WINDOWS_ZONES[only] : undefined
}
