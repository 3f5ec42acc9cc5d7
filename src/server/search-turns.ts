// Searches take turns. An in-process search runs synchronously, tens of milliseconds for a common word
// at a million passages. Run straight from the request handlers, a burst of requests is answered back to
// back in one event-loop turn while Node accepts about one new connection per turn, so under load a client
// that has just connected waits seconds: 50 clients against a plain Node server spending 12 ms per
// request gave p99 5.0 s, and 13 of the 50 got no answer in 8 s. Queued and run one per turn in arrival
// order, every request waits its fair share (same load: p99 1.06 s, all 50 served), and the server keeps
// accepting connections and serving pages between searches.
//
// Searches likely to be costly (prefixes, groups, stop words only) wait while quick ones go, and any search
// that runs long while others wait stops at its slice, marked partial: with five clients sending the costliest
// queries they can write, everyone else still gets turns.
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

/** How many light searches may go before a waiting heavy one, so heavy ones are never starved. */
const LIGHT_TURNS_PER_HEAVY = 4
/** While others wait, a heavy search stops after this long (answering what it has, marked partial)… */
const HEAVY_SLICE_MS = 25
/** …and a light one after this long, since it was expected to be quick. */
const LIGHT_SLICE_MS = 100

/**
 * Whether a search is likely to be costly, from its text alone (deciding must cost nothing): prefixes,
 * groups, many alternatives or words, a very long query, or only stop words (which the engine checks on
 * every passage's text).
 */
export function looksHeavy(request: SearchRequest): boolean {
  const query = request.query ?? ''
  if (query.length > 120 || /[*()]/.test(query)) return true
  const words = query.split(/\s+/).filter(Boolean)
  if (words.length > 12 || words.filter((word) => word === 'OR').length >= 3) return true
  const bare = words.map((word) => word.replace(/^[-"“”]+|["“”]+$/gu, ''))
  return bare.length > 0 && bare.every((word) => /^[\p{L}\p{N}'’]+$/u.test(word) && isStopWord(foldTerm(word)))
}

/**
 * The engine with `search` calls queued, one per event-loop turn: light searches first come first served,
 * heavy ones (see `looksHeavy`) in between; and a search that runs long while others wait gives way,
 * answering what it has, marked partial.
 */
export function takingTurns(engine: SearchEngine): SearchEngine {
  const light: (() => void)[] = []
  const heavy: (() => void)[] = []
  let lightTurns = 0
  let scheduled = false
  const waiting = () => light.length + heavy.length > 0
  const runNext = () => {
    scheduled = false
    const takeHeavy = heavy.length > 0 && (light.length === 0 || lightTurns >= LIGHT_TURNS_PER_HEAVY)
    lightTurns = takeHeavy ? 0 : lightTurns + 1
    ;(takeHeavy ? heavy : light).shift()?.()
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
      ;(isHeavy ? heavy : light).push(() => {
        if (signal?.aborted) {
          reject(new HTTPException(CLIENT_GONE as 400, { message: 'The client closed the connection.' }))
          return
        }
        try {
          engine.search(request, { sliceMs: isHeavy ? HEAVY_SLICE_MS : LIGHT_SLICE_MS, contended: waiting, ...options, signal }).then(resolve, reject)
        } catch (error) {
          reject(error)
        }
      })
      schedule()
    })
  return withSearch(engine, search)
}
