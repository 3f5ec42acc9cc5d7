// Command: rebuilds the shipped topic lexicon (data/lexicon.json) from taxonomy.json and WordNet.
// Run after editing the shipped taxonomy: npx tsx src/enrich/topics/build-lexicon.ts [taxonomy.json]
import { loadTaxonomy } from './taxonomy.ts'
import { SHIPPED_LEXICON_PATH, writeShippedLexicon } from './lexicon-store.ts'

const started = Date.now()
writeShippedLexicon(loadTaxonomy(process.argv[2]))
console.log(`wrote ${SHIPPED_LEXICON_PATH} in ${Date.now() - started} ms`)
