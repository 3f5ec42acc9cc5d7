// The facet sidebar: a section for every facet of the index (Source, Topic as a two-level list, People,
// Tags, the corpus's own fields, Date with years, months and a from/to range), a search box over every value
// of a long facet, and "show more". Every value is a plain link built on the server; htmx only swaps the
// results in, keeping the page where it was.
import type { FacetSearchView, FacetValueView, FacetView, SearchPageView } from '../src/server/search-view-model.ts'

/** Facet links swap the page body in place and leave the scroll position alone (app.js keeps it). */
export const FACET_LINKS = { 'hx-boost': 'true', 'hx-target': '#search-page', 'hx-push-url': 'true', 'hx-swap': 'innerHTML show:none' } as const

function HiddenFields(props: { pairs: Array<[string, string]> }) {
  return (
    <>
      {props.pairs.map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
    </>
  )
}

function FacetValueItem(props: { value: FacetValueView; facetTitle: string }) {
  const { value } = props
  const state = value.selected ? 'selected' : value.excluded ? 'excluded' : 'off'
  const action = value.selected ? 'Remove filter' : value.excluded ? 'Stop excluding' : 'Filter by'
  return (
    <li class={`facet-value is-${state}${value.children ? ' has-children' : ''}`}>
      <div class="facet-row">
        <a id={value.elementId} class="facet-link" href={value.href} aria-current={value.selected ? 'true' : undefined} title={`${action} ${props.facetTitle}: ${value.label}`}>
          <span class="facet-check" aria-hidden="true"></span>
          <span class="facet-label">{value.label}</span>
          <span class="facet-count">{value.count.toLocaleString('en-US')}</span>
          {value.selected ? <span class="visually-hidden"> (selected)</span> : value.excluded ? <span class="visually-hidden"> (excluded)</span> : ''}
        </a>
        {value.excludeHref ? (
          <a class="facet-exclude" href={value.excludeHref} title={`Exclude ${props.facetTitle}: ${value.label}`} aria-label={`Exclude ${value.label}`}>
            <span class="facet-exclude-icon" aria-hidden="true">
              −
            </span>
            <span class="facet-exclude-text" aria-hidden="true">
              Exclude
            </span>
          </a>
        ) : (
          ''
        )}
      </div>
      {value.children && value.children.length > 0 ? (
        <ul class="facet-values facet-children" aria-label={`Within ${value.label}`}>
          {value.children.map((child) => (
            <FacetValueItem value={child} facetTitle={props.facetTitle} />
          ))}
        </ul>
      ) : (
        ''
      )}
    </li>
  )
}

function FacetValueList(props: { facet: FacetView; labelledBy: string }) {
  const { facet } = props
  return (
    <>
      {facet.values.length === 0 ? (
        ''
      ) : (
        <ul class="facet-values" aria-labelledby={props.labelledBy}>
          {facet.values.map((value) => (
            <FacetValueItem value={value} facetTitle={facet.title} />
          ))}
        </ul>
      )}
      {facet.moreHref ? (
        <a class="facet-more" href={facet.moreHref}>
          {facet.moreLabel}
        </a>
      ) : (
        ''
      )}
      {facet.lessHref ? (
        <a class="facet-more" href={facet.lessHref}>
          Show fewer
        </a>
      ) : (
        ''
      )}
    </>
  )
}

/** The search box over every value of one facet; what it finds is listed apart from the top values. */
function FacetSearch(props: { facet: FacetView; search: FacetSearchView }) {
  const { facet, search } = props
  const matchesId = `facet-${facet.name}-matches`
  const inputId = `facet-${facet.name}-contains`
  return (
    <>
      <form
        class="facet-search"
        action={search.action}
        method="get"
        role="search"
        aria-label={`Search ${facet.plural}`}
        hx-get={search.action}
        hx-trigger="submit, input changed delay:250ms"
        hx-target={`#${matchesId}`}
        hx-select={`#${matchesId}`}
        hx-swap="outerHTML"
        hx-push-url="true"
        hx-sync="this:replace"
      >
        <HiddenFields pairs={search.hidden} />
        <input type="hidden" name="facet" value={facet.name} />
        <label for={inputId}>Search {facet.plural}</label>
        <div class="inline-field">
          <input type="search" id={inputId} name="contains" value={search.contains} autocomplete="off" placeholder="Name or part of it" />
          <button type="submit">Find</button>
        </div>
      </form>
      <div id={matchesId} class="facet-matches" aria-live="polite">
        {search.matches === undefined ? (
          ''
        ) : search.matches.length === 0 ? (
          <p class="facet-empty">
            No {facet.plural} matching “{search.contains}” in these results.
          </p>
        ) : (
          <>
            <h3 class="facet-subtitle" id={`${matchesId}-title`}>
              Matching “{search.contains}”
            </h3>
            <ul class="facet-values" aria-labelledby={`${matchesId}-title`}>
              {search.matches.map((value) => (
                <FacetValueItem value={value} facetTitle={facet.title} />
              ))}
            </ul>
            {search.matchesTruncated ? <p class="facet-note">More match: type more of the name.</p> : ''}
          </>
        )}
      </div>
    </>
  )
}

function FacetSection(props: { facet: FacetView }) {
  const { facet } = props
  const titleId = `facet-${facet.name}-title`
  const searching = facet.search?.matches !== undefined && facet.search.matches.length > 0
  return (
    <section class={`facet facet-${facet.name}`} aria-labelledby={titleId}>
      <h2 id={titleId}>{facet.title}</h2>
      {facet.search ? <FacetSearch facet={facet} search={facet.search} /> : ''}
      {searching && facet.values.length > 0 ? <h3 class="facet-subtitle">Most frequent</h3> : ''}
      <FacetValueList facet={facet} labelledBy={titleId} />
    </section>
  )
}

function DateRangeForm(props: { filter: SearchPageView['dateFilter'] }) {
  const { filter } = props
  // A full date fits a date picker; a year or month bound (from the URL) stays editable as text.
  const field = (name: 'from' | 'to', value: string, label: string) => {
    const full = value === '' || /^\d{4}-\d{2}-\d{2}$/.test(value)
    return (
      <label class="date-field">
        <span>{label}</span>
        {full ? (
          <input type="date" name={name} value={value} />
        ) : (
          <input type="text" name={name} value={value} pattern="\d{4}(-\d{2}(-\d{2})?)?" placeholder="YYYY-MM-DD" />
        )}
      </label>
    )
  }
  return (
    <form class="date-range" action={filter.action} method="get">
      <HiddenFields pairs={filter.hidden} />
      <fieldset>
        <legend>Date range</legend>
        {field('from', filter.from, 'From')}
        {field('to', filter.to, 'To')}
        <button type="submit">Apply dates</button>
      </fieldset>
    </form>
  )
}

/** Year and month as one Date section, with the range form. */
function DateSection(props: { year?: FacetView; month?: FacetView; filter: SearchPageView['dateFilter'] }) {
  return (
    <section class="facet facet-date" aria-labelledby="facet-date-title">
      <h2 id="facet-date-title">Date</h2>
      {props.year && props.year.values.length > 0 ? <FacetValueList facet={props.year} labelledBy="facet-date-title" /> : ''}
      {props.month && props.month.values.length > 0 ? (
        <div class="facet-months">
          <h3 id="facet-month-title">Months</h3>
          <FacetValueList facet={props.month} labelledBy="facet-month-title" />
        </div>
      ) : (
        ''
      )}
      <DateRangeForm filter={props.filter} />
    </section>
  )
}

export function FacetSidebar(props: { view: SearchPageView }) {
  const { view } = props
  const year = view.facets.find((facet) => facet.name === 'year')
  const month = view.facets.find((facet) => facet.name === 'month')
  const others = view.facets.filter((facet) => facet !== year && facet !== month)
  const activeCount = view.chips.filter((chip) => chip.removeHref !== undefined).length
  return (
    <details class="filters" id="filters" open>
      <summary>
        Filters{activeCount > 0 ? <span class="badge">{activeCount}</span> : ''}
      </summary>
      <nav class="facets" aria-label="Filters" {...FACET_LINKS}>
        {others.map((facet) => (
          <FacetSection facet={facet} />
        ))}
        <DateSection year={year} month={month} filter={view.dateFilter} />
      </nav>
    </details>
  )
}
