// The query language: reads what a person typed into words, phrases, OR groups, exclusions and field
// filters, and says how it read them. It never throws: anything malformed is read as words, or as nothing.
// The syntax reference with examples is docs/query-language.md.
import type { FacetFilters, FacetName, QueryClause } from '../model.ts'
import { foldTerm, tokenize, type Token } from '../text/analyze.ts'
import { isStopWord } from '../text/stop-words.ts'
import { parseDateBound, previousPeriod } from '../text/dates.ts'

export type QueryNode =
  /** A word as typed (not analysed: the engine folds and stems it); `prefix` for `word*` or the word being typed. */
  | { type: 'term'; word: string; prefix: boolean }
  /** Words that must appear in this order: `"exact phrase"`, or a hyphenated word like `pro-Russian`. */
  | { type: 'phrase'; words: string[] }
  | { type: 'and'; children: QueryNode[] }
  | { type: 'or'; children: QueryNode[] }

export interface ParsedQuery {
  /** Every node must match (AND). Empty for a browse (filters only, or an empty query). */
  must: QueryNode[]
  /** No node may match: `-word`, `-"phrase"`, `-(a b)`, `NOT word`. Exclusions apply to the whole query. */
  not: QueryNode[]
  /** Field terms mapped onto facet filters (OR within a facet, like the facets): `person:"…"`, `source:`, `topic:`. */
  filters: FacetFilters
  /** `-person:…`, `-source:…`, `-topic:…`. */
  exclude: FacetFilters
  /** Inclusive lower date bound from `after:` (`after:2019` → "2019": 2019 and later). */
  from?: string
  /** Inclusive upper date bound from `before:`, which is strict (`before:2020-01-01` → "2019-12-31"). */
  to?: string
  /** How the query was read, clause by clause, for the page. */
  reading: QueryClause[]
}

export interface ParseOptions {
  /** Treat the last word as a prefix (search as you type) when the input ends inside it. Default false. */
  prefixLastWord?: boolean
  /**
   * Facet names a field term may use (`places:usa`), besides the built-in person, source, topic and tag.
   * Any other `name:value` is read as words.
   */
  fields?: readonly FacetName[]
}

/** Facets the language knows whatever the index: any other `name:value` is read as words unless `fields` names it. */
const BUILT_IN_FIELDS: readonly FacetName[] = ['person', 'source', 'topic', 'tag']
const DATE_FIELDS = new Set(['before', 'after'])

/** Deeper parentheses than this are read as nothing, so no input can exhaust the stack. */
const MAX_GROUP_DEPTH = 32

// ---------------------------------------------------------------------------------------------
// Lexing

type Lexeme =
  | { kind: 'open' }
  | { kind: 'close' }
  | { kind: 'or' }
  | { kind: 'and' }
  /** A leading `-` or the keyword `NOT`. */
  | { kind: 'not' }
  | { kind: 'phrase'; text: string }
  | { kind: 'field'; name: string; value: string; raw: string }
  /** A run of non-space characters; `atEnd` when it ends the input (the word being typed). */
  | { kind: 'word'; text: string; atEnd: boolean }

const QUOTES = new Set(['"', '“', '”', '„'])
const isSpace = (char: string): boolean => /\s/u.test(char)

/** Position of the quote closing the one at `open`, or -1. */
function closingQuote(input: string, open: number): number {
  for (let index = open + 1; index < input.length; index += 1) {
    if (QUOTES.has(input[index]!)) return index
  }
  return -1
}

function lex(input: string, fields: ReadonlySet<string>): Lexeme[] {
  const lexemes: Lexeme[] = []
  let index = 0
  while (index < input.length) {
    const char = input[index]!
    if (isSpace(char)) {
      index += 1
    } else if (char === '(' || char === ')') {
      lexemes.push({ kind: char === '(' ? 'open' : 'close' })
      index += 1
    } else if (QUOTES.has(char)) {
      const close = closingQuote(input, index)
      // An unbalanced quote is dropped and what follows it is read as words.
      if (close >= 0) lexemes.push({ kind: 'phrase', text: input.slice(index + 1, close) })
      index = close >= 0 ? close + 1 : index + 1
    } else if (char === '-' && index + 1 < input.length && !isSpace(input[index + 1]!)) {
      // A leading minus excludes what follows; inside a chunk ("pro-Russian") it never gets here.
      lexemes.push({ kind: 'not' })
      index += 1
    } else {
      index = lexChunk(input, index, lexemes, fields)
    }
  }
  return lexemes
}

/** Reads one chunk of non-space text from `start`: a keyword, a field term or a word; returns where it ends. */
function lexChunk(input: string, start: number, lexemes: Lexeme[], fields: ReadonlySet<string>): number {
  let end = start
  while (end < input.length && !isSpace(input[end]!) && input[end] !== '(' && input[end] !== ')' && !QUOTES.has(input[end]!)) {
    end += 1
  }
  const text = input.slice(start, end)
  if (text === 'OR' || text === 'AND' || text === 'NOT') {
    lexemes.push({ kind: text === 'OR' ? 'or' : text === 'AND' ? 'and' : 'not' })
    return end
  }
  const field = /^([A-Za-z][A-Za-z0-9_]*):(.*)$/su.exec(text)
  const name = field?.[1]?.toLowerCase()
  if (field && name && (fields.has(name) || DATE_FIELDS.has(name))) {
    const bare = field[2]!
    if (bare === '' && end < input.length && QUOTES.has(input[end]!)) {
      const close = closingQuote(input, end)
      if (close >= 0) {
        lexemes.push({ kind: 'field', name, value: input.slice(end + 1, close).trim(), raw: input.slice(start, close + 1) })
        return close + 1
      }
      // `person:"Rustam Em` (unclosed): the field is dropped and the rest read as words.
      return end + 1
    }
    lexemes.push({ kind: 'field', name, value: bare, raw: text })
    return end
  }
  if (text !== '') lexemes.push({ kind: 'word', text, atEnd: end === input.length })
  return Math.max(end, start + 1)
}

// ---------------------------------------------------------------------------------------------
// Parsing

/** Connectors that make one word of two ("pro-Russian", "Russia–Ukraine"): read as a phrase. */
const HYPHENS = /^[-‐‑‒–—]+$/u

interface ParseState {
  lexemes: Lexeme[]
  position: number
  prefixLastWord: boolean
  not: QueryNode[]
  filters: FacetFilters
  exclude: FacetFilters
  from?: string
  to?: string
  dateClauses: QueryClause[]
}

export function parseQuery(input: string, options: ParseOptions = {}): ParsedQuery {
  const text = typeof input === 'string' ? input : ''
  const state: ParseState = {
    lexemes: lex(text, new Set([...BUILT_IN_FIELDS, ...(options.fields ?? [])].map((name) => name.toLowerCase()))),
    position: 0,
    // Only while the input ends inside a word: a trailing space or quote means the word is finished.
    prefixLastWord: (options.prefixLastWord ?? false) && text !== '' && !isSpace(text.at(-1)!) && !QUOTES.has(text.at(-1)!),
    not: [],
    filters: {},
    exclude: {},
    dateClauses: [],
  }
  const must = flattenAnd(parseSequence(state, 0))
  const parsed: ParsedQuery = { must, not: state.not, filters: state.filters, exclude: state.exclude, reading: [] }
  if (state.from !== undefined) parsed.from = state.from
  if (state.to !== undefined) parsed.to = state.to
  parsed.reading = readingOf(parsed, state.dateClauses)
  return parsed
}

/** Operands up to the closing parenthesis of this depth (or the end), OR binding tighter than AND. */
function parseSequence(state: ParseState, depth: number): QueryNode[] {
  const nodes: QueryNode[] = []
  let pendingOr = false
  while (state.position < state.lexemes.length) {
    const lexeme = state.lexemes[state.position]!
    if (lexeme.kind === 'close') {
      state.position += 1
      if (depth > 0) break
      continue // a stray ")" is read as nothing
    }
    if (lexeme.kind === 'or') {
      state.position += 1
      // "OR" with nothing on its left ("OR a", "( OR a") is read as nothing; "a OR OR b" as "a OR b".
      pendingOr = nodes.length > 0
      continue
    }
    if (lexeme.kind === 'and') {
      state.position += 1
      pendingOr = false
      continue
    }
    const node = parseOperand(state, depth)
    if (node === null) {
      // An exclusion, a field or nothing readable: an OR before it has no right-hand side.
      pendingOr = false
      continue
    }
    if (pendingOr) {
      nodes.push(orOf(nodes.pop()!, node))
      pendingOr = false
    } else {
      nodes.push(node)
    }
  }
  return nodes
}

/** One operand; exclusions and field terms are recorded in the state and give null. */
function parseOperand(state: ParseState, depth: number): QueryNode | null {
  const lexeme = state.lexemes[state.position]!
  if (lexeme.kind === 'field') {
    state.position += 1
    return applyField(state, lexeme, false)
  }
  if (lexeme.kind !== 'not') return parsePrimary(state, depth, true)
  state.position += 1
  const next = state.lexemes[state.position]
  // A lone "-" or "NOT" before an operator, a ")" or the end is read as nothing.
  if (next === undefined || next.kind === 'or' || next.kind === 'and' || next.kind === 'close' || next.kind === 'not') return null
  let excluded: QueryNode | null
  if (next.kind === 'field') {
    state.position += 1
    excluded = applyField(state, next, true)
  } else {
    excluded = parsePrimary(state, depth, false)
  }
  if (excluded !== null) state.not.push(excluded)
  return null
}

function parsePrimary(state: ParseState, depth: number, positive: boolean): QueryNode | null {
  const lexeme = state.lexemes[state.position]!
  state.position += 1
  switch (lexeme.kind) {
    case 'open': {
      if (depth >= MAX_GROUP_DEPTH) return null
      return andOf(parseSequence(state, depth + 1))
    }
    case 'phrase':
      return phraseOf(tokenize(lexeme.text).map((token) => token.text))
    case 'word':
      return wordNode(lexeme.text, positive && state.prefixLastWord && lexeme.atEnd)
    default:
      return null
  }
}

/**
 * A chunk of non-space text as typed: one word, or several its punctuation separates. Hyphen-joined
 * words are a phrase ("pro-Russian"); words joined by anything else (a URL, "foo:bar") are all required.
 * A trailing `*`, or `typing` when the chunk ends the input, makes the last word a prefix.
 */
function wordNode(chunk: string, typing: boolean): QueryNode | null {
  const tokens = tokenize(chunk)
  if (tokens.length === 0) return null
  const last = tokens.at(-1)!
  const starred = chunk.endsWith('*') && last.end === chunk.replace(/\*+$/u, '').length
  // While typing, a one-letter word is not expanded: it would match nearly every word in the index.
  const prefix = starred || (typing && last.end === chunk.length && last.text.length >= 2)
  if (tokens.length === 1) return { type: 'term', word: last.text, prefix }
  const hyphenated = tokens.slice(1).every((token, index) => HYPHENS.test(chunk.slice(tokens[index]!.end, token.start)))
  if (hyphenated && !prefix) return { type: 'phrase', words: tokens.map((token) => token.text) }
  return andOf(tokens.map((token: Token) => ({ type: 'term', word: token.text, prefix: prefix && token === last })))
}

function phraseOf(words: string[]): QueryNode | null {
  if (words.length === 0) return null
  if (words.length === 1) return { type: 'term', word: words[0]!, prefix: false }
  return { type: 'phrase', words }
}

function andOf(children: QueryNode[]): QueryNode | null {
  const flat = flattenAnd(children)
  if (flat.length === 0) return null
  return flat.length === 1 ? flat[0]! : { type: 'and', children: flat }
}

function flattenAnd(nodes: QueryNode[]): QueryNode[] {
  return nodes.flatMap((node) => (node.type === 'and' ? flattenAnd(node.children) : [node]))
}

function orOf(left: QueryNode, right: QueryNode): QueryNode {
  const children = [left, right].flatMap((node) => (node.type === 'or' ? node.children : [node]))
  return { type: 'or', children }
}

// ---------------------------------------------------------------------------------------------
// Field terms

/**
 * Records a field term in the filters or date bounds. Returns the words to read in its place when it was
 * not a usable field term after all (an impossible date: "before:2019-13-45" is read as words).
 */
function applyField(state: ParseState, field: Extract<Lexeme, { kind: 'field' }>, negated: boolean): QueryNode | null {
  const value = field.value.trim()
  // "person:" or "after:" with no value is read as nothing (it is usually a query still being typed).
  if (value === '') return null
  const facet = DATE_FIELDS.has(field.name) ? undefined : field.name
  if (facet !== undefined) {
    const target = negated ? state.exclude : state.filters
    const values = target[facet] ?? []
    if (!values.includes(value)) values.push(value)
    target[facet] = values
    return null
  }
  const bound = parseDateBound(value)
  if (bound === null) return wordNode(field.raw, false)
  // `-after:X` means before X, and `-before:X` means from X on.
  const isAfter = (field.name === 'after') !== negated
  if (isAfter) {
    state.from = state.from === undefined || bound > state.from ? bound : state.from
    state.dateClauses.push({ kind: 'field', field: 'after', terms: [bound] })
  } else {
    const to = previousPeriod(bound)
    state.to = state.to === undefined || to < state.to ? to : state.to
    state.dateClauses.push({ kind: 'field', field: 'before', terms: [bound] })
  }
  return null
}

// ---------------------------------------------------------------------------------------------
// The reading

function readingOf(parsed: ParsedQuery, dateClauses: QueryClause[]): QueryClause[] {
  const reading: QueryClause[] = []
  const plain = parsed.must.filter((node): node is Extract<QueryNode, { type: 'term' }> => node.type === 'term' && !node.prefix)
  // Stop words are not searched for unless the query has nothing else (see stop-words.ts).
  const meaningful = plain.filter((node) => !isStopWord(foldTerm(node.word)))
  const allTerms = unique((meaningful.length > 0 ? meaningful : plain).map((node) => node.word))
  if (allTerms.length > 0) reading.push({ kind: 'all', terms: allTerms })
  const prefixes = parsed.must.filter((node) => node.type === 'term' && node.prefix)
  if (prefixes.length > 0) reading.push({ kind: 'prefix', terms: unique(prefixes.map(describeNode)) })
  for (const node of parsed.must) {
    if (node.type === 'phrase') reading.push({ kind: 'phrase', terms: [node.words.join(' ')] })
  }
  for (const node of parsed.must) {
    if (node.type === 'or') reading.push({ kind: 'any', terms: node.children.map(describeNode) })
  }
  if (parsed.not.length > 0) reading.push({ kind: 'not', terms: unique(parsed.not.map(describeNode)) })
  for (const [facet, values] of Object.entries(parsed.filters)) {
    reading.push({ kind: 'field', field: facet, terms: values ?? [] })
  }
  reading.push(...dateClauses)
  for (const [facet, values] of Object.entries(parsed.exclude)) {
    reading.push({ kind: 'not', field: facet, terms: values ?? [] })
  }
  return reading
}

function describeNode(node: QueryNode): string {
  switch (node.type) {
    case 'term':
      return node.prefix ? `${node.word}*` : node.word
    case 'phrase':
      return `"${node.words.join(' ')}"`
    case 'and':
      return `(${node.children.map(describeNode).join(' ')})`
    case 'or':
      return `(${node.children.map(describeNode).join(' OR ')})`
  }
}

function unique(values: string[]): string[] {
  return [...new Set(values)]
}

const CLAUSE_LABELS: Record<QueryClause['kind'], string> = {
  all: 'all of',
  any: 'any of',
  phrase: 'phrase',
  not: 'not',
  prefix: 'starts with',
  field: '',
}

/**
 * One line for the page: "all of: migrant, remittance · phrase: special military operation · not: Ukraine
 * · person: Rustam Emomali". Several values of one field read "person: Putin or Lavrov", as they combine
 * with OR like the facets. Empty for an empty reading.
 */
export function describeReading(reading: QueryClause[]): string {
  return reading
    .map((clause) => {
      if (clause.kind === 'field') return `${clause.field}: ${clause.terms.join(' or ')}`
      if (clause.kind === 'not' && clause.field) return `not ${clause.field}: ${clause.terms.join(' or ')}`
      return `${CLAUSE_LABELS[clause.kind]}: ${clause.terms.join(', ')}`
    })
    .join(' · ')
}
