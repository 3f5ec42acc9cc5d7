// The article page: a metadata header, the cleaned text by section, every passage addressable and the
// reader's query marked throughout; the passage in the URL's #fragment is highlighted with :target CSS.
import type { ArticlePageView } from '../src/server/page-views.ts'
import { DocMeta } from './doc-meta.tsx'
import { Layout } from './layout.tsx'
import { PassageBlock, TagList } from './passage.tsx'

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
            {view.query ? (
              <p class="doc-note" role="status">
                {view.matchCount > 0
                  ? `${view.matchCount.toLocaleString('en-US')} match${view.matchCount === 1 ? '' : 'es'} for “${view.query}” marked below.`
                  : `No exact words of “${view.query}” in this article.`}
              </p>
            ) : (
              ''
            )}
          </header>
          {view.sections.map((section) => (
            <section class="article-section">
              {section.heading ? <h2>{section.heading}</h2> : ''}
              {section.passages.map((block) => (
                <PassageBlock block={block} />
              ))}
            </section>
          ))}
        </article>
      </main>
    </Layout>
  )
}
