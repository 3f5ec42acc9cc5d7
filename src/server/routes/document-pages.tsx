// The article page `/articles/:id?q=…` and the passage page `/passages/:id`; an unknown id is a 404 page.
import { Hono } from 'hono'
import type { SearchEngine, TextHighlight } from '../../engine/engine.ts'
import { ClippingsError } from '../../errors.ts'
import type { Passage } from '../../model.ts'
import { parseSearchParams } from '../params.ts'
import { buildArticleView, buildPassageView } from '../page-views.ts'
import { htmlPage } from '../render.ts'
import type { TopicLabels } from '../topic-labels.ts'
import { ArticlePage } from '../../../views/article.tsx'
import { PassagePage } from '../../../views/passage.tsx'

/**
 * Where the reader's query matches in each passage, as the search read it (stems, typos, and the last word as
 * a prefix when the search page read it so).
 */
async function highlightPassages(
  engine: SearchEngine,
  query: string,
  prefixLastWord: boolean,
  passages: readonly Passage[],
  log: (line: string) => void,
): Promise<TextHighlight[]> {
  if (query === '') return []
  try {
    return await engine.highlight(query, passages.map((passage) => passage.text), { prefixLastWord })
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
    // Only the query and how it was read matter here; the page's other parameters are the search's.
    const reading = new URLSearchParams([['q', params.get('q') ?? ''], ['prefix', params.get('prefix') ?? '']])
    const request = parseSearchParams(reading, engine.facets(), { prefix: 'last' })
    const query = request.query ?? ''
    const article = await engine.getArticle(id)
    if (!article) throw new ClippingsError('not-found', `There is no article with the id “${id}”.`)
    const [passages, labels] = await Promise.all([engine.getArticlePassages(id), topicLabels()])
    const highlights = await highlightPassages(engine, query, request.prefixLastWord === true, passages, log)
    const view = buildArticleView({
      article,
      passages,
      query,
      ranges: highlights.map((highlight) => highlight.ranges),
      matchedWords: highlights.flatMap((highlight) => highlight.words),
      topicLabels: labels,
    })
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
