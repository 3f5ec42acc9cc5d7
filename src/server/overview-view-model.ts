// The home page without a query: what the collection holds (articles, passages, sources, the span of its dates
// as a timeline, the leading topics, people, tags and the corpus's own fields, the latest articles), each a
// link into a search.
import type { IndexStats, SearchRequest, SearchResponse } from '../model.ts'
import type { FacetRegistry } from '../facets/registry.ts'
import { articleHref, displayLabel, nestValues, plural, pluralNoun, type FacetValueView } from './search-view-model.ts'
import { buildTimelineView, type TimelineView } from './timeline-view-model.ts'
import { facetToggleHref, pathWithPairs } from './url-state.ts'

/** How many values each overview section lists, and how many latest articles. */
export const OVERVIEW_VALUES = 8
export const OVERVIEW_ARTICLES = 8

/**
 * The one search the overview needs: every passage, newest first, with facets and the timeline. Repeats are
 * not folded: a story filed again is still an article added.
 */
export const OVERVIEW_REQUEST: SearchRequest = { sort: 'newest', size: 100, facetSize: OVERVIEW_VALUES, timeline: true, collapse: false }

export interface OverviewSection {
  name: string
  title: string
  /** "All topics", "All places". */
  moreLabel: string
  values: FacetValueView[]
  /** The search page with this facet listed in full. */
  moreHref?: string
}

export interface LatestArticle {
  title: string
  href: string
  source: string
  sourceHref: string
  date: SearchResponse['results'][number]['passage']['date']
}

export interface OverviewView {
  /** "21,578 articles in 52,310 passages from 3 sources". */
  summary: string
  /** "from February 1987 to October 1987", when anything is dated. */
  span?: string
  timeline?: TimelineView
  sections: OverviewSection[]
  latest: LatestArticle[]
  /** Every passage, newest first: the search page without a query. */
  browseHref: string
}

/** Facets the overview lists: what a reader narrows by first; dates are the timeline. */
function listedFacets(registry: FacetRegistry) {
  return registry.facets.filter((facet) => facet.sidebar && facet.kind !== 'year' && facet.kind !== 'month')
}

export function buildOverviewView(input: {
  stats: IndexStats
  response: SearchResponse
  registry: FacetRegistry
  topicLabels: ReadonlyMap<string, string>
  /** Second-level topic id → its parent's id. */
  topicParents?: ReadonlyMap<string, string>
}): OverviewView {
  const { stats, response, registry } = input
  const none = new URLSearchParams()
  const sections: OverviewSection[] = []
  for (const facet of listedFacets(registry)) {
    const counts = response.facets[facet.name]
    if (!counts || counts.values.length === 0) continue
    let values: FacetValueView[] = counts.values.map((entry) => ({
      value: entry.value,
      label: displayLabel(facet, entry.label || entry.value),
      count: entry.count,
      selected: false,
      excluded: false,
      href: facetToggleHref('/', none, facet, entry.value),
      elementId: `overview-${facet.name}-${entry.value}`,
      parent: entry.parent ?? (facet.hierarchical ? input.topicParents?.get(entry.value) : undefined),
    }))
    if (facet.hierarchical) values = nestValues(values, (parent) => input.topicLabels.get(parent) ?? parent)
    sections.push({
      name: facet.name,
      title: facet.title,
      moreLabel: `All ${pluralNoun(facet)}`,
      values,
      moreHref: counts.truncated ? pathWithPairs('/', [['sort', 'newest'], ['more', facet.name]]) : undefined,
    })
  }

  const latest: LatestArticle[] = []
  const seen = new Set<string>()
  for (const hit of response.results) {
    const passage = hit.passage
    if (seen.has(passage.articleId)) continue
    seen.add(passage.articleId)
    latest.push({
      title: passage.title,
      href: articleHref(passage.articleId, undefined, ''),
      source: passage.source,
      sourceHref: pathWithPairs('/', [['source', passage.source]]),
      date: passage.date,
    })
    if (latest.length === OVERVIEW_ARTICLES) break
  }

  const timeline = response.timeline ? buildTimelineView({ timeline: response.timeline, request: {}, path: '/', current: none, registry }) : undefined
  const bars = timeline?.bars ?? []
  const span = bars.length === 0 ? undefined : bars.length === 1 ? `in ${bars[0]!.label}` : `from ${bars[0]!.label} to ${bars.at(-1)!.label}`
  return {
    summary: `${plural(stats.articles, 'article', 'articles')} in ${plural(stats.passages, 'passage', 'passages')} from ${plural(stats.sources, 'source', 'sources')}`,
    span,
    timeline,
    sections,
    latest,
    browseHref: pathWithPairs('/', [['sort', 'newest']]),
  }
}
