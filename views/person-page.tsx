// The person page's heading: who they are mentioned with and which sources name them; the search below is the
// main search page's, with the person fixed.
import type { PersonPageExtras } from '../src/server/page-views.ts'

/** `searching`: a query or filters narrow the passages below, so the count is of those, not of every mention. */
export function PersonIntro(props: { extras: PersonPageExtras; total: number; searching?: boolean }) {
  const { extras } = props
  return (
    <header class="person-intro">
      <nav class="breadcrumbs" aria-label="Breadcrumbs">
        <a href="/">Search</a> › People
      </nav>
      <h1>{extras.name}</h1>
      <p class="doc-meta">
        {props.searching
          ? `${props.total.toLocaleString('en-US')} ${props.total === 1 ? 'passage naming them matches' : 'passages naming them match'} this search.`
          : `Named in ${props.total.toLocaleString('en-US')} passage${props.total === 1 ? '' : 's'}.`}
      </p>
      <div class="person-lists">
        <CountedTags id="co-mentioned-title" title="Most often mentioned with" tagClass="tag tag-person" tags={extras.coMentioned} />
        <CountedTags id="person-sources-title" title="Sources that mention them" tagClass="tag" tags={extras.sources} />
      </div>
    </header>
  )
}

/** A titled list of linked names with their passage counts; nothing when the list is empty. */
function CountedTags(props: { id: string; title: string; tagClass: string; tags: PersonPageExtras['sources'] }) {
  if (props.tags.length === 0) return <></>
  return (
    <section aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      <ul class="tags">
        {props.tags.map((tag) => (
          <li>
            <a class={props.tagClass} href={tag.href}>
              {tag.name} <span class="tag-count">{tag.count.toLocaleString('en-US')}</span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  )
}
