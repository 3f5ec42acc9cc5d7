// Requests for the HTTP fuzz suite (tests/server/fuzz.test.ts, through app.request) and the long run against
// a real server (scripts/fuzz.ts): every route, with random and hostile values in the path, the parameters
// and a few headers; and what no answer may contain (a stack trace, a file path, an internal error's name).
import fc from 'fast-check'
import { PROJECT_ROOT } from '../../src/defaults.ts'
import type { SearchEngine } from '../../src/engine/engine.ts'
import { SEARCH_PARAMS } from '../../src/server/params.ts'

/** What the generator draws real values from, so that some requests reach real documents. */
export interface FuzzCorpus {
  articleIds: string[]
  passageIds: string[]
  people: string[]
  /** Every facet parameter of the index (`places`, `exclude_places`, ...). */
  facetParams: string[]
  /** Some values of the facets. */
  facetValues: string[]
}

/** Real ids, names and facet values of an index, for the generator to draw on. */
export async function fuzzCorpus(engine: SearchEngine): Promise<FuzzCorpus> {
  const articleIds = new Set<string>()
  const passageIds: string[] = []
  const people = new Set<string>()
  for await (const passage of engine.searchAll({})) {
    articleIds.add(passage.articleId)
    passageIds.push(passage.id)
    for (const person of passage.people) people.add(person)
  }
  const facetValues: string[] = []
  for (const facet of engine.facets().names) {
    for (const { value } of (await engine.facetValues(facet, { limit: 10 })).values) facetValues.push(value)
  }
  return { articleIds: [...articleIds], passageIds: passageIds.slice(0, 50), people: [...people], facetParams: engine.facets().params, facetValues }
}

export interface FuzzRequest {
  /** The request target: a path and query, possibly with invalid percent-encoding and raw non-ASCII. */
  target: string
  headers: Record<string, string>
}

/** Percent-encodings that are invalid, overlong, NUL or not UTF-8. */
const BAD_ENCODINGS = ['%', '%%', '%zz', '%g0', '%2', '%e0%a4%a', '%ff', '%fe%ff', '%c0%ae', '%c0%af', '%00', '%0a', '%0d%0a', '%ed%a0%80', '%u0041', '%25', '%%32%65']

/** Path traversal in the spellings that have slipped past servers. */
const TRAVERSALS = [
  '..', '.', '%2e%2e', '%2E%2E', '.%2e', '%2e.', '..%2f..%2fpackage.json', '%2e%2e%2f%2e%2e%2fpackage.json', '%252e%252e%252f',
  '..%5c..%5cpackage.json', '..\\..\\package.json', '%c0%ae%c0%ae%c0%af', '..;/', '....//', '..%00/', '/etc/passwd', 'package.json',
  '..%252f..%252fetc%252fpasswd', '%2f', '%5c', '%2fetc%2fpasswd', 'views/public/app.js', '..%2f..%2f..%2f..%2fetc%2fpasswd',
]

/** Values that break parsers, templates and markup. */
const HOSTILE_VALUES = [
  '', ' ', '\u0000', 'a\u0000b', '\uFEFF', '\u202E', '\uD800', '\uDFFF', '😀', 'Ünïcödé', 'ﬁ', 'İ', 'ß', '\u0301', '\r\n', '\t',
  "<script>alert('xss')</script>", `"><img src=x onerror=alert(1)>`, "'", '"', '`', '\\', '${7*7}', '{{7*7}}', '__proto__', 'constructor', 'toString', 'hasOwnProperty',
  'javascript:alert(1)', 'data:text/html,x', '=cmd|/c calc', '+1', '-1', '@x', '0', '-0', '1e308', '99999999999999999999', 'NaN',
  'Infinity', '0x10', '1.5', ' 2', '١٢', '2024-13-45', '0000', '9999-99-99', '2024-02-30', '+002024', 'relevance', 'newest', 'article',
  'csv', 'jsonl', 'xml', 'source', 'person', 'topic', 'undated',
]

/** Query-language tokens, to be strung together into malformed or costly queries. */
const QUERY_TOKENS = [
  '"', '""', '(', ')', '((', '))', 'OR', 'AND', 'NOT', 'or', '-', '--', '*', '**', 'remit*', 'a*', '*a', 'person:', 'person:"', 'source:',
  'topic:', 'after:', 'before:', 'after:2019', 'before:0000-13-45', ':', '-"', 'the', 'a', 'of', 'Rahmon', 'Putin', 'Tajikistan',
  'remittances', 'Rakhmon', '\\', '~', '^2', '+', '?', 'ö', '’',
]

const NAMES = [...SEARCH_PARAMS, 'format', 'more', 'person_contains', 'utm_source', 'fbclid', '', '__proto__', 'constructor', 'q[]', 'Q', '%71', 'q%00', '%', 'exclude_']

const targetPaths = ['/', '/api/search', '/api/export', '/healthz', '/static/app.js', '/static/app.css', '/static/htmx.min.js', '/static/favicon.svg', '/favicon.ico', '/api', '/api/', '//', '/./', '/../']
const paramRoutes = ['/people/', '/articles/', '/passages/', '/api/passages/', '/api/articles/', '/static/', '/']

function encodeSafely(value: string): string {
  try {
    return encodeURIComponent(value)
  } catch {
    // A lone surrogate cannot be encoded: send it as the replacement character's bytes.
    return encodeURIComponent(value.replace(/[\uD800-\uDFFF]/g, '\uFFFD'))
  }
}

/** A value written into a URL in one of several ways: encoded, raw, double-encoded, or spliced with bad escapes. */
function written(value: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.oneof(
    value.map(encodeSafely),
    value,
    value.map((v) => encodeSafely(encodeSafely(v))),
    fc.tuple(value, fc.constantFrom(...BAD_ENCODINGS), fc.nat(40)).map(([v, bad, at]) => {
      const text = encodeSafely(v)
      const cut = Math.min(at, text.length)
      return text.slice(0, cut) + bad + text.slice(cut)
    }),
  )
}

function hostileValue(corpus: FuzzCorpus): fc.Arbitrary<string> {
  const query = fc.array(fc.constantFrom(...QUERY_TOKENS), { maxLength: 40 }).chain((tokens) => fc.constantFrom(tokens.join(' '), tokens.join('')))
  const huge = fc.tuple(fc.constantFrom('a', 'a ', '(', '"', 'a OR ', '%', '\u00e9', 'remit* '), fc.constantFrom(999, 1000, 1001, 3000, 20_000)).map(([unit, n]) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n))
  const real = [...corpus.facetValues, ...corpus.people].length > 0 ? fc.constantFrom(...corpus.facetValues, ...corpus.people) : fc.constant('')
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_VALUES) },
    { weight: 3, arbitrary: query },
    { weight: 2, arbitrary: fc.string({ maxLength: 30 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
    { weight: 1, arbitrary: huge },
    { weight: 2, arbitrary: real },
  )
}

function segment(corpus: FuzzCorpus): fc.Arbitrary<string> {
  const ids = [...corpus.articleIds, ...corpus.passageIds, ...corpus.people]
  return fc.oneof(
    { weight: 3, arbitrary: ids.length > 0 ? fc.constantFrom(...ids).map(encodeSafely) : fc.constant('x') },
    { weight: 3, arbitrary: fc.constantFrom(...TRAVERSALS) },
    { weight: 4, arbitrary: written(hostileValue(corpus)).map((v) => v.replace(/[?#]/g, encodeURIComponent)) },
  )
}

function path(corpus: FuzzCorpus): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(...targetPaths),
    fc.tuple(fc.constantFrom(...paramRoutes), segment(corpus)).map(([route, id]) => route + id),
    fc.tuple(fc.constantFrom(...paramRoutes), segment(corpus), segment(corpus)).map(([route, a, b]) => `${route}${a}/${b}`),
  )
}

function parameterName(corpus: FuzzCorpus): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...NAMES, ...corpus.facetParams) },
    { weight: 1, arbitrary: written(fc.string({ maxLength: 12 })) },
  )
}

function query(corpus: FuzzCorpus): fc.Arbitrary<string> {
  const pairOf = (value: fc.Arbitrary<string>) =>
    fc.tuple(parameterName(corpus), written(value)).map(([name, v]) => `${name}=${v.replace(/[&#]/g, encodeURIComponent)}`)
  const pair = pairOf(hostileValue(corpus))
  // Repeats of a short pair: up to some tens of kilobytes, past every limit, without building megabyte addresses.
  const repeated = fc.tuple(pairOf(hostileValue(corpus).map((v) => v.slice(0, 100))), fc.integer({ min: 2, max: 300 })).map(([p, times]) => Array(times).fill(p).join('&'))
  return fc.array(fc.oneof({ weight: 6, arbitrary: pair }, { weight: 1, arbitrary: repeated }, { weight: 1, arbitrary: fc.constantFrom('&', '=', '&&', '==', 'q', 'q=', '=x') }), { maxLength: 8 }).map((parts) => parts.join('&'))
}

const headers: fc.Arbitrary<Record<string, string>> = fc.record(
  {
    'HX-Request': fc.constantFrom('true', 'false', ''),
    'HX-History-Restore-Request': fc.constant('true'),
    'If-None-Match': fc.constantFrom('*', '"x"', 'W/"x"'),
    Accept: fc.constantFrom('application/json', 'text/html', '*/*'),
  },
  { requiredKeys: [] },
)

/** One request: any route, any parameters, some headers. */
export function fuzzRequest(corpus: FuzzCorpus): fc.Arbitrary<FuzzRequest> {
  return fc.record({
    target: fc.tuple(path(corpus), fc.option(query(corpus), { nil: undefined })).map(([p, q]) => (q === undefined ? p : `${p}?${q}`)),
    headers,
  })
}

/** Traces of the inside of the server an answer must never show, with what each one means. */
const LEAKS: Array<[RegExp, string]> = [
  [/\n\s*at \S[^\n]*:\d+:\d+\)?/, 'a stack trace'],
  [/node:internal|node_modules\/|file:\/\//, 'a module path'],
  [new RegExp(PROJECT_ROOT.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\/$/, '')), "the project's folder"],
  [/\b(TypeError|RangeError|ReferenceError|SyntaxError|URIError)\b/, "an internal error's name"],
]

/** What is wrong with an answer: a 5xx status or a leak, as sentences; empty when nothing is. */
export function answerProblems(status: number, body: string): string[] {
  const problems: string[] = []
  if (status >= 500) problems.push(`status ${status}`)
  for (const [pattern, what] of LEAKS) if (pattern.test(body)) problems.push(`${what} in the body`)
  return problems
}
