// The FTS5 query string for one query of the mix, apart from the SQLite system so that it can be tested
// without the benchmark's native packages installed.
import type { BenchQuery } from '../queries.ts'

/** The FTS5 query for one of the mix: each word quoted, a phrase as one quoted string, a prefix as `"wor"*`. */
export function ftsMatch(query: BenchQuery): string {
  const quote = (word: string) => `"${word.replaceAll('"', '""')}"`
  if (query.kind === 'phrase') return quote(query.words.join(' '))
  return query.words.map((w, i) => (query.kind === 'prefix' && i === query.words.length - 1 ? `${quote(w)}*` : quote(w))).join(' ')
}
