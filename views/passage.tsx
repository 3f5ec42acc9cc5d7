// One passage as a block of an article or the passage page: addressable by `#p-<id>`, its query matches marked
// and numbered through the article (`#m-<n>`) with links to the matches either side, which work without
// JavaScript; a permalink and a copy-link button (the button only appears when the site script runs).
import type { ParagraphView, PassageBlockView, PassageMatchesView, PassagePageView, TagLink } from '../src/server/page-views.ts'
import { matchAnchor } from '../src/server/page-views.ts'
import { DocMeta } from './doc-meta.tsx'
import { Highlight, splitByRanges } from './highlight.tsx'
import { Layout } from './layout.tsx'

/**
 * The passage's paragraphs with their matches marked; with `first`, each mark is addressable as `#m-<n>`,
 * numbered on from the article's `first`.
 */
function Paragraphs(props: { paragraphs: ParagraphView[]; first?: number }) {
  let n = props.first ?? 0
  return (
    <>
      {props.paragraphs.map((paragraph) => (
        <p class="passage-text">
          {props.first === undefined ? (
            <Highlight text={paragraph.text} ranges={paragraph.ranges} />
          ) : (
            splitByRanges(paragraph.text, paragraph.ranges).map((piece) => (piece.marked ? <mark id={matchAnchor(n++)}>{piece.text}</mark> : piece.text))
          )}
        </p>
      ))}
    </>
  )
}

/** "2 matches (3–4 of 9) · ↑ Previous · ↓ Next": the passage's share of the matches and the way to the others. */
function MatchNav(props: { matches: PassageMatchesView; total: number }) {
  const { first, count, previousHref, nextHref } = props.matches
  const last = first + count - 1
  const position = count === 1 ? `${first} of ${props.total}` : `${first}–${last} of ${props.total}`
  return (
    <nav class="match-nav" aria-label={`Matches ${position}`}>
      <span class="match-count">
        {count} match{count === 1 ? '' : 'es'} <span class="match-position">({position})</span>
      </span>
      {previousHref ? (
        <a href={previousHref} rel="prev" aria-label={`Previous match, ${first - 1} of ${props.total}`}>
          <span aria-hidden="true">↑ </span>Previous
        </a>
      ) : (
        ''
      )}
      {nextHref ? (
        <a href={nextHref} rel="next" aria-label={`Next match, ${last + 1} of ${props.total}`}>
          <span aria-hidden="true">↓ </span>Next
        </a>
      ) : (
        ''
      )}
    </nav>
  )
}

export function PassageBlock(props: { block: PassageBlockView; context?: 'before' | 'after' | 'current'; matchTotal?: number }) {
  const { block } = props
  const classes = ['passage', props.context ? `passage-${props.context}` : '', block.matches ? 'has-matches' : ''].filter(Boolean).join(' ')
  return (
    <div class={classes} id={block.anchor}>
      <Paragraphs paragraphs={block.paragraphs} first={block.matches?.first} />
      {block.matches ? <MatchNav matches={block.matches} total={props.matchTotal ?? block.matches.count} /> : ''}
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
