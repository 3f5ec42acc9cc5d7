// Searches take turns. An in-process search runs synchronously, tens of milliseconds for a common word
// at a million passages. Run straight from the request handlers, a burst of requests is answered back to
// back in one event-loop turn while Node accepts about one new connection per turn, so under load a client
// that has just connected waits seconds: 50 clients against a plain Node server spending 12 ms per
// request gave p99 5.0 s, and 13 of the 50 got no answer in 8 s. Queued and run one per turn in arrival
// order, every request waits its fair share (same load: p99 1.06 s, all 50 served), and the server keeps
// accepting connections and serving pages between searches.
//
// A search whose client has gone is dropped when its turn comes (and a running one stops at its next look at
// the budget), so clients that hang up cannot keep the others waiting.
import { HTTPException } from 'hono/http-exception'
import { withSearch, type SearchEngine, type SearchOptions } from '../engine/engine.ts'
import type { SearchRequest, SearchResponse } from '../model.ts'
import { currentSignal } from './request-context.ts'

/** The status a search answers when its client has gone (nginx's "client closed request"): nobody reads it. */
const CLIENT_GONE = 499

/** The engine with `search` calls queued, one per event-loop turn, first come first served. */
export function takingTurns(engine: SearchEngine): SearchEngine {
  const queue: (() => void)[] = []
  let scheduled = false
  const runNext = () => {
    scheduled = false
    queue.shift()?.()
    // The next search waits for the next turn, after the loop has read sockets and accepted connections.
    if (queue.length > 0) schedule()
  }
  const schedule = () => {
    if (scheduled) return
    scheduled = true
    setImmediate(runNext)
  }
  const search = (request: SearchRequest, options: SearchOptions = {}) =>
    new Promise<SearchResponse>((resolve, reject) => {
      const signal = options.signal ?? currentSignal()
      queue.push(() => {
        if (signal?.aborted) {
          reject(new HTTPException(CLIENT_GONE as 400, { message: 'The client closed the connection.' }))
          return
        }
        try {
          engine.search(request, { ...options, signal }).then(resolve, reject)
        } catch (error) {
          reject(error)
        }
      })
      schedule()
    })
  return withSearch(engine, search)
}
