// The search form: a plain GET form that htmx turns into search-as-you-type, keeping the active filters as hidden fields.

export interface SearchFormProps {
  query: string
  /** Parameters besides `q` that a new query keeps (filters, sort, grouping). */
  state: Array<[string, string]>
  action: string
  autofocus: boolean
  /** Search as you type (the search page); elsewhere the form is a plain GET form to the search page. */
  live: boolean
}

/** The hidden fields; swapped out-of-band after each htmx request so they always match the URL. */
export function SearchState(props: { state: Array<[string, string]>; oob?: boolean }) {
  return (
    <div id="search-state" hidden {...(props.oob ? { 'hx-swap-oob': 'true' } : {})}>
      {props.state.map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
    </div>
  )
}

export function SearchForm(props: SearchFormProps) {
  return (
    <form
      id="search-form"
      class="search-form"
      role="search"
      action={props.action}
      method="get"
      {...(props.live
        ? {
            'hx-get': props.action,
            // Not `search` too: Enter fires it with `submit`, and clearing the box fires `input` as well, so it only
            // sent a second request that aborted the first.
            'hx-trigger': 'submit, input changed delay:250ms',
            'hx-target': '#search-page',
            'hx-push-url': 'true',
            'hx-sync': 'this:replace',
          }
        : {})}
    >
      <label for="q" class="visually-hidden">
        Search the clippings
      </label>
      <span class="search-field">
        <input
          type="search"
          id="q"
          name="q"
          value={props.query}
          placeholder="Search passages, e.g. remittances"
          autocomplete="off"
          spellcheck={false}
          maxlength={1000}
          aria-keyshortcuts="/"
          enterkeyhint="search"
          autofocus={props.autofocus}
        />
        <kbd class="shortcut-hint" aria-hidden="true" title="Press / to search">
          /
        </kbd>
      </span>
      <SearchState state={props.state} />
      <button type="submit">Search</button>
    </form>
  )
}
