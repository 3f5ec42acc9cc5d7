import { findPeopleInArticle } from '../../../src/enrich/people/index.ts'
import { nameLexicon as l } from '../../../src/enrich/people/lexicon.ts'
for (const w of process.argv.slice(3)) console.log(w, JSON.stringify({ given: l.givenNames.has(w), sur: l.surnames.has(w), place: l.places.has(w), dem: l.demonyms.has(w), common: l.commonWords.has(w), role: l.roles.has(w) }))
console.log(findPeopleInArticle(process.argv[2].split('|')))
