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
// A search whose client has gone is dropped when its turn comes (and a running one stops at its next look at
// the budget), so clients that hang up cannot keep the others waiting.
import { HTTPException } from 'hono/http-exception'
import { withSearch, type SearchEngine, type SearchOptions } from '../engine/engine.ts'
import type { SearchRequest, SearchResponse } from '../model.ts'
import { currentSignal } from './request-context.ts'
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
/** While others wait, a heavy search stops after this long (answering what it has, marked partial)… */
const HEAVY_SLICE_MS = 10
/** …and a light one after this long, since it was expected to be quick. */
const LIGHT_SLICE_MS = 100

/**
 * Whether a search is likely to be costly, from its text alone (deciding must cost nothing): short
 * prefixes (`c*` stands for thousands of words; `remit*` for a few), groups, many alternatives or words, a
 * very long query, or only stop words (which the engine checks on every passage's text).
 */
export function looksHeavy(request: SearchRequest): boolean {
  const query = request.query ?? ''
  if (query.length > 120 || /[()]/.test(query)) return true
  if (/(?:^|[^\p{L}\p{N}])[\p{L}\p{N}]{1,2}\*/u.test(query)) return true
  if (request.prefixLastWord && /(?:^|[^\p{L}\p{N}])[\p{L}\p{N}]{1,2}$/u.test(query.trimEnd())) return true
  const words = query.split(/\s+/).filter(Boolean)
  if (words.length > 12 || words.filter((word) => word === 'OR').length >= 3) return true
  const bare = words.map((word) => word.replace(/^[-"“”]+|["“”]+$/gu, ''))
  return bare.length > 0 && bare.every((word) => /^[\p{L}\p{N}'’]+$/u.test(word) && isStopWord(foldTerm(word)))
}

/**
 * The engine with `search` calls queued, one per event-loop turn: light searches first come first served,
 * heavy ones (see `looksHeavy`) within their share of the time; and a search that runs long while others
 * wait gives way, answering what it has, marked partial.
 */
export function takingTurns(engine: SearchEngine, { clock = () => performance.now() }: { clock?: () => number } = {}): SearchEngine {
  interface Turn {
    run: () => void
    queuedAt: number
  }
  const light: Turn[] = []
  const heavy: Turn[] = []
  // Milliseconds spent on each kind lately (decayed): the measure of each one's share.
  const spent = { light: 0, heavy: 0, at: clock() }
  let scheduled = false
  const waiting = () => light.length + heavy.length > 0
  const heavyDue = (now: number) => {
    if (heavy.length === 0) return false
    if (light.length === 0 || now - heavy[0].queuedAt > MAX_HEAVY_WAIT_MS) return true
    return spent.heavy < HEAVY_SHARE * (spent.heavy + spent.light)
  }
  const runNext = () => {
    scheduled = false
    const now = clock()
    const decay = 0.5 ** ((now - spent.at) / HALF_LIFE_MS)
    spent.light *= decay
    spent.heavy *= decay
    spent.at = now
    const kind = heavyDue(now) ? 'heavy' : 'light'
    // The search's own work runs synchronously inside `run` (an in-process engine); a remote one's is elsewhere.
    ;(kind === 'heavy' ? heavy : light).shift()?.run()
    spent[kind] += clock() - now
    // The next search waits for the next turn, after the loop has read sockets and accepted connections.
    if (waiting()) schedule()
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
          return
        }
        try {
          engine.search(request, { sliceMs: isHeavy ? HEAVY_SLICE_MS : LIGHT_SLICE_MS, contended: waiting, ...options, signal }).then(resolve, reject)
        } catch (error) {
          reject(error)
        }
      }
      ;(isHeavy ? heavy : light).push({ run, queuedAt: clock() })
      schedule()
    })
  return withSearch(engine, search)
}
