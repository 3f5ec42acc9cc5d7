// The home page without a query: an overview of the collection, each figure a link into a search. It fills the
// same `#search-page` region as the results, so typing in the search box swaps results in its place.
import type { FacetValueView } from '../src/server/search-view-model.ts'
import type { OverviewSection, OverviewView } from '../src/server/overview-view-model.ts'
import { DateLabel } from './date-label.tsx'
import { MetaSeparator } from './doc-meta.tsx'

/** Links into a search swap the results in and start them at the top of the window. */
const INTO_SEARCH = { 'hx-boost': 'true', 'hx-target': '#search-page', 'hx-push-url': 'true', 'hx-swap': 'innerHTML show:window:top' } as const
import { TimelineChart } from './timeline.tsx'

function ValueLink(props: { value: FacetValueView }) {
  const { value } = props
  return (
    <li>
      <a href={value.href} class="overview-value">
        <span class="overview-label" title={value.label}>
          {value.label}
        </span> <span class="overview-count">{value.count.toLocaleString('en-US')}</span>
      </a>
      {value.children && value.children.length > 0 ? (
        <ul class="overview-children" aria-label={`Within ${value.label}`}>
          {value.children.map((child) => (
            <ValueLink value={child} />
          ))}
        </ul>
      ) : (
        ''
      )}
    </li>
  )
}

function Section(props: { section: OverviewSection }) {
  const { section } = props
  const titleId = `overview-${section.name}-title`
  return (
    <section class="overview-section" aria-labelledby={titleId}>
      <h2 id={titleId}>{section.title}</h2>
      <ul class="overview-values">
        {section.values.map((value) => (
          <ValueLink value={value} />
        ))}
      </ul>
      {section.moreHref ? (
        <a class="facet-more" href={section.moreHref}>
          {section.moreLabel}
        </a>
      ) : (
        ''
      )}
    </section>
  )
}

export function Overview(props: { view: OverviewView }) {
  const { view } = props
  return (
    <div class="overview" {...INTO_SEARCH}>
      <header class="overview-intro">
        <h1 id="results-title" tabindex={-1}>
          The collection
        </h1>
        <p class="overview-summary">
          {view.summary}
          {view.span ? `, dated ${view.span}` : ''}.{' '}
          <a href={view.browseHref}>Browse every passage, newest first</a>
        </p>
      </header>
      {view.timeline ? <TimelineChart timeline={view.timeline} title="Passages over time" id="overview-timeline" /> : ''}
      <div class="overview-grid">
        {view.sections.map((section) => (
          <Section section={section} />
        ))}
      </div>
      {view.latest.length > 0 ? (
        <section class="overview-latest" aria-labelledby="overview-latest-title">
          <h2 id="overview-latest-title">Latest articles</h2>
          <ul>
            {view.latest.map((article) => (
              <li>
                <a class="overview-article" href={article.href} hx-boost="false">
                  {article.title}
                </a>
                <span class="result-meta">
                  {' '}
                  <a href={article.sourceHref}>{article.source}</a>
                  <MetaSeparator />
                  <DateLabel date={article.date} />
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : (
        ''
      )}
    </div>
  )
}
