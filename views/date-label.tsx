// A publication date as far as it is known, in a <time> element: "28 Oct 2025", "Oct 2025" or "2025".
import type { PartialDate } from '../src/model.ts'

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

export function formatPartialDate(date: PartialDate): string {
  const [year, month, day] = date.iso.split('-')
  const monthName = month ? MONTHS[Number(month) - 1] : undefined
  if (date.precision === 'day' && day && monthName) return `${Number(day)} ${monthName} ${year}`
  if ((date.precision === 'day' || date.precision === 'month') && monthName) return `${monthName} ${year}`
  return year ?? date.iso
}

export function DateLabel(props: { date?: PartialDate }) {
  if (!props.date) return <span class="undated">Undated</span>
  return <time datetime={props.date.iso}>{formatPartialDate(props.date)}</time>
}
