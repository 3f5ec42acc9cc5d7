// Page links through a result set: previous, numbered pages around the current one, next. After a page swaps
// in, the window is at the top and the focus on the results heading (app.js, `data-focus-after`), so the
// next Tab goes to the first result rather than back to "Skip to content".
import type { PaginationView } from '../src/server/search-view-model.ts'

export function Pagination(props: { pagination?: PaginationView }) {
  const p = props.pagination
  if (!p) return <></>
  return (
    <nav class="pagination" aria-label="Pages" hx-boost="true" hx-target="#search-page" hx-push-url="true" hx-swap="innerHTML show:window:top" data-focus-after="results-title">
      {p.previousHref ? (
        <a href={p.previousHref} rel="prev">
          ← Previous
        </a>
      ) : (
        <span class="disabled" aria-hidden="true">
          ← Previous
        </span>
      )}
      <ol>
        {p.pages.map((link) =>
          link === null ? (
            <li class="gap" aria-hidden="true">
              …
            </li>
          ) : (
            <li>
              <a href={link.href} aria-current={link.current ? 'page' : undefined} aria-label={`Page ${link.page}`}>
                {link.page}
              </a>
            </li>
          ),
        )}
      </ol>
      {p.nextHref ? (
        <a href={p.nextHref} rel="next">
          Next →
        </a>
      ) : (
        <span class="disabled" aria-hidden="true">
          Next →
        </span>
      )}
    </nav>
  )
}
