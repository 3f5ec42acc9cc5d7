// SQLite FTS5 through better-sqlite3 (native): porter + unicode61 tokenizer, bm25() ranking, a phrase and
// a prefix as FTS5 writes them, filters as IN (...) subqueries, counts with GROUP BY over the match set.
import Database from 'better-sqlite3'
import { join } from 'node:path'
import type { BenchQuery } from '../queries.ts'
import type { BenchSystem, BuiltIndex, SearchOutcome } from './system.ts'
import { ftsMatch } from './fts-match.ts'

const FILE = 'fts.sqlite'

/**
 * The two facet filters. CROSS JOIN keeps FTS5 as the outer loop: with `rowid IN (subquery)` SQLite may
 * drive the search from the filter's rows and re-run the match for each of them, which took seconds.
 */
const FILTER_JOIN = ' CROSS JOIN docs f ON f.id = fts.rowid'
const FILTER_WHERE = ' AND f.source = @source AND EXISTS (SELECT 1 FROM doc_topics ft WHERE ft.doc = fts.rowid AND ft.topic = @topic)'

class SqliteIndex implements BuiltIndex {
  private readonly statements
  constructor(private readonly db: Database.Database) {
    const prepare = (filtered: boolean) => ({
      top: db.prepare(`SELECT fts.rowid FROM fts${filtered ? FILTER_JOIN : ''} WHERE fts MATCH @match${filtered ? FILTER_WHERE : ''} ORDER BY rank LIMIT 10`).pluck(),
      // Source is single-valued, so its counts add up to the total: one query gives both.
      bySource: db.prepare(`SELECT d.source, count(*) AS n FROM fts${filtered ? FILTER_JOIN : ''} CROSS JOIN docs d ON d.id = fts.rowid WHERE fts MATCH @match${filtered ? FILTER_WHERE : ''} GROUP BY d.source`),
      byTopic: db.prepare(`SELECT t.topic, count(*) AS n FROM fts${filtered ? FILTER_JOIN : ''} CROSS JOIN doc_topics t ON t.doc = fts.rowid WHERE fts MATCH @match${filtered ? FILTER_WHERE : ''} GROUP BY t.topic ORDER BY n DESC LIMIT 10`),
    })
    this.statements = { plain: prepare(false), filtered: prepare(true) }
  }

  search(query: BenchQuery): SearchOutcome {
    const params: Record<string, string> = { match: ftsMatch(query) }
    if (query.filters) Object.assign(params, query.filters)
    const s = query.filters ? this.statements.filtered : this.statements.plain
    const ids = s.top.all(params) as number[]
    const bySource = s.bySource.all(params) as { source: string; n: number }[]
    s.byTopic.all(params)
    return { ids: ids.map((id) => id - 1), total: bySource.reduce((sum, row) => sum + row.n, 0) }
  }

  async save(): Promise<void> {
    // Built on disk already; the file is the persisted index.
  }

  close(): void {
    this.db.close()
  }
}

export const sqliteSystem: BenchSystem = {
  name: 'SQLite FTS5',
  key: 'sqlite',
  notes: 'SQLite FTS5 (better-sqlite3, native): porter stemmer, bm25() rank, real phrase and prefix queries, filters joined after the match (FTS5 drives), counts of source and topic by GROUP BY (three statements a search, each re-running the match); heap figures leave out SQLite\'s native page cache',
  async build(corpus, dir) {
    const db = new Database(join(dir, FILE))
    db.pragma('journal_mode = OFF')
    db.pragma('synchronous = OFF')
    db.exec(`
      CREATE TABLE docs (id INTEGER PRIMARY KEY, source TEXT NOT NULL);
      CREATE TABLE doc_topics (doc INTEGER NOT NULL, topic TEXT NOT NULL);
      CREATE VIRTUAL TABLE fts USING fts5(text, title, tokenize = 'porter unicode61');
    `)
    const insertDoc = db.prepare('INSERT INTO docs (id, source) VALUES (?, ?)')
    const insertTopic = db.prepare('INSERT INTO doc_topics (doc, topic) VALUES (?, ?)')
    const insertText = db.prepare('INSERT INTO fts (rowid, text, title) VALUES (?, ?, ?)')
    db.transaction(() => {
      // Rowids start at 1; passage numbers at 0.
      corpus.passages.forEach((p, i) => {
        insertDoc.run(i + 1, p.source)
        for (const topic of p.topics) insertTopic.run(i + 1, topic)
        insertText.run(i + 1, p.text, p.title)
      })
    })()
    db.exec(`
      CREATE INDEX doc_topics_doc ON doc_topics (doc);
      CREATE INDEX doc_topics_topic ON doc_topics (topic, doc);
      CREATE INDEX docs_source ON docs (source, id);
      INSERT INTO fts (fts) VALUES ('optimize');
    `)
    return new SqliteIndex(db)
  },
  async load(dir) {
    const db = new Database(join(dir, FILE), { readonly: true })
    // Opening is lazy: one query reads the schema and the first pages, as a server's first search would.
    db.prepare('SELECT count(*) FROM docs').get()
    return new SqliteIndex(db)
  },
}
