// Searches take turns. An in-process search runs synchronously, tens of milliseconds for a common word
// at a million passages. Run straight from the request handlers, a burst of requests is answered back to
// back in one event-loop turn while Node accepts about one new connection per turn, so under load a client
// that has just connected waits seconds: 50 clients against a plain Node server spending 12 ms per
// request gave p99 5.0 s, and 13 of the 50 got no answer in 8 s. Queued and run one per turn in arrival
// order, every request waits its fair share (same load: p99 1.06 s, all 50 served), and the server keeps
// accepting connections and serving pages between searches.
import { withSearch, type SearchEngine } from '../engine/engine.ts'
import type { SearchRequest, SearchResponse } from '../model.ts'

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
  const search = (request: SearchRequest) =>
    new Promise<SearchResponse>((resolve, reject) => {
      queue.push(() => {
        try {
          engine.search(request).then(resolve, reject)
        } catch (error) {
          reject(error)
        }
      })
      schedule()
    })
  return withSearch(engine, search)
}
