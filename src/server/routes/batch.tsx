// `/batch`: many queries at once under the same filters, answered as a table of totals and top sources, and
// `/batch.csv`, the same table for a spreadsheet. GET carries a short list in the URL (`queries`, one a line,
// so a batch can be linked); POST takes a long one, pasted or uploaded (a multipart form with `queries` and
// `file`). Both work without JavaScript. The filters are the search page's parameters.
import { Hono } from 'hono'
import type { Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { SearchEngine } from '../../engine/engine.ts'
import { ClippingsError } from '../../errors.ts'
import { BATCH_PATH, batchCsv, decodeQueryFile, MAX_BATCH_BYTES, parseQueryList, runBatch, type BatchResult, type QueryList } from '../batch.ts'
import { describeDates, describeFilters } from '../describe-search.ts'
import { attachmentDisposition } from '../export-format.ts'
import { parseSearchParams } from '../params.ts'
import { baseUrlFor } from '../public-url.ts'
import { htmlPage } from '../render.ts'
import { pathWithPairs, searchStatePairs } from '../url-state.ts'
import { BatchPage, type BatchPageView } from '../../../views/batch-page.tsx'

/** A batch's link is offered only while the address stays well under the 8,192 characters a request may have. */
const MAX_LINK_LENGTH = 6000

export interface BatchRouteOptions {
  /** Makes the CSV's links absolute; default: the request's origin. */
  baseUrl?: string
}

/** The parameters that filter a batch (a search's, less the query and how results are shown), in URL order. */
function filterParamNames(engine: SearchEngine): string[] {
  return [...engine.facets().params, 'from', 'to']
}

interface BatchInput {
  list: QueryList
  /** The list as given, for the form to show again. */
  text: string
  /** The filters as URL pairs, in order. */
  filterPairs: Array<[string, string]>
}

/** Reads the list and the filters from the URL (GET) or the form (POST, urlencoded or multipart with a file). */
async function readInput(c: Context, engine: SearchEngine): Promise<BatchInput> {
  const names = filterParamNames(engine)
  let fields: URLSearchParams
  let text: string
  if (c.req.method === 'POST') {
    const body = await c.req.parseBody({ all: true })
    fields = new URLSearchParams()
    const texts: string[] = []
    for (const [name, value] of Object.entries(body)) {
      for (const item of Array.isArray(value) ? value : [value]) {
        if (name === 'file' && item instanceof File) {
          if (item.size > 0) texts.push(decodeQueryFile(new Uint8Array(await item.arrayBuffer())))
        } else if (typeof item === 'string') {
          if (name === 'queries') texts.unshift(item)
          else fields.append(name, item)
        }
      }
    }
    text = texts.join('\n')
  } else {
    fields = new URL(c.req.url).searchParams
    text = fields.getAll('queries').join('\n')
  }
  const filterPairs = searchStatePairs(fields, names)
  return { list: parseQueryList(text), text: text.trim(), filterPairs }
}

async function buildView(engine: SearchEngine, input: BatchInput, result: BatchResult | undefined): Promise<BatchPageView> {
  const request = parseSearchParams(new URLSearchParams(input.filterPairs), engine.facets())
  const queries = input.list.queries
  const link = pathWithPairs(BATCH_PATH, [['queries', queries.join('\n')], ...input.filterPairs])
  return {
    queriesText: queries.length > 0 ? queries.join('\n') : input.text,
    filterPairs: input.filterPairs,
    filters: await describeFilters(engine, request),
    dates: describeDates(request),
    clearFiltersHref: input.filterPairs.length > 0 ? pathWithPairs(BATCH_PATH, queries.length > 0 && link.length <= MAX_LINK_LENGTH ? [['queries', queries.join('\n')]] : []) : undefined,
    searchHref: pathWithPairs('/', input.filterPairs),
    result,
    repeated: input.list.repeated,
    queryCount: queries.length,
    link: result && link.length <= MAX_LINK_LENGTH ? link : undefined,
  }
}

export function batchRoutes(engine: SearchEngine, options: BatchRouteOptions = {}): Hono {
  const routes = new Hono()
  const limit = bodyLimit({
    maxSize: MAX_BATCH_BYTES,
    onError: () => {
      throw new ClippingsError('bad-parameter', `Invalid parameter "queries": the list is over ${MAX_BATCH_BYTES / 1024 / 1024} MB; send at most 1,000 queries`, {
        parameter: 'queries',
      })
    },
  })

  async function run(c: Context, input: BatchInput): Promise<BatchResult> {
    const request = parseSearchParams(new URLSearchParams(input.filterPairs), engine.facets())
    return runBatch(engine, input.list.queries, request, {
      // The batch reads every word as typed; the page would read the last one as a prefix unless told.
      resultsHref: (query) => pathWithPairs('/', [['q', query], ...input.filterPairs, ['prefix', 'none']]),
      signal: c.req.raw.signal,
    })
  }

  async function page(c: Context) {
    let input: BatchInput
    try {
      input = await readInput(c, engine)
    } catch (error) {
      // A list too long or a file that is not text: the form again, saying what is wrong.
      if (!(error instanceof ClippingsError) || error.code !== 'bad-parameter' || (error.parameter !== 'queries' && error.parameter !== 'file')) throw error
      const filterPairs = searchStatePairs(c.req.method === 'GET' ? new URL(c.req.url).searchParams : new URLSearchParams(), filterParamNames(engine))
      const view = await buildView(engine, { list: { queries: [], repeated: 0 }, text: '', filterPairs }, undefined)
      return htmlPage(c, <BatchPage view={{ ...view, error: error.message.replace(/^Invalid parameter "\w+": /, '') }} />, 400)
    }
    const empty = input.list.queries.length === 0
    if (empty && c.req.method === 'POST') {
      const view = await buildView(engine, input, undefined)
      return htmlPage(c, <BatchPage view={{ ...view, error: 'Paste or upload at least one query, one a line.' }} />, 400)
    }
    const result = empty ? undefined : await run(c, input)
    return htmlPage(c, <BatchPage view={await buildView(engine, input, result)} />)
  }

  async function csv(c: Context) {
    const input = await readInput(c, engine)
    if (input.list.queries.length === 0) throw new ClippingsError('bad-parameter', 'Invalid parameter "queries": no query to run; give one a line', { parameter: 'queries' })
    const result = await run(c, input)
    c.header('Content-Type', 'text/csv; charset=utf-8')
    c.header('Content-Disposition', attachmentDisposition(`clippings-batch-${new Date().toISOString().slice(0, 10)}.csv`))
    c.header('Cache-Control', 'no-store')
    return c.body(batchCsv(result, baseUrlFor(options.baseUrl, c.req.url)))
  }

  routes.get(BATCH_PATH, page)
  routes.post(BATCH_PATH, limit, page)
  routes.get(`${BATCH_PATH}.csv`, csv)
  routes.post(`${BATCH_PATH}.csv`, limit, csv)
  return routes
}
