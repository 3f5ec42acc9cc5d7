// A search thread (see threads.ts): loads the index, then answers the searches the server passes it, one
// at a time, and applies the changes the server's copy takes. While a search runs this thread reads no
// messages, so whether its client has hung up, and whether others are waiting, arrive through memory shared
// with the server's thread.
import { parentPort, workerData } from 'node:worker_threads'
import { createEmbeddedBackend } from './backend.ts'
import { ABORTED_ID, CONTENDED, type ThreadMessage, type ThreadReply, type ThreadSetup } from './threads.ts'

const { indexDir, searchBudgetMs, cacheBytes, flags } = workerData as ThreadSetup & { entry: string }
const shared = new Int32Array(flags)
const engine = await createEmbeddedBackend(indexDir, { searchBudgetMs, cacheBytes }).loadEngine()
const port = parentPort!

port.on('message', async (message: ThreadMessage) => {
  const { id } = message
  let reply: ThreadReply
  try {
    if ('change' in message) {
      await engine.applyInSlices(message.change)
      reply = { id, applied: true }
    } else {
      // Only `aborted` is read by the search's budget; an AbortController here could not be aborted while
      // the search holds this thread.
      const signal = { get aborted() { return Atomics.load(shared, ABORTED_ID) === id } } as AbortSignal
      const contended = () => Atomics.load(shared, CONTENDED) === 1
      reply = { id, response: await engine.search(message.request, { signal, contended, budgetMs: message.budgetMs, sliceMs: message.sliceMs }) }
    }
  } catch (error) {
    reply = { id, error: (error as Error).message }
  }
  port.postMessage(reply)
})
const stats = await engine.stats()
port.postMessage({ ready: true, passages: stats.passages, updatedAt: stats.updatedAt } satisfies ThreadReply)
