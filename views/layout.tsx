// The HTML page around every view: head with the stylesheets and the site's own scripts (and a search's feed,
// for feed readers to discover), header with the search box, footer with the site's other tools.
import type { Child } from 'hono/jsx'
import { SearchForm } from './search-box.tsx'

/** htmx settings: no injected indicator style (the CSP forbids inline styles), no eval, and no snapshot cache,
 *  so Back reloads the page from its URL instead of showing a stale or bare fragment. */
export const HTMX_CONFIG = JSON.stringify({
  includeIndicatorStyles: false,
  allowEval: false,
  allowScriptTags: false,
  selfRequestsOnly: true,
  historyCacheSize: 0,
  refreshOnHistoryMiss: true,
  defaultFocusScroll: false,
})

export interface LayoutProps {
  title: string
  children?: Child
  /** The query shown in the header's search box. */
  query?: string
  /** Hidden parameters the header's search form keeps (the active filters). */
  formState?: Array<[string, string]>
  /** Where the header's search form goes: "/" or a person page. */
  formAction?: string
  /** Whether the search box takes the focus on load (the search page). */
  autofocus?: boolean
  /** Whether the header's search box searches as you type (only the search pages have a results region). */
  live?: boolean
  /** What "Skip to" jumps to. */
  skipTarget?: string
  /** The page's Atom feed (a search page's: see `feedHref` in src/server/feed-format.ts), announced in the head. */
  feedHref?: string
  /** The feed's name for feed readers. Default: "Clippings: this search". */
  feedTitle?: string
}

/**
 * The head's announcement of a page's feed, for feed readers. Its id lets an htmx fragment replace it out of band
 * (`<FeedLink … oob />`), so it follows the search as the user types.
 */
export function FeedLink(props: { href: string; title?: string; oob?: boolean }) {
  return (
    <link
      id="search-feed"
      rel="alternate"
      type="application/atom+xml"
      title={props.title ?? 'Clippings: this search'}
      href={props.href}
      {...(props.oob ? { 'hx-swap-oob': 'true' } : {})}
    />
  )
}

export function Layout(props: LayoutProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <meta name="htmx-config" content={HTMX_CONFIG} />
        <title>{props.title}</title>
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/static/app.css" />
        <link rel="stylesheet" href="/static/pages.css" />
        {props.feedHref ? <FeedLink href={props.feedHref} title={props.feedTitle} /> : ''}
        <script src="/static/htmx.min.js" defer></script>
        <script src="/static/app.js" defer></script>
      </head>
      <body>
        <a class="skip-link" href={`#${props.skipTarget ?? 'content'}`}>
          Skip to content
        </a>
        <header class="site-header">
          <a class="brand" href="/">
            Clippings
          </a>
          <SearchForm query={props.query ?? ''} state={props.formState ?? []} action={props.formAction ?? '/'} autofocus={props.autofocus ?? false}
            live={props.live ?? false}
          />
        </header>
        {props.children}
        <footer class="site-footer">
          <nav aria-label="More from Clippings">
            <a href="/batch">Batch search</a>
            <a href="/status">Status of the collection</a>
          </nav>
        </footer>
      </body>
    </html>
  )
}
