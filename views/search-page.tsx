// The search page: the full page for a direct visit, and the fragment htmx swaps in (same components, so the
// two never drift apart), plus the out-of-band pieces that keep the form and the live region in step. Without
// a query or filters the page body is the collection's overview instead of results.
import type { Child } from 'hono/jsx'
import type { SearchPageView } from '../src/server/search-view-model.ts'
import type { OverviewView } from '../src/server/overview-view-model.ts'
import { FacetSidebar } from './facets.tsx'
import { FilterChips } from './filter-chips.tsx'
import { FeedLink, Layout } from './layout.tsx'
import { FEED_PATH } from '../src/server/feed-format.ts'

/** The home page's feed: every new passage. */
const EVERY_PASSAGE_FEED = 'Clippings: every passage'
import { Overview } from './overview.tsx'
import { Pagination } from './pagination.tsx'
import { Results } from './results.tsx'
import { SearchState } from './search-box.tsx'

/** What fills `#search-page`: the sidebar and the results column. */
export function SearchMain(props: { view: SearchPageView; intro?: Child }) {
  const { view } = props
  return (
    <>
      {props.intro ?? ''}
      <div class="search-layout">
        <FacetSidebar view={view} />
        <div class="results-column">
          <FilterChips chips={view.chips} clearAllHref={view.clearAllHref} />
          <Results view={view} />
          <Pagination pagination={view.pagination} />
        </div>
      </div>
    </>
  )
}

/** The polite live region announcing the count after each search. */
function SearchStatus(props: { text: string; oob?: boolean }) {
  return (
    <p id="search-status" class="visually-hidden" role="status" aria-live="polite" {...(props.oob ? { 'hx-swap-oob': 'innerHTML' } : {})}>
      {props.text}
    </p>
  )
}

export function SearchPage(props: { view: SearchPageView; intro?: Child; title?: string }) {
  const { view } = props
  return (
    <Layout
      title={props.title ?? view.documentTitle}
      query={view.query}
      formState={view.formState}
      formAction={view.basePath}
      autofocus
      live
      skipTarget="results"
      feedHref={view.feedHref}
      feedTitle={`Clippings: ${props.title ?? view.documentTitle}`}
    >
      <SearchStatus text={view.statusText} />
      <main id="search-page" class="page">
        <SearchMain view={view} intro={props.intro} />
      </main>
    </Layout>
  )
}

/** The htmx response: new title, the page body, and the form's hidden state and live region out of band. */
export function SearchFragment(props: { view: SearchPageView; intro?: Child; title?: string }) {
  const { view } = props
  return (
    <>
      <title>{props.title ?? view.documentTitle}</title>
      <SearchMain view={view} intro={props.intro} />
      <SearchState state={view.formState} oob />
      <SearchStatus text={view.statusText} oob />
      <FeedLink href={view.feedHref} title={`Clippings: ${props.title ?? view.documentTitle}`} oob />
    </>
  )
}

/** The home page without a query: the overview in the region results swap into. */
export function OverviewPage(props: { view: OverviewView }) {
  return (
    <Layout title="Clippings" query="" formState={[]} formAction="/" autofocus live skipTarget="results-title" feedHref={FEED_PATH} feedTitle={EVERY_PASSAGE_FEED}>
      <SearchStatus text="" />
      <main id="search-page" class="page">
        <Overview view={props.view} />
      </main>
    </Layout>
  )
}

/** The overview as an htmx fragment: the search box was emptied. */
export function OverviewFragment(props: { view: OverviewView }) {
  return (
    <>
      <title>Clippings</title>
      <Overview view={props.view} />
      <SearchState state={[]} oob />
      <SearchStatus text="The collection’s overview" oob />
      <FeedLink href={FEED_PATH} title={EVERY_PASSAGE_FEED} oob />
    </>
  )
}
