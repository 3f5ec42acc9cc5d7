// Reads a date that stands alone (a signature block's "28 October 2025", a "Published: Oct. 3, 2024"
// line, a dateline's "March 3, 2024") into a PartialDate. Only whole strings are read, never dates found
// inside sentences: a body's mention of "April 2019" says nothing about when the article appeared.
import type { PartialDate } from '../../model.ts'

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11,
  november: 11, dec: 12, december: 12,
}
const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?'
const WEEKDAY = '(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\\.?,?\\s+)?'
// A time, zone or "|" tail after the date: "28 October 2025, 14:30 GMT", "Oct 3, 2024 | 9:15 am".
const TAIL = '(?:\\s*(?:[,|•·–—-]|at)?\\s*\\d{1,2}[:.]\\d{2}(?:\\s*[ap]\\.?m\\.?)?(?:\\s*[A-Z]{2,5}|\\s*(?:UTC|GMT)[+-]?\\d*)?)?'

function pad(value: number): string {
  return String(value).padStart(2, '0')
}

function dayDate(year: number, month: number, day: number): PartialDate | undefined {
  if (year < 1800 || year > 2200 || month < 1 || month > 12 || day < 1) return undefined
  const date = new Date(Date.UTC(year, month - 1, day))
  if (date.getUTCMonth() !== month - 1) return undefined
  return { iso: `${year}-${pad(month)}-${pad(day)}`, precision: 'day' }
}

const monthNumber = (name: string) => MONTHS[name.toLowerCase().replace(/\.$/, '')]

/**
 * Parses a string that is only a date: "28 October 2025", "October 28, 2025", "Oct. 28 2025",
 * "Tuesday, 28 October 2025", "2025-10-28", "28.10.2025", "October 2025" (month), and a bare year only
 * when `allowYear` is set. Returns undefined for anything else, or for a date without a year.
 */
export function parseDate(text: string, options: { allowYear?: boolean } = {}): PartialDate | undefined {
  const line = text.trim().replace(/\s+/g, ' ').replace(/[.,]$/, '')
  let match: RegExpExecArray | null
  if ((match = new RegExp(`^${WEEKDAY}(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH},?\\s+(\\d{4})${TAIL}$`, 'iu').exec(line)))
    return dayDate(Number(match[3]), monthNumber(match[2]!)!, Number(match[1]))
  if ((match = new RegExp(`^${WEEKDAY}${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})${TAIL}$`, 'iu').exec(line)))
    return dayDate(Number(match[3]), monthNumber(match[1]!)!, Number(match[2]))
  if ((match = new RegExp(`^(\\d{4})-(\\d{2})-(\\d{2})(?:[T ]\\d{2}:\\d{2}(?::\\d{2})?(?:\\.\\d+)?(?:Z|[+-]\\d{2}:?\\d{2})?)?${TAIL}$`, 'u').exec(line)))
    return dayDate(Number(match[1]), Number(match[2]), Number(match[3]))
  // Day first with dots, as most of the world writes it: 28.10.2025 (slashes are ambiguous, so skipped).
  if ((match = new RegExp(`^${WEEKDAY}(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})${TAIL}$`, 'iu').exec(line)))
    return dayDate(Number(match[3]), Number(match[2]), Number(match[1]))
  if ((match = new RegExp(`^${MONTH},?\\s+(\\d{4})$`, 'iu').exec(line))) {
    const year = Number(match[2])
    if (year >= 1800 && year <= 2200) return { iso: `${year}-${pad(monthNumber(match[1]!)!)}`, precision: 'month' }
  }
  if (options.allowYear && (match = /^(\d{4})$/u.exec(line))) {
    const year = Number(match[1])
    if (year >= 1800 && year <= 2200) return { iso: String(year), precision: 'year' }
  }
  return undefined
}
