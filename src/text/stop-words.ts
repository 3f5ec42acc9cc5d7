// The small English stop-word list: words too common to rank or filter by, left out of the index.
//
// It is Lucene's classic English list (the one Anserini's BM25 baselines use) and nothing more: a longer
// list starts eating words people do search for, and buys nothing measurable. On BEIR SciFact's training
// claims (`npm run eval:relevance -- --sweep analyzer`, nDCG@10): this list 0.6956, no stop words 0.6902,
// a 100-word list of English function words 0.6973 (within noise). Stemming matters far more: without
// Porter stemming 0.6676.
//
// Stop words are never indexed, so the engine must not rely on them being searchable:
// - in a query they are dropped from the terms that must match ("the migrants of Tajikistan" needs
//   "migrants" and "Tajikistan");
// - inside a phrase they still count: the phrase's other words select candidates and the whole phrase,
//   stop words included, is checked on the passage text with `stemTerm` (so "state of emergency" does not
//   match "state emergency");
// - a query (or phrase) made only of stop words ("to be or not to be", "the who") has nothing to look up,
//   so the engine checks every passage's text for it (a scan, acceptable for such rare queries) instead of
//   answering nothing.

const STOP_WORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'but', 'by', 'for', 'if', 'in', 'into', 'is', 'it', 'no',
  'not', 'of', 'on', 'or', 'such', 'that', 'the', 'their', 'then', 'there', 'these', 'they', 'this',
  'to', 'was', 'will', 'with',
])

/** Whether a folded word (see `foldTerm`) is a stop word. */
export function isStopWord(foldedWord: string): boolean {
  return STOP_WORDS.has(foldedWord)
}
