// The facet sidebar: Source, Topic, People (with a filter box over every person) and Date (years, months,
// a from/to range). Every value is a plain link built on the server; htmx only swaps the results in.
import type { FacetValueView, FacetView, SearchPageView } from '../src/server/search-view-model.ts'
import type { Child } from 'hono/jsx'

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
    <li class={`facet-value is-${state}`}>
      <a id={value.elementId} class="facet-link" href={value.href} aria-current={value.selected ? 'true' : undefined} title={`${action} ${props.facetTitle}: ${value.label}`}>
        <span class="facet-check" aria-hidden="true"></span>
        <span class="facet-label">{value.label}</span>
        <span class="facet-count">{value.count.toLocaleString('en-US')}</span>
        {value.selected ? <span class="visually-hidden"> (selected)</span> : value.excluded ? <span class="visually-hidden"> (excluded)</span> : ''}
      </a>
      {value.excludeHref ? (
        <a class="facet-exclude" href={value.excludeHref} title={`Exclude ${props.facetTitle}: ${value.label}`} aria-label={`Exclude ${value.label}`}>
          <span aria-hidden="true">−</span>
        </a>
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
        <p class="facet-empty">None</p>
      ) : (
        <ul class="facet-values" aria-labelledby={props.labelledBy}>
          {facet.values.map((value) => (
            <FacetValueItem value={value} facetTitle={facet.title} />
          ))}
        </ul>
      )}
      {facet.moreHref ? (
        <a class="facet-more" href={facet.moreHref}>
          Show more {facet.title.toLowerCase()}
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

function PersonFilter(props: { filter: SearchPageView['personFilter'] }) {
  const { filter } = props
  return (
    <>
      <form
        class="person-filter"
        action={filter.action}
        method="get"
        hx-get={filter.action}
        hx-trigger="submit, input changed delay:250ms"
        hx-target="#person-matches"
        hx-select="#person-matches"
        hx-swap="outerHTML"
        hx-push-url="true"
        hx-sync="this:replace"
      >
        <HiddenFields pairs={filter.hidden} />
        <label for="person-contains">Find a person</label>
        <div class="inline-field">
          <input type="search" id="person-contains" name="person_contains" value={filter.contains} autocomplete="off" placeholder="Name" />
          <button type="submit">Find</button>
        </div>
      </form>
      <div id="person-matches" aria-live="polite">
        {filter.matches === undefined ? (
          ''
        ) : filter.matches.length === 0 ? (
          <p class="facet-empty">No one in the collection matches “{filter.contains}”.</p>
        ) : (
          <>
            <p class="facet-note">
              In the whole collection, matching “{filter.contains}”:
            </p>
            <ul class="facet-values">
              {filter.matches.map((value) => (
                <FacetValueItem value={value} facetTitle="People" />
              ))}
            </ul>
          </>
        )}
      </div>
    </>
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

function FacetSection(props: { facet: FacetView; children?: Child }) {
  const titleId = `facet-${props.facet.name}-title`
  return (
    <section class="facet" aria-labelledby={titleId}>
      <h2 id={titleId}>{props.facet.title}</h2>
      {props.children}
      <FacetValueList facet={props.facet} labelledBy={titleId} />
    </section>
  )
}

export function FacetSidebar(props: { view: SearchPageView }) {
  const { view } = props
  const byName = new Map(view.facets.map((facet) => [facet.name, facet]))
  const year = byName.get('year')
  const month = byName.get('month')
  const activeCount = view.chips.filter((chip) => chip.removeHref !== undefined).length
  return (
    <details class="filters" id="filters" open>
      <summary>
        Filters{activeCount > 0 ? <span class="badge">{activeCount}</span> : ''}
      </summary>
      <nav class="facets" aria-label="Filters" hx-boost="true" hx-target="#search-page" hx-push-url="true">
        {(['source', 'topic'] as const).map((name) => {
          const facet = byName.get(name)
          return facet ? <FacetSection facet={facet} /> : ''
        })}
        {byName.get('person') ? (
          <FacetSection facet={byName.get('person')!}>
            <PersonFilter filter={view.personFilter} />
          </FacetSection>
        ) : (
          ''
        )}
        <section class="facet" aria-labelledby="facet-date-title">
          <h2 id="facet-date-title">Date</h2>
          {year ? <FacetValueList facet={year} labelledBy="facet-date-title" /> : ''}
          {month ? (
            <div class="facet-months">
              <h3 id="facet-month-title">Months</h3>
              <FacetValueList facet={month} labelledBy="facet-month-title" />
            </div>
          ) : (
            ''
          )}
          <DateRangeForm filter={view.dateFilter} />
        </section>
      </nav>
    </details>
  )
}
