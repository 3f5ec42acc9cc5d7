// The HTTP fuzz suite: a few thousand random and hostile requests over every route, through app.request() on
// the seeds, must each be answered in time, never with a 5xx, and never with a stack trace or a file path.
// `npm run fuzz -- --requests 100000` runs the same requests for longer against a real server.
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Hono } from 'hono'
import { createApp } from '../../src/server/app.tsx'
import { answerProblems, fuzzCorpus, fuzzRequest, type FuzzCorpus } from './fuzz-requests.ts'
import { seedsEngine } from './hostile-corpus.ts'

/** Requests per run of `npm test`; FUZZ_RUNS raises it. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 2000)
/** An answer slower than this counts as a hang. */
const HANG_MS = 10_000

function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T | 'hang'> {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<'hang'>((resolve) => (timer = setTimeout(() => resolve('hang'), ms)))
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer))
}

describe('the HTTP fuzz suite', () => {
  let app: Hono
  let corpus: FuzzCorpus

  beforeAll(async () => {
    const engine = await seedsEngine()
    corpus = await fuzzCorpus(engine)
    app = createApp(engine, { log: () => {} })
  })

  it(`answers ${RUNS} random and hostile requests in time, never with a 5xx, a stack trace or a file path`, async () => {
    const statuses = new Map<number, number>()
    await fc.assert(
      fc.asyncProperty(fuzzRequest(corpus), async ({ target, headers }) => {
        const respond = async () => {
          const response = await app.request(target, { headers })
          return { status: response.status, body: await response.text() }
        }
        const answer = await withDeadline(respond(), HANG_MS)
        if (answer === 'hang') throw new Error(`${target}: no answer within ${HANG_MS} ms`)
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1)
        const problems = answerProblems(answer.status, answer.body)
        if (problems.length > 0) throw new Error(`${target}: ${problems.join('; ')}\n${answer.body.slice(0, 500)}`)
      }),
      { numRuns: RUNS },
    )
    // The requests reach the real pages and documents, not only error answers.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(RUNS / 10)
    expect(statuses.get(400) ?? 0).toBeGreaterThan(0)
    expect(statuses.get(404) ?? 0).toBeGreaterThan(0)
  }, 240_000)

  it('answers the classic traversals with a 404, never a file', async () => {
    for (const target of ['/static/..%2f..%2fpackage.json', '/static/%2e%2e/%2e%2e/package.json', '/..%2f..%2fpackage.json', '/static/..\\..\\package.json', '/%2e%2e/%2e%2e/etc/passwd']) {
      const response = await app.request(target)
      expect(response.status, target).toBe(404)
      expect(await response.text()).not.toMatch(/"dependencies"|root:x:0/)
    }
  })
})
