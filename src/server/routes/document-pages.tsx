// The article page `/articles/:id` and the passage page `/passages/:id`; an unknown id is a 404 page.
import { Hono } from 'hono'
import type { SearchEngine } from '../../engine/engine.ts'
import { ClippingsError } from '../../errors.ts'
import { parseSearchParams } from '../params.ts'
import { buildArticleView, buildPassageView } from '../page-views.ts'
import { htmlPage } from '../render.ts'
import type { TopicLabels } from '../topic-labels.ts'
import { ArticlePage } from '../../../views/article.tsx'
import { PassagePage } from '../../../views/passage.tsx'

/** How many top hits of the reader's query are read for the words to mark in an article. */
const HIGHLIGHT_HITS = 100

/** The words a query matched (stemmed and fuzzy variants included), to mark them across a whole article. */
async function matchedTermsFor(engine: SearchEngine, query: string, log: (line: string) => void): Promise<string[]> {
  if (query === '') return []
  try {
    const response = await engine.search({ query, size: HIGHLIGHT_HITS })
    return [...new Set(response.results.flatMap((hit) => hit.matchedTerms))]
  } catch (error) {
    // Highlighting is a nicety: a query the engine rejects must not cost the reader the article.
    log(`clippings: could not highlight "${query}" in an article: ${String(error)}`)
    return []
  }
}

export function documentPageRoutes(engine: SearchEngine, topicLabels: TopicLabels, log: (line: string) => void): Hono {
  const routes = new Hono()

  routes.get('/articles/:id', async (c) => {
    const id = c.req.param('id')
    const params = new URL(c.req.url).searchParams
    const query = parseSearchParams(new URLSearchParams([['q', params.get('q') ?? '']]), engine.facets()).query ?? ''
    const article = await engine.getArticle(id)
    if (!article) throw new ClippingsError('not-found', `There is no article with the id “${id}”.`)
    const [passages, labels, matchedTerms] = await Promise.all([engine.getArticlePassages(id), topicLabels(), matchedTermsFor(engine, query, log)])
    const view = buildArticleView({ article, passages, query, matchedTerms, topicLabels: labels })
    return htmlPage(c, <ArticlePage view={view} />)
  })

  routes.get('/passages/:id', async (c) => {
    const id = c.req.param('id')
    const passage = await engine.getPassage(id)
    if (!passage) throw new ClippingsError('not-found', `There is no passage with the id “${id}”.`)
    const [articlePassages, labels] = await Promise.all([engine.getArticlePassages(passage.articleId), topicLabels()])
    return htmlPage(c, <PassagePage view={buildPassageView({ passage, articlePassages, topicLabels: labels })} />)
  })

  return routes
}
