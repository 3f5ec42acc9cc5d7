// What a search deep in the app needs to know of the request it serves: whether its client is still there.
// Carried by AsyncLocalStorage, so the routes pass requests to the engine unchanged and the search queue
// (search-turns.ts) can drop or stop the searches of clients that hung up.
import { AsyncLocalStorage } from 'node:async_hooks'
import type { Context, Next } from 'hono'

interface RequestContext {
  /** Aborted when the client closes the connection before the answer is sent. */
  signal?: AbortSignal
}

const storage = new AsyncLocalStorage<RequestContext>()

/** The signal of the request being served, if any. */
export function currentSignal(): AbortSignal | undefined {
  return storage.getStore()?.signal
}

export function requestContext() {
  return async function requestContextMiddleware(c: Context, next: Next) {
    await storage.run({ signal: c.req.raw.signal }, next)
  }
}
