// The batch search page: a form for a list of queries (pasted or uploaded) under the current filters, and once
// run, a table of each query's total, top sources and a link to its results, with a CSV download. Plain forms
// and links: it works without JavaScript.
import type { BatchResult } from '../src/server/batch.ts'
import { MAX_BATCH_QUERIES } from '../src/server/batch.ts'
import type { FilterDescription } from '../src/server/describe-search.ts'
import { Layout } from './layout.tsx'

export interface BatchPageView {
  /** The list as the form shows it, one query a line. */
  queriesText: string
  /** The filters every query is searched with, as hidden form fields. */
  filterPairs: Array<[string, string]>
  filters: FilterDescription[]
  dates?: string
  /** The batch without its filters. */
  clearFiltersHref?: string
  /** The search page with the filters, where they are chosen. */
  searchHref: string
  result?: BatchResult
  /** Lines dropped as repeats. */
  repeated: number
  queryCount: number
  /** A link that runs this batch again, when the list is short enough to fit in an address. */
  link?: string
  /** What was wrong with the form, shown above it. */
  error?: string
}

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`
}

function seconds(ms: number): string {
  return ms < 1000 ? `${Math.max(1, Math.round(ms))} ms` : `${(ms / 1000).toLocaleString('en-US', { maximumFractionDigits: 1 })} s`
}

function HiddenFilters(props: { pairs: Array<[string, string]> }) {
  return (
    <>
      {props.pairs.map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
    </>
  )
}

function FilterSummary(props: { view: BatchPageView }) {
  const { view } = props
  if (view.filters.length === 0 && !view.dates) {
    return (
      <p class="batch-filters">
        Every query searches the whole collection. To narrow them all, choose filters on <a href={view.searchHref}>the search page</a>, then
        follow “Batch search with these filters” below the results.
      </p>
    )
  }
  return (
    <div class="batch-filters">
      <p>Every query is searched with these filters:</p>
      <ul class="filter-list">
        {view.filters.map((filter) => (
          <li class={filter.excluded ? 'is-excluded' : ''}>
            <span class="filter-facet">{filter.excluded ? `Not ${filter.facet.toLowerCase()}` : filter.facet}:</span> {filter.label}
          </li>
        ))}
        {view.dates ? (
          <li>
            <span class="filter-facet">Dates:</span> {view.dates}
          </li>
        ) : (
          ''
        )}
      </ul>
      {view.clearFiltersHref ? <a href={view.clearFiltersHref}>Search the whole collection instead</a> : ''}
    </div>
  )
}

function BatchForm(props: { view: BatchPageView }) {
  const { view } = props
  return (
    <form class="batch-form" method="post" action="/batch" enctype="multipart/form-data">
      <HiddenFilters pairs={view.filterPairs} />
      <label for="batch-queries">Queries, one a line</label>
      <p class="field-hint" id="batch-queries-hint">
        A name, a phrase in quotes or any search, as in the search box; up to {MAX_BATCH_QUERIES.toLocaleString('en-US')}. Repeated lines run once.
      </p>
      <textarea id="batch-queries" name="queries" rows={10} spellcheck={false} aria-describedby="batch-queries-hint">
        {view.queriesText}
      </textarea>
      <label for="batch-file">Or upload a text file with one query a line</label>
      <input id="batch-file" type="file" name="file" accept=".txt,.csv,.tsv,.list,text/plain,text/csv" />
      <p>
        <button type="submit" class="button-primary">
          Run the batch
        </button>
      </p>
    </form>
  )
}

function ResultsTable(props: { result: BatchResult }) {
  return (
    <div class="table-scroll">
      <table class="data-table batch-table">
        <caption class="visually-hidden">Each query with its number of matching passages and the sources with most of them</caption>
        <thead>
          <tr>
            <th scope="col">Query</th>
            <th scope="col" class="numeric">
              Passages
            </th>
            <th scope="col">Top sources</th>
          </tr>
        </thead>
        <tbody>
          {props.result.rows.map((row) => (
            <tr class={row.total === 0 ? 'is-zero' : row.total === undefined ? 'is-not-run' : ''}>
              <th scope="row">
                <a href={row.href}>{row.query}</a>
              </th>
              <td class="numeric">
                {row.total === undefined ? (
                  <span class="muted">not run</span>
                ) : (
                  <>
                    {row.partial ? <abbr title="The search stopped at its time budget: at least this many">≥ </abbr> : ''}
                    {row.total.toLocaleString('en-US')}
                  </>
                )}
              </td>
              <td>
                {row.topSources.length === 0 ? (
                  ''
                ) : (
                  <ul class="inline-list">
                    {row.topSources.map((source) => (
                      <li>
                        {source.name} <span class="count">{source.count.toLocaleString('en-US')}</span>
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function BatchResults(props: { view: BatchPageView; result: BatchResult }) {
  const { view, result } = props
  return (
    <section class="batch-results" aria-labelledby="batch-results-title">
      <h2 id="batch-results-title">Results</h2>
      <p class="batch-summary" role="status">
        {plural(result.rows.length, 'query', 'queries')}, {result.matched.toLocaleString('en-US')} with matches
        {view.repeated > 0 ? ` (${plural(view.repeated, 'repeated line', 'repeated lines')} run once)` : ''} · {seconds(result.tookMs)}
      </p>
      {result.notRun > 0 ? (
        <p class="notice" role="alert">
          {plural(result.notRun, 'query was', 'queries were')} not run: the batch reached its time limit. Run them again in a shorter list.
        </p>
      ) : (
        ''
      )}
      <div class="batch-actions">
        <form method="post" action="/batch.csv">
          <HiddenFilters pairs={view.filterPairs} />
          <textarea name="queries" hidden aria-hidden="true" tabindex={-1}>
            {view.queriesText}
          </textarea>
          <button type="submit">Download as CSV</button>
        </form>
        {view.link ? <a href={view.link}>Link to this batch</a> : ''}
      </div>
      <ResultsTable result={result} />
    </section>
  )
}

export function BatchPage(props: { view: BatchPageView }) {
  const { view } = props
  const result = view.result
  return (
    <Layout title={result ? `Batch search: ${plural(result.rows.length, 'query', 'queries')} – Clippings` : 'Batch search – Clippings'} skipTarget="content">
      <main id="content" class="page batch-page">
        <nav class="breadcrumbs" aria-label="Breadcrumbs">
          <a href={view.searchHref}>Search</a> › Batch search
        </nav>
        <h1>Batch search</h1>
        <p class="lead">Check a list against the collection: each query’s number of matching passages, the sources with most of them, and a link to its results.</p>
        <FilterSummary view={view} />
        {view.error ? (
          <p class="form-error" role="alert">
            {view.error}
          </p>
        ) : (
          ''
        )}
        {result ? (
          <>
            <BatchResults view={view} result={result} />
            <details class="batch-again">
              <summary>Change the list and run it again</summary>
              <BatchForm view={view} />
            </details>
          </>
        ) : (
          <BatchForm view={view} />
        )}
      </main>
    </Layout>
  )
}
