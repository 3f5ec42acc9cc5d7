// The corpus status page: which engine serves what, built and updated when, the counts, the sources, the
// corpus folders and the files the indexer skipped with their reasons. Its JSON twin is /api/status.
import type { StatusReport } from '../src/server/corpus-status.ts'
import { Layout } from './layout.tsx'

export interface StatusPageView {
  report: StatusReport
  /** Each source's search. */
  sourceHref: (source: string) => string
}

/** An ISO timestamp as "2026-01-02 14:03 UTC", in a <time> element. */
function Timestamp(props: { iso: string }) {
  const date = new Date(props.iso)
  if (Number.isNaN(date.getTime())) return <span>unknown</span>
  return <time datetime={date.toISOString()}>{`${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`}</time>
}

function count(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`
}

function KeepingCurrent(props: { indexer: NonNullable<StatusReport['indexer']> }) {
  const ways = [
    props.indexer.watching ? 'watching the corpus folders for changes' : '',
    props.indexer.ingest ? 'taking pushed articles at POST /api/articles' : '',
  ].filter(Boolean)
  return <>{ways.length > 0 ? `Yes: ${ways.join('; ')}.` : 'No: the index changes when it is re-indexed.'}</>
}

export function StatusPage(props: { view: StatusPageView }) {
  const { report } = props.view
  const { indexer } = report
  return (
    <Layout title="Status – Clippings" skipTarget="content">
      <main id="content" class="page status-page">
        <nav class="breadcrumbs" aria-label="Breadcrumbs">
          <a href="/">Search</a> › Status
        </nav>
        <h1>Status of the collection</h1>
        <p class="lead">
          {count(report.counts.articles, 'article', 'articles')}, {count(report.counts.passages, 'passage', 'passages')},{' '}
          {count(report.counts.people, 'person', 'people')} and {count(report.counts.sources, 'source', 'sources')}.
        </p>
        <dl class="facts">
          <dt>Engine</dt>
          <dd>{report.engine}</dd>
          <dt>Index built</dt>
          <dd>
            <Timestamp iso={report.builtAt} />
          </dd>
          <dt>Last updated</dt>
          <dd>
            <Timestamp iso={report.updatedAt} />
          </dd>
          {indexer ? (
            <>
              <dt>Corpus</dt>
              <dd>
                {indexer.corpus.length === 0 ? (
                  'Articles pushed through the API only'
                ) : (
                  <ul class="plain-list">
                    {indexer.corpus.map((path) => (
                      <li>
                        <code>{path}</code>
                      </li>
                    ))}
                  </ul>
                )}
              </dd>
              <dt>Kept current</dt>
              <dd>
                <KeepingCurrent indexer={indexer} />
              </dd>
            </>
          ) : (
            ''
          )}
        </dl>

        <section aria-labelledby="status-sources">
          <h2 id="status-sources">Sources</h2>
          {report.sources.length === 0 ? (
            <p>The index is empty.</p>
          ) : (
            <div class="table-scroll">
              <table class="data-table">
                <thead>
                  <tr>
                    <th scope="col">Source</th>
                    <th scope="col" class="numeric">
                      Passages
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {report.sources.map((source) => (
                    <tr>
                      <td>
                        <a href={props.view.sourceHref(source.name)}>{source.name}</a>
                      </td>
                      <td class="numeric">{source.passages.toLocaleString('en-US')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {report.sourcesTruncated ? <p class="doc-note">Only the {report.sources.length} largest sources are listed.</p> : ''}
        </section>

        <section aria-labelledby="status-skipped">
          <h2 id="status-skipped">Skipped files</h2>
          {!indexer ? (
            <p>This server was not given the indexer’s record, so which files were skipped is not known here; <code>clippings index</code> lists them.</p>
          ) : indexer.skippedTotal === 0 ? (
            <p>No file was skipped.</p>
          ) : (
            <>
              <p>
                {count(indexer.skippedTotal, 'file was', 'files were')} skipped
                {indexer.skipped.length < indexer.skippedTotal ? `; the first ${indexer.skipped.length.toLocaleString('en-US')} are listed` : ''}.
              </p>
              <div class="table-scroll">
                <table class="data-table">
                  <thead>
                    <tr>
                      <th scope="col">File</th>
                      <th scope="col">Reason</th>
                    </tr>
                  </thead>
                  <tbody>
                    {indexer.skipped.map((file) => (
                      <tr>
                        <td>
                          <code>{file.file}</code>
                        </td>
                        <td>{file.reason}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </section>
        <p class="doc-note">
          The same as JSON: <a href="/api/status">/api/status</a>.
        </p>
      </main>
    </Layout>
  )
}
