// A search's timeline: how many matching passages fall in each year, month or day, the unit chosen by the
// span of their dates so a chart has tens of bars, not one or thousands. A passage counts in the period of
// the first day its date may mean (a date known only to the year counts in that year's January, or its
// 1 January by days).
import type { Timeline } from '../model.ts'

/** Spans (in days) above which months, then years, are the unit. */
const MONTHS_ABOVE_DAYS = 62
const YEARS_ABOVE_DAYS = 3653

function daysOf(packed: number): number {
  const year = Math.floor(packed / 10000)
  const month = Math.floor(packed / 100) % 100
  const day = packed % 100
  return Date.UTC(year, month - 1, day) / 86_400_000
}

const pad = (value: number, width: number) => String(value).padStart(width, '0')

/** The timeline of dates given packed as yyyymmdd (-1 for undated), from a counting pass over the matches. */
export function timelineOf(starts: ArrayLike<number>, count = starts.length): Timeline {
  let undated = 0
  let first = Number.POSITIVE_INFINITY
  let last = Number.NEGATIVE_INFINITY
  for (let i = 0; i < count; i++) {
    const start = starts[i]
    if (start < 0) {
      undated++
      continue
    }
    if (start < first) first = start
    if (start > last) last = start
  }
  if (first === Number.POSITIVE_INFINITY) return { unit: 'year', buckets: [], undated }
  const span = daysOf(last) - daysOf(first)
  const unit: Timeline['unit'] = span > YEARS_ABOVE_DAYS ? 'year' : span > MONTHS_ABOVE_DAYS ? 'month' : 'day'
  const keyOf = (packed: number) => (unit === 'year' ? Math.floor(packed / 10000) : unit === 'month' ? Math.floor(packed / 100) : packed)
  const counts = new Map<number, number>()
  for (let i = 0; i < count; i++) {
    const start = starts[i]
    if (start < 0) continue
    const key = keyOf(start)
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  const buckets: Timeline['buckets'] = []
  for (let key = keyOf(first); key <= keyOf(last); key = nextKey(key, unit)) {
    buckets.push({ period: periodOf(key, unit), count: counts.get(key) ?? 0 })
  }
  return { unit, buckets, undated }
}

function nextKey(key: number, unit: Timeline['unit']): number {
  if (unit === 'year') return key + 1
  if (unit === 'month') return key % 100 === 12 ? (Math.floor(key / 100) + 1) * 100 + 1 : key + 1
  const next = new Date((daysOf(key) + 1) * 86_400_000)
  return next.getUTCFullYear() * 10000 + (next.getUTCMonth() + 1) * 100 + next.getUTCDate()
}

function periodOf(key: number, unit: Timeline['unit']): string {
  if (unit === 'year') return pad(key, 4)
  if (unit === 'month') return `${pad(Math.floor(key / 100), 4)}-${pad(key % 100, 2)}`
  return `${pad(Math.floor(key / 10000), 4)}-${pad(Math.floor(key / 100) % 100, 2)}-${pad(key % 100, 2)}`
}
