// A search's timeline as the page shows it: one bar per year, month or day with its count, a link that narrows
// the search to that period, and a sentence that says the same for readers who cannot see the chart.
import { UNDATED, type FacetRegistry } from '../facets/registry.ts'
import type { SearchRequest, Timeline } from '../model.ts'
import { monthLabel } from '../text/dates.ts'
import { facetOnlyHref, pathWithChangedArgs } from './url-state.ts'

export interface TimelineBarView {
  /** `1987`, `1987-03` or `1987-03-02`. */
  period: string
  /** "1987", "March 1987", "2 March 1987". */
  label: string
  /** The axis's label under this bar, "" for none (see `axisTicks`). */
  tick: string
  count: number
  /** The search narrowed to this period. */
  href: string
  /** The search is already narrowed to exactly this period. */
  current: boolean
}

export interface TimelineView {
  unit: Timeline['unit']
  bars: TimelineBarView[]
  /** The largest bar's count (the chart's scale). */
  max: number
  /** The chart in words: its span, its peak and the undated passages. */
  summary: string
  /** Matching passages without a date, with a link to them. */
  undated?: { count: number; href: string }
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/** A period written as people read it: "1987", "March 1987", "2 March 1987". */
export function periodLabel(period: string): string {
  const [year, month, day] = period.split('-')
  if (day !== undefined && month !== undefined) return `${Number(day)} ${MONTHS[Number(month) - 1] ?? month} ${year}`
  if (month !== undefined) return monthLabel(period)
  return period
}

const SHORT_MONTHS = MONTHS.map((name) => name.slice(0, 3))

/** About this many labels fit under a chart on a phone. */
const MAX_TICKS = 12

/**
 * The axis's labels, one per bar ("" for none), short enough to fit under a bar on a phone, the larger unit
 * named where it changes: years as they are; months as "Mar", a January as its year ("1988"), and only the
 * Januaries when there are more than two years of them; days as "2", a 1st as its month ("Apr"), and only
 * the 1sts when there are more than a month of them. The summary above the chart names the whole span.
 */
export function axisTicks(unit: Timeline['unit'], periods: readonly string[]): string[] {
  const every = Math.max(1, Math.ceil(periods.length / MAX_TICKS))
  return periods.map((period, index) => {
    const [year, month, day] = period.split('-')
    const first = index === 0
    if (unit === 'year') return index % every === 0 ? period : ''
    if (unit === 'month') {
      const january = month === '01'
      // The first bar names its year unless the next January is too close for both labels.
      if (periods.length > 24) return january || (first && Number(month) <= 9) ? year! : ''
      return index % every === 0 || january ? (january ? year! : SHORT_MONTHS[Number(month) - 1]!) : ''
    }
    const firstOfMonth = day === '01'
    if (periods.length > 31) return firstOfMonth || (first && Number(day) <= 25) ? SHORT_MONTHS[Number(month) - 1]! : ''
    return index % every === 0 || firstOfMonth ? (firstOfMonth ? SHORT_MONTHS[Number(month) - 1]! : String(Number(day))) : ''
  })
}

function count(value: number, one: string, many: string): string {
  return `${value.toLocaleString('en-US')} ${value === 1 ? one : many}`
}

/**
 * Links narrow to a period the way the sidebar would: a year bar selects that year, a month bar that month
 * (both through their facets, so the chip says "Year: 1987"), a day bar sets the date range to that day.
 */
function barHref(unit: Timeline['unit'], period: string, path: string, current: URLSearchParams, registry: FacetRegistry): string {
  const facet = unit === 'year' ? registry.get('year') : unit === 'month' ? registry.get('month') : undefined
  if (facet) return facetOnlyHref(path, current, facet, period)
  return pathWithChangedArgs(path, current, { add: [['from', period], ['to', period]], remove: ['from', 'to', 'page'] })
}

function isCurrent(unit: Timeline['unit'], period: string, request: SearchRequest): boolean {
  if (unit === 'year') return request.filters?.year?.length === 1 && request.filters.year[0] === period
  if (unit === 'month') return request.filters?.month?.length === 1 && request.filters.month[0] === period
  return request.from === period && request.to === period
}

export function buildTimelineView(input: {
  timeline: Timeline
  request: SearchRequest
  path: string
  current: URLSearchParams
  registry: FacetRegistry
  /** What the bars count ("passage", "article"). */
  noun?: [one: string, many: string]
}): TimelineView | undefined {
  const { timeline, path, current, registry } = input
  const [one, many] = input.noun ?? ['passage', 'passages']
  if (timeline.buckets.length === 0 && timeline.undated === 0) return undefined
  const ticks = axisTicks(timeline.unit, timeline.buckets.map((bucket) => bucket.period))
  const bars = timeline.buckets.map((bucket, index) => ({
    period: bucket.period,
    label: periodLabel(bucket.period),
    tick: ticks[index]!,
    count: bucket.count,
    href: barHref(timeline.unit, bucket.period, path, current, registry),
    current: isCurrent(timeline.unit, bucket.period, input.request),
  }))
  const max = bars.reduce((best, bar) => Math.max(best, bar.count), 0)
  const dated = bars.reduce((sum, bar) => sum + bar.count, 0)
  const sentences: string[] = []
  if (bars.length > 0) {
    const first = bars[0]!
    const last = bars.at(-1)!
    const peak = bars.reduce((best, bar) => (bar.count > best.count ? bar : best), first)
    const span = first === last ? `${timeline.unit === 'day' ? 'on' : 'in'} ${first.label}` : `from ${first.label} to ${last.label}`
    sentences.push(`${count(dated, `${one} dated`, `${many} dated`)} ${span}, by ${timeline.unit}.`)
    if (first !== last) sentences.push(`Most ${timeline.unit === 'day' ? 'on' : 'in'} ${peak.label} (${peak.count.toLocaleString('en-US')}).`)
  }
  if (timeline.undated > 0) sentences.push(`${count(timeline.undated, `${one} has`, `${many} have`)} no date.`)
  const year = registry.get('year')
  return {
    unit: timeline.unit,
    bars,
    max,
    summary: sentences.join(' '),
    undated: timeline.undated > 0 && year ? { count: timeline.undated, href: facetOnlyHref(path, current, year, UNDATED) } : undefined,
  }
}
