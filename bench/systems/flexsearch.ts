// FlexSearch 0.8 Document index: the fastest of the lot, and the barest — no BM25 (its own contextual
// scoring), no total, no facet counts; tags filter by source and topic.
import { Document } from 'flexsearch'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { BenchQuery } from '../queries.ts'
import type { BenchSystem, BuiltIndex, SearchOutcome } from './system.ts'

interface FlexDoc {
  id: number
  text: string
  title: string
  source: string
  topics: string[]
  [key: string]: string | number | string[]
}

function createDocument(): Document<FlexDoc> {
  return new Document<FlexDoc>({ document: { id: 'id', index: ['text', 'title'], tag: ['source', 'topics'] } } as never)
}

class FlexSearchIndex implements BuiltIndex {
  constructor(private readonly index: Document<FlexDoc>) {}

  search(query: BenchQuery): SearchOutcome {
    const options: Record<string, unknown> = { query: query.words.join(' '), limit: 10, merge: true }
    if (query.filters) options.tag = { source: query.filters.source, topics: query.filters.topic }
    const results = this.index.search(options as never) as unknown as { id: number }[]
    // Each field gives up to `limit` ids before the merge, so the page is cut after it.
    return { ids: results.slice(0, 10).map((r) => Number(r.id)) }
  }

  async save(dir: string): Promise<void> {
    const writes: Promise<void>[] = []
    await this.index.export((key: string, data: string) => {
      writes.push(writeFile(join(dir, `${key}.json`), data ?? ''))
    })
    await Promise.all(writes)
  }
}

export const flexSearchSystem: BenchSystem = {
  name: 'FlexSearch',
  key: 'flexsearch',
  notes: 'FlexSearch 0.8 Document index, default (strict) tokenizer: top 10 only — no total, no facet counts, no BM25; tags filter by source and topic; a phrase is read as its words, and a prefix as a whole word (no forward tokenizer)',
  async build(corpus) {
    const index = createDocument()
    corpus.passages.forEach((p, id) => index.add({ id, text: p.text, title: p.title, source: p.source, topics: p.topics }))
    return new FlexSearchIndex(index)
  },
  async load(dir) {
    const index = createDocument()
    for (const file of await readdir(dir)) {
      if (file.endsWith('.json')) await index.import(file.slice(0, -'.json'.length), await readFile(join(dir, file), 'utf8'))
    }
    return new FlexSearchIndex(index)
  },
}
