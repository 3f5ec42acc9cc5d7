// Orama (@orama/orama 3): its own tokenizer and BM25, `where` filters on enum fields and its built-in facets.
import { create, insertMultiple, load, save, search, type AnyOrama, type RawData } from '@orama/orama'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { BenchQuery } from '../queries.ts'
import type { BenchSystem, BuiltIndex, SearchOutcome } from './system.ts'

const SCHEMA = { text: 'string', title: 'string', source: 'enum', topics: 'enum[]' } as const

function createDb(): AnyOrama {
  return create({ schema: SCHEMA }) as unknown as AnyOrama
}

class OramaIndex implements BuiltIndex {
  constructor(private readonly db: AnyOrama) {}

  async search(query: BenchQuery): Promise<SearchOutcome> {
    const result = await search(this.db, {
      term: query.words.join(' '),
      properties: ['text', 'title'],
      // 0 keeps only documents holding every word (AND). Orama matches every word as a prefix anyway.
      threshold: 0,
      limit: 10,
      facets: { source: { limit: 10 }, topics: { limit: 10 } },
      where: query.filters ? { source: { eq: query.filters.source }, topics: { containsAny: [query.filters.topic] } } : undefined,
    } as never)
    return { ids: result.hits.map((hit: { id: string }) => Number(hit.id)), total: result.count }
  }

  async save(dir: string): Promise<void> {
    await writeFile(join(dir, 'orama.json'), JSON.stringify(save(this.db)))
  }
}

export const oramaSystem: BenchSystem = {
  name: 'Orama',
  key: 'orama',
  notes: 'Orama 3: its tokenizer (prefix matching on every word), BM25, threshold 0 (AND), where filters on enum fields, built-in facets on source and topics; no phrase search (read as AND of its words); stores whole documents',
  async build(corpus) {
    const db = createDb()
    const docs = corpus.passages.map((p, id) => ({ id: String(id), text: p.text, title: p.title, source: p.source, topics: p.topics }))
    await insertMultiple(db, docs as never, 5000)
    return new OramaIndex(db)
  },
  async load(dir) {
    const db = createDb()
    load(db, JSON.parse(await readFile(join(dir, 'orama.json'), 'utf8')) as RawData)
    return new OramaIndex(db)
  },
}
