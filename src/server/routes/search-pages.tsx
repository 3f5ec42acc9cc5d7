// The search page `/` and the person page `/people/:name`: one search over the URL's state, rendered as a full
// page, or as the fragment htmx swaps in (always with `Vary: HX-Request`). `/` without a query or filters is
// the collection's overview. The pages read the word being typed as a prefix and ask for the timeline.
import { Hono } from 'hono'
import type { Context } from 'hono'
import type { SearchEngine } from '../../engine/engine.ts'
import { ClippingsError } from '../../errors.ts'
import type { FacetValue, SearchRequest } from '../../model.ts'
import { EXPANDED_FACET_SIZE, parsePageOptions, parseSearchParams, type PageOptions } from '../params.ts'
import { buildSearchPageView, pageStateParams, requestsWithoutEachFilter } from '../search-view-model.ts'
import { buildOverviewView, OVERVIEW_REQUEST } from '../overview-view-model.ts'
import { buildPersonExtras, personPath } from '../page-views.ts'
import { htmlFragment, htmlPage, wantsFragment } from '../render.ts'
import { topicParentLoader, type TopicLabels } from '../topic-labels.ts'
import { searchStatePairs } from '../url-state.ts'
import { OverviewFragment, OverviewPage, SearchFragment, SearchPage } from '../../../views/search-page.tsx'
import { PersonIntro } from '../../../views/person-page.tsx'

/** How many values a facet's search box lists. */
const FACET_MATCHES = 50

async function facetMatches(engine: SearchEngine, options: PageOptions, request: SearchRequest): Promise<{ values: FacetValue[]; truncated: boolean } | undefined> {
  const search = options.facetSearch
  if (!search) return undefined
  return engine.facetValues(search.facet, { contains: search.contains, limit: FACET_MATCHES, within: { ...request, page: undefined, size: undefined } })
}

/** On an empty page: how many passages the search finds without each of its filters in turn. */
async function loosenTotals(engine: SearchEngine, request: SearchRequest, hiddenFacets: readonly string[]): Promise<Map<string, number>> {
  const totals = new Map<string, number>()
  const variants = requestsWithoutEachFilter(request, engine.facets(), hiddenFacets)
  const answers = await Promise.all(variants.map((variant) => engine.search(variant.request)))
  variants.forEach((variant, index) => totals.set(variant.key, answers[index]!.total))
  return totals
}

/** The people named in the same passages as `name`, most often first (the person facet is disjunctive, so
 *  it cannot say this: it ignores the person filter by design). */
async function coMentions(engine: SearchEngine, name: string): Promise<FacetValue[]> {
  const counts = await engine.countValues('person', { filters: { person: [name] } }, { limit: 11 })
  return counts.filter((value) => value.value !== name)
}

export function searchPageRoutes(engine: SearchEngine, topicLabels: TopicLabels): Hono {
  const routes = new Hono()
  const topicParents = topicParentLoader(engine)

  async function overview(c: Context) {
    const registry = engine.facets()
    const [stats, response, labels, parents] = await Promise.all([engine.stats(), engine.search(OVERVIEW_REQUEST), topicLabels(), topicParents()])
    const view = buildOverviewView({ stats, response, registry, topicLabels: labels, topicParents: parents })
    if (wantsFragment(c)) return htmlFragment(c, <OverviewFragment view={view} />)
    return htmlPage(c, <OverviewPage view={view} />)
  }

  async function respond(c: Context, params: URLSearchParams, page: { basePath: string; person?: string }) {
    c.header('Vary', 'HX-Request')
    const registry = engine.facets()
    const request: SearchRequest = parseSearchParams(params, registry, { prefix: 'last' })
    request.timeline = true
    const options = parsePageOptions(params, registry)
    if (!page.person && searchStatePairs(params, pageStateParams(registry)).length === 0) return overview(c)
    if (options.expanded.length > 0) request.facetSize = EXPANDED_FACET_SIZE
    if (page.person) {
      // The person is fixed by the path; a `person` parameter here would widen the search (OR), so it is ignored.
      request.filters = { ...request.filters, person: [page.person] }
      if (request.exclude?.person) request.exclude = { ...request.exclude, person: undefined }
    }
    const hiddenFacets = page.person ? ['person'] : []
    const [response, labels, parents, matches] = await Promise.all([engine.search(request), topicLabels(), topicParents(), facetMatches(engine, options, request)])
    const shown: SearchRequest = page.person ? { ...request, filters: { ...request.filters, person: undefined } } : request
    // A search stopped before it found anything says so; counting it again without each filter would not help.
    const totals = response.total === 0 && !response.partial ? await loosenTotals(engine, request, hiddenFacets) : undefined
    const view = buildSearchPageView({
      basePath: page.basePath,
      params: page.person ? withoutPerson(params) : params,
      request: shown,
      options,
      response,
      registry,
      topicLabels: labels,
      topicParents: parents,
      facetMatches: matches,
      loosenTotals: totals,
      hiddenFacets,
      fixedPairs: page.person ? [['person', page.person]] : undefined,
      personHref: page.person ? personPath : undefined,
    })
    let intro
    let title
    if (page.person) {
      const extras = buildPersonExtras(page.person, await coMentions(engine, page.person), response.facets.source?.values ?? [])
      const searching = view.query !== '' || view.chips.length > 0
      intro = <PersonIntro extras={extras} total={response.total} searching={searching} />
      title = `${page.person}${view.query ? ` – ${view.query}` : ''} – Clippings`
    }
    if (wantsFragment(c)) return htmlFragment(c, <SearchFragment view={view} intro={intro} title={title} />)
    return htmlPage(c, <SearchPage view={view} intro={intro} title={title} />)
  }

  routes.get('/', (c) => respond(c, new URL(c.req.url).searchParams, { basePath: '/' }))

  routes.get('/people/:name', async (c) => {
    const name = c.req.param('name')
    const known = await engine.countValues('person', { filters: { person: [name] } })
    if (!known.some((value) => value.value === name)) {
      throw new ClippingsError('not-found', `No one called “${name}” is named in this collection.`)
    }
    return respond(c, new URL(c.req.url).searchParams, { basePath: personPath(name), person: name })
  })

  return routes
}

function withoutPerson(params: URLSearchParams): URLSearchParams {
  return new URLSearchParams([...params].filter(([name]) => name !== 'person' && name !== 'exclude_person'))
}
