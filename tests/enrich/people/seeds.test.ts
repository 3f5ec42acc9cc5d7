import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { PROJECT_ROOT } from '../../../src/defaults.ts'
import { addNameStats, findPeopleInArticle, foldName, mergePeople, type NameStats } from '../../../src/enrich/people/index.ts'
import { loadSeedPassages } from './seed-passages.ts'

interface SeedGold {
  people: string[]
  optional?: string[]
}

const goldFile: Record<string, SeedGold | string> = JSON.parse(readFileSync(join(PROJECT_ROOT, 'tests', 'enrich', 'people', 'seed-gold.json'), 'utf8'))
const gold = Object.fromEntries(Object.entries(goldFile).filter((entry): entry is [string, SeedGold] => typeof entry[1] === 'object'))
const seeds = await loadSeedPassages(join(PROJECT_ROOT, 'seeds'))
const perArticle = seeds.map((seed) => {
  const people = findPeopleInArticle(seed.passages, { title: seed.title })
  return { seed, passages: people.passages, stats: people.stats }
})
const stats: NameStats = {}
for (const article of perArticle) addNameStats(stats, article.stats)
const merge = mergePeople(stats)

describe('people in the seed articles', () => {
  for (const { seed, passages } of perArticle) {
    const expected = gold[seed.file]
    it(`finds exactly the people named in ${seed.file} (passages via ${seed.via})`, () => {
      expect(expected, `no gold entry for ${seed.file}`).toBeDefined()
      const found = [...new Set(passages.flat().flatMap((name) => merge.canonical(name) ?? []))].map(foldName).sort()
      const required = expected.people.map(foldName)
      const allowed = new Set([...required, ...(expected.optional ?? []).map(foldName)])
      expect(required.filter((name) => !found.includes(name)), 'people named in the body but not found').toEqual([])
      expect(found.filter((name) => !allowed.has(name)), 'names listed that are not people of the article').toEqual([])
    })
  }

  it('lists no person under two facet values across the seeds', () => {
    const canonicalNames = new Set(perArticle.flatMap(({ passages }) => passages.flat()).map((name) => merge.canonical(name)))
    const required = new Set(Object.values(gold).flatMap((g) => g.people.map(foldName)))
    // Every canonical value that shares a surname with a gold person must be that gold person.
    for (const name of canonicalNames) {
      if (!name) continue
      const surname = foldName(name).split(' ').at(-1)!
      const sameSurname = [...required].filter((g) => g.split(' ').at(-1) === surname)
      if (sameSurname.length > 0) expect(sameSurname).toContain(foldName(name))
    }
  })
})
