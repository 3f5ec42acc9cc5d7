// The people facet: who each passage names and what each article says about each name (findPeopleInArticle),
// the corpus's evidence summed article by article (addNameStats), one canonical name per person across the
// corpus computed from that sum (mergePeople), and the user's corrections (loadAliases).
export { findPeopleInArticle, type FindPeopleOptions, type ArticlePeople } from './extract.ts'
export { addNameStats, type NameStats, type NameStat } from './stats.ts'
export { mergePeople, type PeopleMerge } from './merge.ts'
export { loadAliases, addAliases, emptyAliases, type Aliases } from './aliases.ts'
export { foldName } from './fold.ts'
