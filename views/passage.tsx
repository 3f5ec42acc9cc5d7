// One passage as a block of an article or the passage page: addressable by `#p-<id>`, its query matches marked,
// with a permalink and a copy-link button (the button only appears when the site script runs).
import type { PassageBlockView, PassagePageView, TagLink } from '../src/server/page-views.ts'
import { DocMeta } from './doc-meta.tsx'
import { Highlight } from './highlight.tsx'
import { Layout } from './layout.tsx'

export function PassageBlock(props: { block: PassageBlockView; context?: 'before' | 'after' | 'current' }) {
  const { block } = props
  const classes = ['passage', props.context ? `passage-${props.context}` : ''].filter(Boolean).join(' ')
  return (
    <div class={classes} id={block.anchor}>
      <p class="passage-text">
        <Highlight text={block.passage.text} ranges={block.ranges} />
      </p>
      <div class="passage-tools">
        <a class="permalink" href={block.permalink} title="Permalink to this passage" aria-label="Permalink to this passage">
          ¶
        </a>
        <button type="button" class="copy-link" data-copy-path={block.shareHref} hidden>
          Copy link
        </button>
      </div>
    </div>
  )
}

export function TagList(props: { label: string; links: TagLink[]; kind: string }) {
  if (props.links.length === 0) return <></>
  return (
    <div class="tag-row">
      <span class="tag-row-label">{props.label}</span>
      <ul class="tags" aria-label={props.label}>
        {props.links.map((link) => (
          <li>
            <a class={`tag tag-${props.kind}`} href={link.href}>
              {link.label}
            </a>
          </li>
        ))}
      </ul>
    </div>
  )
}

export function PassagePage(props: { view: PassagePageView }) {
  const { view } = props
  const { passage } = view
  return (
    <Layout title={`Passage from ${passage.title} – Clippings`} skipTarget="content">
      <main id="content" class="page passage-page">
        <nav class="breadcrumbs" aria-label="Breadcrumbs">
          <a href="/">Search</a> › <a href={view.articleHref}>{passage.title}</a>
        </nav>
        <header class="doc-header">
          <p class="doc-kicker">
            Passage {passage.position + 1}
            {view.passageCount > 0 ? ` of ${view.passageCount}` : ''}, from
          </p>
          <h1>
            <a href={view.articleHref}>{passage.title}</a>
          </h1>
          <DocMeta
            class="doc-meta"
            source={<a href={view.sourceHref}>{passage.source}</a>}
            externalUrl={view.externalUrl}
            date={passage.date}
            items={[
              passage.author ? <span>By {passage.author}</span> : undefined,
              passage.section ? <span class="result-section">{passage.section}</span> : undefined,
            ]}
          />
          <TagList label="People" links={view.people} kind="person" />
          <TagList label="Topics" links={view.topics} kind="topic" />
        </header>
        <div class="context">
          {view.before ? <PassageBlock block={view.before} context="before" /> : ''}
          <PassageBlock block={view.current} context="current" />
          {view.after ? <PassageBlock block={view.after} context="after" /> : ''}
        </div>
        <p>
          <a class="button-link" href={view.articleHref}>
            Read it in the article →
          </a>
        </p>
      </main>
    </Layout>
  )
}
