// The meta line under a title, shared by results, articles and passages: the source (with a link to the
// original when it is a safe URL), the date, then whichever optional items are known, a "·" between each.
import type { Child } from 'hono/jsx'
import type { PartialDate } from '../src/model.ts'
import { DateLabel } from './date-label.tsx'

/** The dot between meta items: decoration, so hidden from screen readers. */
export function MetaSeparator() {
  return (
    <span class="sep" aria-hidden="true">
      ·
    </span>
  )
}

export interface DocMetaProps {
  /** The line's class: `doc-meta` on article and passage pages, `result-meta` in results. */
  class: string
  /** The source, already a link to its filtered search. */
  source: Child
  /** The article's own address, shown as "(original)" after the source; only ever an http(s) URL. */
  externalUrl?: string
  date?: PartialDate
  /** Items after the date (author, place, section); an undefined item is left out with its separator. */
  items?: Array<Child | undefined>
}

export function DocMeta(props: DocMetaProps) {
  const items = (props.items ?? []).filter((item) => item !== undefined)
  return (
    <p class={props.class}>
      {props.source}
      {props.externalUrl ? (
        <>
          {' '}
          (
          <a href={props.externalUrl} rel="noopener noreferrer nofollow" class="external">
            original
          </a>
          )
        </>
      ) : (
        ''
      )}
      <MetaSeparator />
      <DateLabel date={props.date} />
      {items.map((item) => (
        <>
          <MetaSeparator />
          {item}
        </>
      ))}
    </p>
  )
}
