// The people facet: who each passage names (findPeopleInArticle), one canonical name per person across the
// corpus (mergePeople), and the user's corrections (loadAliases).
export { findPeopleInArticle, type FindPeopleOptions } from './extract.ts'
export { mergePeople, type PeopleMerge } from './merge.ts'
export { loadAliases, addAliases, emptyAliases, type Aliases } from './aliases.ts'
export { foldName } from './fold.ts'
