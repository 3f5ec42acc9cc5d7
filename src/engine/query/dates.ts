// Date bounds for `before:` and `after:`: validating what was typed and turning a strict "before" into
// the inclusive upper bound the search request takes.

const DATE_PATTERN = /^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?$/u

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

const pad = (value: number, width: number): string => String(value).padStart(width, '0')

/**
 * A typed date as an ISO partial date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`), or null when it is not a real
 * date: "2019" → "2019", "2020-1-5" and "2020/01/05" → "2020-01-05"; "2019-13", "2019-02-30", "0000",
 * "soon" → null.
 */
export function parseDateBound(value: string): string | null {
  const match = DATE_PATTERN.exec(value.trim())
  if (!match) return null
  const year = Number(match[1])
  if (year < 1) return null
  if (match[2] === undefined) return pad(year, 4)
  const month = Number(match[2])
  if (month < 1 || month > 12) return null
  if (match[3] === undefined) return `${pad(year, 4)}-${pad(month, 2)}`
  const day = Number(match[3])
  if (day < 1 || day > daysInMonth(year, month)) return null
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`
}

/**
 * The period just before an ISO partial date, at the same precision: the inclusive upper bound for a
 * strict `before:` ("2020" → "2019", "2020-01" → "2019-12", "2020-03-01" → "2020-02-29").
 */
export function previousPeriod(iso: string): string {
  const [year, month, day] = iso.split('-').map(Number) as [number, number?, number?]
  if (month === undefined) return pad(year - 1, 4)
  if (day === undefined) return month === 1 ? `${pad(year - 1, 4)}-12` : `${pad(year, 4)}-${pad(month - 1, 2)}`
  const previous = new Date(Date.UTC(year, month - 1, day - 1))
  // Date.UTC maps years 0-99 onto 1900-1999; setUTCFullYear puts them back.
  previous.setUTCFullYear(day === 1 && month === 1 ? year - 1 : year)
  return `${pad(previous.getUTCFullYear(), 4)}-${pad(previous.getUTCMonth() + 1, 2)}-${pad(previous.getUTCDate(), 2)}`
}
