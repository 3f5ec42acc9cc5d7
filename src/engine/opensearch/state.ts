// What a Clippings index holds besides passages and articles, kept in the `<alias>-meta` index: per passages
// index one "view" document (its meta, its articles index, the next corpus-order number, which state
// generation is current) and the indexer state, gzipped and cut into parts of a few megabytes (a million-
// passage corpus's file table runs to megabytes of JSON). A new state is written as a new generation's parts
// first and made current by rewriting the view document, one atomic write; the old parts are deleted after.
import { promisify } from 'node:util'
import { gunzip, gzip } from 'node:zlib'
import type { IndexerState, IndexMeta } from '../engine.ts'
import type { GetAnswer, MgetAnswer, SearchAnswer } from './answers.ts'
import type { OpenSearchHttp } from './client.ts'
import { metaIndexBody } from './mapping.ts'

const gzipAsync = promisify(gzip)
const gunzipAsync = promisify(gunzip)

/** Bytes of gzipped state per document: well under any cluster's request limit (100 MB by default). */
const STATE_PART_BYTES = 4 * 1024 * 1024

/** Format of the view document; a view of another format is not read. */
export const VIEW_FORMAT = 1

/** Everything about one passages index that is not a passage. */
export interface IndexView {
  format: number
  /** The articles index built with it. */
  articles: string
  meta: IndexMeta
  /** The corpus-order number the next passage added takes. */
  nextSeq: number
  /** The current state generation and how many parts it has. */
  stateGeneration: number
  stateParts: number
}

const viewId = (passagesIndex: string) => `view:${passagesIndex}`
const partId = (passagesIndex: string, generation: number, part: number) => `state:${passagesIndex}:${generation}:${part}`

export class MetaStore {
  constructor(
    private readonly http: OpenSearchHttp,
    readonly index: string,
    private readonly replicas: number,
  ) {}

  /** Creates the meta index when it is missing (several processes may race to: the loser's "exists" is fine). */
  async ensure(): Promise<void> {
    const { status } = await this.http.request('HEAD', `/${this.index}`, undefined, { ignore: [404] })
    if (status === 200) return
    const created = await this.http.request('PUT', `/${this.index}`, metaIndexBody(this.replicas), { ignore: [400] })
    const error = (created.body as { error?: { type?: string } } | undefined)?.error
    if (created.status === 400 && error?.type !== 'resource_already_exists_exception') {
      throw new Error(`Clippings: cannot create the OpenSearch index ${this.index}: ${JSON.stringify(error)}`)
    }
  }

  async readView(passagesIndex: string): Promise<IndexView | undefined> {
    const { status, body } = await this.http.request<GetAnswer<{ body: IndexView }>>('GET', `/${this.index}/_doc/${encodeURIComponent(viewId(passagesIndex))}`, undefined, { ignore: [404] })
    if (status === 404 || !body.found) return undefined
    const view = body._source?.body
    if (!view || view.format !== VIEW_FORMAT) throw new Error(`Clippings: the OpenSearch index ${passagesIndex} was written by another version of Clippings`)
    return view
  }

  /** Makes `view` current for its passages index: one document write. */
  async writeView(passagesIndex: string, view: IndexView): Promise<void> {
    await this.http.request('PUT', `/${this.index}/_doc/${encodeURIComponent(viewId(passagesIndex))}`, { kind: 'view', index: passagesIndex, body: view })
  }

  /** Writes a state as generation `generation`'s parts (not yet current: `writeView` makes it so); returns the part count. */
  async writeState(passagesIndex: string, generation: number, state: IndexerState): Promise<number> {
    const packed = await gzipAsync(Buffer.from(JSON.stringify(state)))
    const parts = Math.max(1, Math.ceil(packed.length / STATE_PART_BYTES))
    for (let part = 0; part < parts; part++) {
      const data = packed.subarray(part * STATE_PART_BYTES, (part + 1) * STATE_PART_BYTES).toString('base64')
      await this.http.request('PUT', `/${this.index}/_doc/${encodeURIComponent(partId(passagesIndex, generation, part))}`, {
        kind: 'state',
        index: passagesIndex,
        generation,
        part,
        data,
      })
    }
    return parts
  }

  async readState(passagesIndex: string, view: IndexView): Promise<IndexerState> {
    const ids = Array.from({ length: view.stateParts }, (_, part) => partId(passagesIndex, view.stateGeneration, part))
    const { body } = await this.http.request<MgetAnswer<{ data: string }>>('POST', `/${this.index}/_mget`, { ids })
    const buffers = body.docs.map((doc, part) => {
      if (!doc.found || !doc._source) throw new Error(`Clippings: part ${part} of the indexer state of ${passagesIndex} is missing`)
      return Buffer.from(doc._source.data, 'base64')
    })
    return JSON.parse((await gunzipAsync(Buffer.concat(buffers))).toString('utf8')) as IndexerState
  }

  /** Deletes one state generation's parts (no longer current). */
  async deleteState(passagesIndex: string, generation: number, parts: number): Promise<void> {
    const lines = Array.from({ length: parts }, (_, part) => ({ delete: { _index: this.index, _id: partId(passagesIndex, generation, part) } }))
    if (lines.length > 0) await this.http.request('POST', '/_bulk', undefined, { lines })
  }

  /** Deletes everything kept for a passages index that is gone (the distribution has no delete-by-query). */
  async forget(passagesIndex: string): Promise<void> {
    const { status, body } = await this.http.request<SearchAnswer<unknown>>(
      'POST',
      `/${this.index}/_search`,
      { size: 10_000, _source: false, query: { term: { index: passagesIndex } } },
      { ignore: [404] },
    )
    if (status === 404) return
    const lines = body.hits.hits.map((hit) => ({ delete: { _index: this.index, _id: hit._id } }))
    if (lines.length > 0) await this.http.request('POST', '/_bulk', undefined, { lines })
  }

  /** The passages indices the meta index holds views of. */
  async viewedIndices(): Promise<string[]> {
    type Answer = { hits?: { hits: { fields?: { index?: string[] } }[] } }
    const { body } = await this.http.request<Answer>('POST', `/${this.index}/_search`, { size: 1000, _source: false, query: { term: { kind: 'view' } }, fields: ['index'] }, { ignore: [404] })
    return (body.hits?.hits ?? []).map((hit) => hit.fields?.index?.[0]).filter((index): index is string => Boolean(index))
  }
}
