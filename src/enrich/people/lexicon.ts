// The shipped word lists (see data/name-lexicon.json for sources and licences) as sets for fast lookup.
import lexiconData from './data/name-lexicon.json' with { type: 'json' }

export interface NameLexicon {
  givenNames: ReadonlySet<string>
  surnames: ReadonlySet<string>
  places: ReadonlySet<string>
  demonyms: ReadonlySet<string>
  organisations: ReadonlySet<string>
  roles: ReadonlySet<string>
  commonWords: ReadonlySet<string>
}

export const nameLexicon: NameLexicon = {
  givenNames: new Set(lexiconData.givenNames),
  surnames: new Set(lexiconData.surnames),
  places: new Set(lexiconData.places),
  demonyms: new Set(lexiconData.demonyms),
  organisations: new Set(lexiconData.organisations),
  roles: new Set(lexiconData.roles),
  commonWords: new Set(lexiconData.commonWords),
}
