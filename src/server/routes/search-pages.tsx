// The search page `/` and the person page `/people/:name`: one search over the URL's state, rendered as a full
// page, or as the fragment htmx swaps in (always with `Vary: HX-Request`).
import { Hono } from 'hono'
import type { Context } from 'hono'
import type { SearchEngine } from '../../engine/engine.ts'
import { ClippingsError } from '../../errors.ts'
import type { FacetValue, SearchRequest } from '../../model.ts'
import { EXPANDED_FACET_SIZE, parsePageOptions, parseSearchParams } from '../params.ts'
import { buildSearchPageView } from '../search-view-model.ts'
import { buildPersonExtras, personPath } from '../page-views.ts'
import { htmlFragment, htmlPage, wantsFragment } from '../render.ts'
import type { TopicLabels } from '../topic-labels.ts'
import { SearchFragment, SearchPage } from '../../../views/search-page.tsx'
import { PersonIntro } from '../../../views/person-page.tsx'

async function personMatches(engine: SearchEngine, contains: string | undefined): Promise<FacetValue[] | undefined> {
  if (contains === undefined) return undefined
  return (await engine.facetValues('person', { contains, limit: 50 })).values
}

/** The people named in the same passages as `name`, most often first (the person facet is disjunctive, so
 *  it cannot say this: it ignores the person filter by design). */
async function coMentions(engine: SearchEngine, name: string): Promise<FacetValue[]> {
  const counts = await engine.countValues('person', { filters: { person: [name] } }, { limit: 11 })
  return counts.filter((value) => value.value !== name)
}

export function searchPageRoutes(engine: SearchEngine, topicLabels: TopicLabels): Hono {
  const routes = new Hono()

  async function respond(c: Context, params: URLSearchParams, page: { basePath: string; person?: string }) {
    c.header('Vary', 'HX-Request')
    const request: SearchRequest = parseSearchParams(params)
    const options = parsePageOptions(params)
    if (options.expanded.length > 0) request.facetSize = EXPANDED_FACET_SIZE
    if (page.person) {
      // The person is fixed by the path; a `person` parameter here would widen the search (OR), so it is ignored.
      request.filters = { ...request.filters, person: [page.person] }
      if (request.exclude?.person) request.exclude = { ...request.exclude, person: undefined }
    }
    const [response, labels, matches] = await Promise.all([
      engine.search(request),
      topicLabels(),
      page.person ? Promise.resolve(undefined) : personMatches(engine, options.personContains),
    ])
    const view = buildSearchPageView({
      basePath: page.basePath,
      params: page.person ? withoutPerson(params) : params,
      request: page.person ? { ...request, filters: { ...request.filters, person: undefined } } : request,
      options,
      response,
      topicLabels: labels,
      personMatches: matches,
      hiddenFacets: page.person ? ['person'] : undefined,
      fixedPairs: page.person ? [['person', page.person]] : undefined,
      personHref: page.person ? personPath : undefined,
    })
    let intro
    let title
    if (page.person) {
      const extras = buildPersonExtras(page.person, await coMentions(engine, page.person), response.facets.source?.values ?? [])
      intro = <PersonIntro extras={extras} total={response.total} />
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
