import { describe, it, expect } from 'vitest'
import type { SearchEngine, SearchOptions } from '../../src/engine/engine.ts'
import type { SearchRequest, SearchResponse } from '../../src/model.ts'
import { looksHeavy, takingTurns } from '../../src/server/search-turns.ts'

/** An engine whose searches log themselves and, on the first one, queue other work on the event loop. */
function loggingEngine(log: string[]): SearchEngine {
  return {
    async search(request: SearchRequest) {
      if (request.query === 'broken') throw new Error('index unreadable')
      if (log.length === 0) setImmediate(() => log.push('other work'))
      log.push(request.query!)
      return { query: request.query } as SearchResponse
    },
  } as SearchEngine
}

describe('searches taking turns', () => {
  it('answers each search with its own response, first come first served', async () => {
    const log: string[] = []
    const engine = takingTurns(loggingEngine(log))
    const responses = await Promise.all(['dam', 'river', 'cotton'].map((query) => engine.search({ query })))
    expect(responses.map((r) => r.query)).toEqual(['dam', 'river', 'cotton'])
    expect(log.filter((entry) => entry !== 'other work')).toEqual(['dam', 'river', 'cotton'])
  })

  it('lets other work on the event loop run between two searches', async () => {
    const log: string[] = []
    const engine = takingTurns(loggingEngine(log))
    await Promise.all(['dam', 'river', 'cotton'].map((query) => engine.search({ query })))
    expect(log).toEqual(['dam', 'other work', 'river', 'cotton'])

    // Called directly, the searches would run back to back before anything else.
    const direct: string[] = []
    const plain = loggingEngine(direct)
    await Promise.all(['dam', 'river', 'cotton'].map((query) => plain.search({ query })))
    await new Promise((resolve) => setImmediate(resolve))
    expect(direct.indexOf('other work')).toBe(3)
  })

  it('fails only the search that failed and goes on with the rest', async () => {
    const engine = takingTurns(loggingEngine([]))
    const outcomes = await Promise.allSettled(['a', 'broken', 'c'].map((query) => engine.search({ query })))
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect((outcomes[1] as PromiseRejectedResult).reason.message).toBe('index unreadable')
  })

  it('drops a queued search whose client has gone, and passes the signal on to those it runs', async () => {
    const log: string[] = []
    const seen: (AbortSignal | undefined)[] = []
    const base = loggingEngine(log)
    const engine = takingTurns({
      ...base,
      search: (request, options) => {
        seen.push(options?.signal)
        return base.search(request)
      },
    } as SearchEngine)
    const gone = new AbortController()
    const here = new AbortController()
    const dropped = engine.search({ query: 'a' }, { signal: gone.signal })
    const kept = engine.search({ query: 'b' }, { signal: here.signal })
    gone.abort()
    await expect(dropped).rejects.toMatchObject({ status: 499 })
    expect((await kept).query).toBe('b')
    expect(log).not.toContain('a')
    expect(seen).toEqual([here.signal])
  })

  it('lets quick searches go before likely costly ones, giving those about a tenth of the time', async () => {
    const order: string[] = []
    // Each search takes the loop's time as a real in-process one does (on a clock of the test's own, so a
    // busy machine cannot change the order): costly ones 4 ms, quick ones 1 ms.
    let now = 0
    const engine = takingTurns(
      {
        async search(request: SearchRequest) {
          now += looksHeavy(request) ? 4 : 1
          order.push(request.query!)
          return { query: request.query } as SearchResponse
        },
      } as SearchEngine,
      { clock: () => now },
    )
    const heavy = ['s* OR c*', '"the of"', '(a b)']
    const light = Array.from({ length: 90 }, (_, i) => `word${i}`)
    await Promise.all([...heavy, ...light].map((query) => engine.search({ query })))
    expect(order).toHaveLength(heavy.length + light.length)
    expect(order[0]).toBe('word0')
    // Each costly search (4 ms) waits until quick ones have had about nine times as long.
    const positions = heavy.map((query) => order.indexOf(query)).sort((a, b) => a - b)
    expect(positions[1] - positions[0]).toBeGreaterThanOrEqual(30)
    expect(positions[2] - positions[1]).toBeGreaterThanOrEqual(30)
  })

  it('tells the engine whether others wait, so a long search gives way after its slice', async () => {
    const seen: { sliceMs?: number; contended: boolean }[] = []
    const engine = takingTurns({
      search: async (request: SearchRequest, options?: SearchOptions) => {
        seen.push({ sliceMs: options?.sliceMs, contended: Boolean(options?.contended?.()) })
        return { query: request.query } as SearchResponse
      },
    } as SearchEngine)
    await Promise.all([engine.search({ query: 'c*' }), engine.search({ query: 'dam' })])
    expect(seen).toEqual([
      { sliceMs: 100, contended: true },
      { sliceMs: 10, contended: false },
    ])
  })

  it('takes others to be waiting while quick searches keep arriving, though none is queued yet', async () => {
    let now = 0
    const contendedAtHeavy: boolean[] = []
    const engine = takingTurns(
      {
        search: async (request: SearchRequest, options?: SearchOptions) => {
          if (looksHeavy(request)) contendedAtHeavy.push(Boolean(options?.contended?.()))
          return { query: request.query } as SearchResponse
        },
      } as SearchEngine,
      { clock: () => now },
    )
    // One user typing: a few quick searches a second leave a costly one its whole budget.
    for (let i = 0; i < 3; i++) {
      now += 300
      await engine.search({ query: `word${i}` })
    }
    await engine.search({ query: 'c*' })
    // Many clients: a hundred quick searches in half a second, then a costly one alone in the queue.
    for (let i = 0; i < 100; i++) {
      now += 5
      await engine.search({ query: `word${i}` })
    }
    await engine.search({ query: 'c*' })
    // Quiet again for a few seconds.
    now += 5000
    await engine.search({ query: 'c*' })
    expect(contendedAtHeavy).toEqual([false, true, false])
  })

  it('runs as many searches at once as an engine has search threads, the rest waiting their turn', async () => {
    const started: string[] = []
    const finish = new Map<string, () => void>()
    const engine = takingTurns({
      searchThreads: 2,
      search: (request: SearchRequest, options?: SearchOptions) =>
        new Promise<SearchResponse>((resolve) => {
          started.push(`${request.query}${options?.contended?.() ? ' (others wait)' : ''}`)
          finish.set(request.query!, () => resolve({ query: request.query } as SearchResponse))
        }),
    } as SearchEngine)
    const answers = ['dam', 'river', 'cotton'].map((query) => engine.search({ query }))
    await new Promise((resolve) => setImmediate(resolve))
    expect(started).toEqual(['dam (others wait)', 'river (others wait)'])
    finish.get('river')!()
    await answers[1]
    // The next search starts at the loop's next turn.
    for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => setImmediate(resolve))
    // With threads the queue sees every waiting search, so nobody is taken to wait when none does.
    expect(started).toEqual(['dam (others wait)', 'river (others wait)', 'cotton'])
    finish.get('dam')!()
    finish.get('cotton')!()
    expect((await Promise.all(answers)).map((answer) => answer.query)).toEqual(['dam', 'river', 'cotton'])
  })

  it('takes short prefixes, groups, long queries and clauses of stop words for costly ones', () => {
    const heavy = ['r*', 'oil pr*', '(a b) c', 'x OR y OR z OR w', 'the', 'to be or not to be', 'w '.repeat(70), '"said the"', 'the OR opec']
    const light = ['', 'remittances', 'remit*', 'oil prices opec', '"Rogun dam"', 'person:Putin', 'the oil', 'oil "the company"', 'opec OR oil', '-opec', 'NOT the']
    expect(heavy.filter((query) => !looksHeavy({ query }))).toEqual([])
    expect(light.filter((query) => looksHeavy({ query }))).toEqual([])
    expect(looksHeavy({ query: 'oil pr', prefixLastWord: true })).toBe(true)
    // A one-letter word being typed is not expanded, so it costs nothing.
    expect(looksHeavy({ query: 'oil p', prefixLastWord: true })).toBe(false)
    expect(looksHeavy({ query: 'oil pri', prefixLastWord: true })).toBe(false)
  })

  it('is not fooled by an exclusion, and counts excluding a costly phrase as costly', () => {
    expect(looksHeavy({ query: 'the -qzx' })).toBe(true)
    expect(looksHeavy({ query: '"said the" -qzx' })).toBe(true)
    expect(looksHeavy({ query: 'oil -"said the"' })).toBe(true)
    expect(looksHeavy({ query: 'oil -the' })).toBe(false)
  })
})
