// The results column: how the query was read, the count (timing discreetly beside it), the timeline, sort,
// grouping and folding, the passages (or the articles with their best passages) with the repeats folded into
// each, and an empty state that says what was searched and what to change.
import type { DuplicatesView, GroupView, ResultView, SearchPageView } from '../src/server/search-view-model.ts'
import { DateLabel } from './date-label.tsx'
import { DocMeta, MetaSeparator } from './doc-meta.tsx'
import { FACET_LINKS } from './facets.tsx'
import { SnippetText } from './highlight.tsx'
import { TimelineChart } from './timeline.tsx'

/** Links that change the search swap the results in place, keeping the scroll position; links to pages do not. */
const ENHANCE = FACET_LINKS

/** A result's people or topics as links that filter the search; nothing when there are none. */
function ResultTags(props: { class: string; label: string; links: Array<{ text: string; href: string; class: string; title: string }> }) {
  if (props.links.length === 0) return <></>
  return (
    <ul class={props.class} aria-label={props.label} {...ENHANCE}>
      {props.links.map((link) => (
        <li>
          <a class={link.class} href={link.href} title={link.title}>
            {link.text}
          </a>
        </li>
      ))}
    </ul>
  )
}

/** "Also in 3 other articles" with links to each, folded away until opened. */
function Duplicates(props: { duplicates: DuplicatesView }) {
  const { duplicates } = props
  return (
    <details class="duplicates">
      <summary>{duplicates.label}</summary>
      <ul>
        {duplicates.links.map((link) => (
          <li>
            <a href={link.href}>{link.label}</a>
          </li>
        ))}
        {duplicates.more > 0 ? <li class="duplicates-more">and {duplicates.more.toLocaleString('en-US')} more</li> : ''}
      </ul>
    </details>
  )
}

/** One passage; `inGroup` leaves out the source and date its article's heading already shows. */
export function ResultItem(props: { result: ResultView; headingLevel?: 'h3' | 'h4'; inGroup?: boolean }) {
  const { result } = props
  const { passage } = result
  const Heading = props.headingLevel ?? 'h3'
  return (
    <article class={`result${props.inGroup ? ' in-group' : ''}`} id={`result-${passage.id}`}>
      {props.inGroup ? (
        passage.section ? (
          <p class="result-meta">
            <span class="result-section">{passage.section}</span>
          </p>
        ) : (
          ''
        )
      ) : (
        <>
          <Heading class="result-title">
            <a href={result.articleHref}>{passage.title}</a>
          </Heading>
          <DocMeta
            class="result-meta"
            source={
              <a class="result-source" href={result.sourceHref} {...ENHANCE} title={`Only ${passage.source}`}>
                {passage.source}
              </a>
            }
            date={passage.date}
            items={[passage.section ? <span class="result-section">{passage.section}</span> : undefined]}
          />
        </>
      )}
      <p class="snippet">
        <SnippetText snippet={result.snippet} />
      </p>
      {result.duplicates ? <Duplicates duplicates={result.duplicates} /> : ''}
      <div class="result-footer">
        <ResultTags
          class="tags people"
          label="People"
          links={result.people.map((person) => ({ text: person.name, href: person.href, class: 'tag tag-person', title: `Passages naming ${person.name}` }))}
        />
        <ResultTags
          class="tags topics"
          label="Topics"
          links={result.topics.map((topic) => ({ text: topic.label, href: topic.href, class: 'tag tag-topic', title: `Filter by topic ${topic.label}` }))}
        />
        <span class="result-links">
          <a class="permalink" href={result.permalink} title="Permalink to this passage" aria-label={`Permalink to this passage from ${passage.title}`}>
            ¶
          </a>
          <a href={result.articleHref}>In the article</a>
        </span>
      </div>
    </article>
  )
}

function GroupItem(props: { group: GroupView }) {
  const { group } = props
  return (
    <section class="group" aria-label={group.title}>
      <h3 class="group-title">
        <a href={group.articleHref}>{group.title}</a>
      </h3>
      <p class="result-meta group-meta">
        <a class="result-source" href={group.sourceHref} {...ENHANCE} title={`Only ${group.source}`}>
          {group.source}
        </a>
        <MetaSeparator />
        <DateLabel date={group.date} />
      </p>
      {group.results.map((result) => (
        <ResultItem result={result} headingLevel="h4" inGroup />
      ))}
      {group.moreMatches > 0 ? (
        <p class="group-more">
          <a href={group.articleHref}>
            {group.moreMatches.toLocaleString('en-US')} more matching passage{group.moreMatches === 1 ? '' : 's'} in this article
          </a>
        </p>
      ) : (
        ''
      )}
    </section>
  )
}

function ResultsToolbar(props: { view: SearchPageView }) {
  const { view } = props
  return (
    <div class="toolbar">
      <p class="result-count" aria-hidden="true">
        {view.countText}
        <span class="took"> · {view.tookText}</span>
      </p>
      <nav class="sort" aria-label="Sort and group" {...ENHANCE}>
        <span class="toolbar-label">Sort:</span>
        {view.sortLinks.map((link) => (
          <a href={link.href} aria-current={link.current ? 'true' : undefined} class={link.current ? 'is-current' : undefined}>
            {link.label}
          </a>
        ))}
        <span class="sep" aria-hidden="true">
          |
        </span>
        <a href={view.groupToggle.href}>{view.groupToggle.label}</a>
      </nav>
    </div>
  )
}

/** What the total counts when repeats are folded, and the switch to list them (or fold them again). */
function FoldingNote(props: { view: SearchPageView }) {
  const { folding } = props.view
  if (!folding) return <></>
  return (
    <p class="folding" {...ENHANCE}>
      {folding.text} <a href={folding.toggle.href}>{folding.toggle.label}</a>
    </p>
  )
}

function EmptyState(props: { view: SearchPageView }) {
  const { view } = props
  if (view.partialText) {
    // Stopped before anything was found: that is not "nothing matches", so it does not say so.
    return (
      <div class="empty">
        <h2>The search was stopped before it found anything</h2>
        <p>
          It took longer than the server allows one search.{' '}
          <a href={view.retryHref} {...ENHANCE}>
            Try again
          </a>
          , or narrow it with more words or a filter.
        </p>
      </div>
    )
  }
  return (
    <div class="empty">
      <h2>No passages match{view.query ? <> “{view.query}”</> : ' these filters'}</h2>
      {view.suggestions.length > 0 ? (
        <p>
          Did you mean{' '}
          {view.suggestions.map((link, index) => (
            <>
              {index > 0 ? ' or ' : ''}
              <a href={link.href} {...ENHANCE}>
                {link.label}
              </a>
            </>
          ))}
          ?
        </p>
      ) : (
        ''
      )}
      {view.loosenLinks.length > 0 ? (
        <>
          <p>{view.loosenLinks.length === 1 ? 'Without the filter:' : 'Drop one of the filters:'}</p>
          <ul class="loosen" {...ENHANCE}>
            {view.loosenLinks.map((link) => (
              <li>
                <a href={link.href}>Remove {link.label}</a>
                {link.total !== undefined ? (
                  <span class="loosen-count">
                    {' '}
                    — {link.total === 0 ? 'still no passages' : `${link.total.toLocaleString('en-US')} passage${link.total === 1 ? '' : 's'}`}
                  </span>
                ) : (
                  ''
                )}
              </li>
            ))}
          </ul>
        </>
      ) : (
        ''
      )}
      {view.suggestions.length === 0 && view.loosenLinks.length === 0 && view.query ? (
        <p>Check the spelling, use fewer words, or search for a related word.</p>
      ) : (
        ''
      )}
    </div>
  )
}

export function Results(props: { view: SearchPageView }) {
  const { view } = props
  return (
    <section id="results" class="results" aria-labelledby="results-title">
      <h1 id="results-title" class="visually-hidden" tabindex={-1}>
        {view.query ? `Results for “${view.query}”` : 'All passages'}
      </h1>
      {view.readingText ? <p class="reading">Searching for {view.readingText}.</p> : ''}
      {view.relaxed ? (
        <p class="notice" role="note">
          No passage has every word; showing passages with most of them.
        </p>
      ) : (
        ''
      )}
      {view.partialText && view.total > 0 ? (
        <p class="notice notice-partial" role="note">
          {view.partialText}
        </p>
      ) : (
        ''
      )}
      {view.notices.map((notice) => (
        <p class="notice" role="note">
          {notice}
        </p>
      ))}
      {view.total === 0 ? (
        <EmptyState view={view} />
      ) : (
        <>
          <ResultsToolbar view={view} />
          {view.timeline ? <TimelineChart timeline={view.timeline} /> : ''}
          <FoldingNote view={view} />
          {view.grouped && view.groups ? (
            <div class="result-list grouped">
              {view.groups.map((group) => (
                <GroupItem group={group} />
              ))}
            </div>
          ) : (
            <div class="result-list">
              {view.results.map((result) => (
                <ResultItem result={result} />
              ))}
            </div>
          )}
          {view.results.length === 0 && (view.groups?.length ?? 0) === 0 ? <p class="empty">This page is past the last result.</p> : ''}
        </>
      )}
      <p class="follow-links">
        Follow this search:{' '}
        <a href={view.feedHref} type="application/atom+xml">
          Atom feed
        </a>{' '}
        · <a href={view.batchHref}>Batch search with these filters</a>
      </p>
      {view.exportLinks.length > 0 ? (
        <p class="downloads">
          Download these results:{' '}
          {view.exportLinks.map((link, index) => (
            <>
              {index > 0 ? ' · ' : ''}
              <a href={link.href} download>
                {link.label}
              </a>
            </>
          ))}
        </p>
      ) : (
        ''
      )}
    </section>
  )
}
