// Searches take turns. An in-process search runs synchronously, tens of milliseconds for a common word
// at a million passages. Run straight from the request handlers, a burst of requests is answered back to
// back in one event-loop turn while Node accepts about one new connection per turn, so under load a client
// that has just connected waits seconds: 50 clients against a plain Node server spending 12 ms per
// request gave p99 5.0 s, and 13 of the 50 got no answer in 8 s. Queued and run one per turn in arrival
// order, every request waits its fair share (same load: p99 1.06 s, all 50 served), and the server keeps
// accepting connections and serving pages between searches.
//
// Searches likely to be costly (short prefixes, groups, stop words only) wait while quick ones go, and get at
// most a tenth of the loop's time while quick ones wait (a share of time, not of turns: counted in turns,
// five clients resending the costliest queries they can write held twenty normal clients to 56 searches a
// second, p50 336 ms, on the 131k bench corpus; with a fifth of the time, normal p99 was 212 ms, with a
// tenth 116 ms). Any search that runs long while others wait stops at its slice, marked partial.
//
// While a search runs, the requests that arrive meanwhile sit unread in their sockets, so the queue cannot
// show them: a costly search that started with nobody queued would run its whole budget (250 ms) while
// twenty normal clients piled up behind it (131k bench, attackers hanging up and resending: normal p99 127
// ms). So when quick searches have lately been arriving faster than one a user types, others are taken to be
// waiting even when none is queued yet.
//
// A search whose client has gone is dropped when its turn comes (and a running one stops at its next look at
// the budget), so clients that hang up cannot keep the others waiting.
import { HTTPException } from 'hono/http-exception'
import { withSearch, type SearchEngine, type SearchOptions } from '../engine/engine.ts'
import type { SearchRequest, SearchResponse } from '../model.ts'
import { currentSignal } from './request-context.ts'
import { parseQuery, type QueryNode } from '../query/parse.ts'
import { foldTerm } from '../text/analyze.ts'
import { isStopWord } from '../text/stop-words.ts'

/** The status a search answers when its client has gone (nginx's "client closed request"): nobody reads it. */
const CLIENT_GONE = 499

/** While light searches wait, heavy ones get at most this share of the time spent searching… */
const HEAVY_SHARE = 0.1
/** …and none waits longer than this for its turn, so heavy ones are never starved. */
const MAX_HEAVY_WAIT_MS = 2000
/** Time spent is remembered with this half-life, so the share follows the recent past. */
const HALF_LIFE_MS = 1000
/** Quick searches arriving faster than this (per second) mean others are about to wait. One user typing
 * sends a few a second; twenty clients, hundreds. */
const BUSY_PER_SECOND = 10
/** While others wait, a heavy search stops after this long (answering what it has, marked partial)… */
const HEAVY_SLICE_MS = 10
/** …and a light one after this long, since it was expected to be quick. */
const LIGHT_SLICE_MS = 100

/**
 * Whether a search is likely to be costly, from its reading alone (parsing costs microseconds): short
 * prefixes (`c*` stands for thousands of words; `remit*` for a few), groups, many alternatives or words, a
 * very long query, and clauses the index cannot narrow: stop words and phrases holding one, which the engine
 * checks in the text of every passage it has to look at. A clause is as costly as its costliest alternative,
 * and a search as cheap as its cheapest required clause (`the oil` looks only at passages with "oil"), but
 * excluding a costly phrase costs its whole check (131k bench: `"said the"` 230 ms, `oil -"said the"` 155
 * ms, `oil "said the"` 25 ms). Exclusions never make a costly search look cheap (`the -qzx` stays costly).
 */
export function looksHeavy(request: SearchRequest): boolean {
  const query = request.query ?? ''
  if (query.length > 120 || /[()]/.test(query)) return true
  const { must, not } = parseQuery(query, { prefixLastWord: request.prefixLastWord })
  const nodes = [...must, ...not]
  if (nodes.some(widePrefix) || nodes.reduce((sum, node) => sum + wordCount(node), 0) > 12) return true
  const costlyExclusion = (node: QueryNode) => costly(node) && !(node.type === 'term' && isStopWord(foldTerm(node.word)))
  return (must.length > 0 && must.every(costly)) || not.some(costlyExclusion)
}

/** Alternatives beyond this many make a clause costly whatever its words. */
const MAX_CHEAP_ALTERNATIVES = 3

function costly(node: QueryNode): boolean {
  switch (node.type) {
    case 'term':
      return isStopWord(foldTerm(node.word))
    case 'phrase':
      return node.words.some((word) => isStopWord(foldTerm(word)))
    case 'or':
      return node.children.length > MAX_CHEAP_ALTERNATIVES || node.children.some(costly)
    case 'and':
      return node.children.every(costly)
  }
}

function widePrefix(node: QueryNode): boolean {
  if (node.type === 'term') return node.prefix && node.word.length <= 2
  return node.type !== 'phrase' && node.children.some(widePrefix)
}

function wordCount(node: QueryNode): number {
  if (node.type === 'term') return 1
  if (node.type === 'phrase') return node.words.length
  return node.children.reduce((sum, child) => sum + wordCount(child), 0)
}

/**
 * The engine with `search` calls queued, one per event-loop turn: light searches first come first served,
 * heavy ones (see `looksHeavy`) within their share of the time; and a search that runs long while others
 * wait gives way, answering what it has, marked partial.
 */
export function takingTurns(engine: SearchEngine, { clock = () => performance.now() }: { clock?: () => number } = {}): SearchEngine {
  interface Turn {
    /** Starts the search; undefined when it was dropped instead (its client had gone). */
    run: () => Promise<unknown> | undefined
    queuedAt: number
  }
  const light: Turn[] = []
  const heavy: Turn[] = []
  // Milliseconds spent on each kind lately (decayed): the measure of each one's share.
  const spent = { light: 0, heavy: 0, at: clock() }
  // Quick searches arrived lately (decayed with the same half-life): at a steady rate r a second, it holds
  // r × HALF_LIFE_MS / 1000 / ln 2.
  const arrived = { light: 0, at: clock() }
  const decayArrivals = () => {
    const now = clock()
    arrived.light *= 0.5 ** ((now - arrived.at) / HALF_LIFE_MS)
    arrived.at = now
  }
  const lightArrivalsPerSecond = () => {
    decayArrivals()
    return (arrived.light * Math.LN2 * 1000) / HALF_LIFE_MS
  }
  // An engine with search threads runs that many at once away from the event loop, which then sees every
  // request as it comes: others wait exactly when the queue holds them.
  const threads = engine.searchThreads
  let running = 0
  let scheduled = false
  const waiting = () => light.length + heavy.length > 0
  const contended = threads === undefined ? () => waiting() || lightArrivalsPerSecond() > BUSY_PER_SECOND : waiting
  const heavyDue = (now: number) => {
    if (heavy.length === 0) return false
    if (light.length === 0 || now - heavy[0].queuedAt > MAX_HEAVY_WAIT_MS) return true
    return spent.heavy < HEAVY_SHARE * (spent.heavy + spent.light)
  }
  const next = () => {
    const now = clock()
    const decay = 0.5 ** ((now - spent.at) / HALF_LIFE_MS)
    spent.light *= decay
    spent.heavy *= decay
    spent.at = now
    const kind = heavyDue(now) ? 'heavy' : 'light'
    return { kind, now, started: (kind === 'heavy' ? heavy : light).shift()?.run() } as const
  }
  const runNext = () => {
    scheduled = false
    if (threads === undefined) {
      // The search's own work runs synchronously inside `run` (in process; a cluster's is elsewhere).
      const { kind, now } = next()
      spent[kind] += clock() - now
      // The next search waits for the next turn, after the loop has read sockets and accepted connections.
      if (waiting()) schedule()
      return
    }
    // With threads: as many start as there are free threads, each timed from its start to its answer.
    while (waiting() && running < threads) {
      const { kind, now, started } = next()
      if (!started) continue
      running++
      void started.finally(() => {
        running--
        spent[kind] += clock() - now
        if (waiting()) schedule()
      })
    }
  }
  const schedule = () => {
    if (scheduled) return
    scheduled = true
    setImmediate(runNext)
  }
  const search = (request: SearchRequest, options: SearchOptions = {}) =>
    new Promise<SearchResponse>((resolve, reject) => {
      const signal = options.signal ?? currentSignal()
      const isHeavy = looksHeavy(request)
      const run = () => {
        if (signal?.aborted) {
          reject(new HTTPException(CLIENT_GONE as 400, { message: 'The client closed the connection.' }))
          return undefined
        }
        try {
          const answered = engine.search(request, { sliceMs: isHeavy ? HEAVY_SLICE_MS : LIGHT_SLICE_MS, contended, ...options, signal })
          answered.then(resolve, reject)
          return answered.catch(() => undefined)
        } catch (error) {
          reject(error)
          return undefined
        }
      }
      if (!isHeavy) {
        decayArrivals()
        arrived.light++
      }
      ;(isHeavy ? heavy : light).push({ run, queuedAt: clock() })
      schedule()
    })
  return withSearch(engine, search)
}
