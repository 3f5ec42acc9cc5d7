// The person page's heading: who they are mentioned with and which sources name them; the search below is the
// main search page's, with the person fixed.
import type { PersonPageExtras } from '../src/server/page-views.ts'

export function PersonIntro(props: { extras: PersonPageExtras; total: number }) {
  const { extras } = props
  return (
    <header class="person-intro">
      <nav class="breadcrumbs" aria-label="Breadcrumbs">
        <a href="/">Search</a> › People
      </nav>
      <h1>{extras.name}</h1>
      <p class="doc-meta">
        Named in {props.total.toLocaleString('en-US')} passage{props.total === 1 ? '' : 's'} matching this search.
      </p>
      <div class="person-lists">
        {extras.coMentioned.length > 0 ? (
          <section aria-labelledby="co-mentioned-title">
            <h2 id="co-mentioned-title">Most often mentioned with</h2>
            <ul class="tags">
              {extras.coMentioned.map((person) => (
                <li>
                  <a class="tag tag-person" href={person.href}>
                    {person.name} <span class="tag-count">{person.count.toLocaleString('en-US')}</span>
                  </a>
                </li>
              ))}
            </ul>
          </section>
        ) : (
          ''
        )}
        {extras.sources.length > 0 ? (
          <section aria-labelledby="person-sources-title">
            <h2 id="person-sources-title">Sources that mention them</h2>
            <ul class="tags">
              {extras.sources.map((source) => (
                <li>
                  <a class="tag" href={source.href}>
                    {source.name} <span class="tag-count">{source.count.toLocaleString('en-US')}</span>
                  </a>
                </li>
              ))}
            </ul>
          </section>
        ) : (
          ''
        )}
      </div>
    </header>
  )
}
