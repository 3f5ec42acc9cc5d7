// The article page: a metadata header, the cleaned text by section, every passage addressable and the
// reader's query marked throughout; the passage in the URL's #fragment is highlighted with :target CSS.
import type { ArticlePageView } from '../src/server/page-views.ts'
import { DocMeta } from './doc-meta.tsx'
import { Layout } from './layout.tsx'
import { PassageBlock, TagList } from './passage.tsx'

/** The most matched words the note lists. */
const LISTED_WORDS = 8

/** "3 matches for “remit” (remittances, remittance) marked below. Go to the first ↓" */
function MatchSummary(props: { view: ArticlePageView }) {
  const { view } = props
  if (view.matchCount === 0) {
    return (
      <p class="doc-note match-summary" role="status">
        No words of “{view.query}” in this article.
      </p>
    )
  }
  const words = view.matchedWords.slice(0, LISTED_WORDS)
  return (
    <p class="match-summary" role="status">
      {view.matchCount.toLocaleString('en-US')} match{view.matchCount === 1 ? '' : 'es'} for “{view.query}”
      {words.length > 0 ? ` (${words.join(', ')}${view.matchedWords.length > words.length ? ', …' : ''})` : ''} marked below.{' '}
      {view.firstMatchHref ? (
        <a href={view.firstMatchHref} class="match-first">
          Go to the first<span aria-hidden="true"> ↓</span>
        </a>
      ) : (
        ''
      )}
    </p>
  )
}

export function ArticlePage(props: { view: ArticlePageView }) {
  const { view } = props
  const { article } = view
  return (
    <Layout title={`${article.title} – Clippings`} query={view.query} skipTarget="content">
      <main id="content" class="page article-page">
        <nav class="breadcrumbs" aria-label="Breadcrumbs">
          {view.searchHref ? <a href={view.searchHref}>← Back to results for “{view.query}”</a> : <a href="/">Search</a>}
        </nav>
        <article>
          <header class="doc-header">
            <h1>{article.title}</h1>
            {article.titleOrigin === 'derived' ? <p class="doc-note">This title was derived from the text; the article has none of its own.</p> : ''}
            <DocMeta
              class="doc-meta"
              source={
                <a href={view.sourceHref} title={`Search ${article.source}`}>
                  {article.source}
                </a>
              }
              externalUrl={view.externalUrl}
              date={article.date}
              items={[
                article.author ? (
                  <span>
                    By {article.author}
                    {article.authorRole ? `, ${article.authorRole}` : ''}
                  </span>
                ) : undefined,
                article.place ? <span>{article.place}</span> : undefined,
              ]}
            />
            <TagList label="People" links={view.people} kind="person" />
            <TagList label="Topics" links={view.topics} kind="topic" />
            {view.query ? <MatchSummary view={view} /> : ''}
          </header>
          {view.sections.map((section) => (
            <section class="article-section">
              {section.heading ? <h2>{section.heading}</h2> : ''}
              {section.passages.map((block) => (
                <PassageBlock block={block} matchTotal={view.matchCount} />
              ))}
            </section>
          ))}
        </article>
      </main>
    </Layout>
  )
}
