import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ClippingsError } from '../../../src/errors.ts'
import { loadTaxonomy, topicLabels, topicParents } from '../../../src/enrich/topics/index.ts'
import { SHIPPED_LEXICON_PATH } from '../../../src/enrich/topics/lexicon-store.ts'
import { topicFingerprint } from '../../../src/enrich/topics/lexicon.ts'

const IPTC_TOP_LEVEL = [
  'arts, culture, entertainment and media',
  'conflict, war and peace',
  'crime, law and justice',
  'disaster, accident and emergency incident',
  'economy, business and finance',
  'education',
  'environment',
  'health',
  'human interest',
  'labour',
  'lifestyle and leisure',
  'politics',
  'religion',
  'science and technology',
  'society',
  'sport',
  'weather',
]

function writeTemp(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'clippings-taxonomy-')), name)
  writeFileSync(path, text)
  return path
}

function errorOf(run: () => unknown): ClippingsError {
  try {
    run()
  } catch (error) {
    if (error instanceof ClippingsError) return error
    throw error
  }
  throw new Error('expected a ClippingsError')
}

describe('loadTaxonomy', () => {
  it('loads the shipped IPTC Media Topics top level by default', () => {
    const taxonomy = loadTaxonomy()
    const topLevel = taxonomy.topics.filter((topic) => topic.parent === undefined)
    expect(topLevel.map((topic) => topic.label).sort()).toEqual([...IPTC_TOP_LEVEL].sort())
    for (const topic of topLevel) {
      expect(topic.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/)
      expect(topic.description.length).toBeGreaterThan(20)
      expect(topic.terms.length).toBeGreaterThan(10)
    }
    expect(taxonomy.topics.find((topic) => topic.label === 'economy, business and finance')?.id).toBe('economy-business-finance')
  })

  it('ships a second level under every top-level topic, each with a top-level parent, a description and terms', () => {
    const taxonomy = loadTaxonomy()
    const parents = topicParents(taxonomy)
    const topLevel = new Set(taxonomy.topics.filter((topic) => topic.parent === undefined).map((topic) => topic.id))
    expect(Object.keys(parents).length).toBeGreaterThan(100)
    for (const [child, parent] of Object.entries(parents)) expect(topLevel.has(parent), child).toBe(true)
    for (const id of topLevel) expect(Object.values(parents), id).toContain(id)
    for (const topic of taxonomy.topics.filter((one) => one.parent !== undefined)) {
      expect(topic.description.length, topic.id).toBeGreaterThan(10)
      expect(topic.terms.length, topic.id).toBeGreaterThanOrEqual(4)
    }
  })

  it('files earnings, takeovers, currencies, energy, commodities and trade under distinct second-level economy topics', () => {
    const parents = topicParents(loadTaxonomy())
    const economy = ['business-finance', 'strategy-and-marketing', 'foreign-exchange-market', 'energy-and-resource', 'agriculture', 'macro-economics']
    for (const id of economy) expect(parents[id], id).toBe('economy-business-finance')
  })

  it('derives labels for both levels', () => {
    const labels = topicLabels(loadTaxonomy())
    expect(labels['economy-business-finance']).toBe('economy, business and finance')
    expect(labels['foreign-exchange-market']).toBe('foreign exchange market')
  })

  it('reads a second-level topic\'s parent, and rejects a parent that is missing or itself has a parent', () => {
    const top = { id: 'farming', label: 'farming', description: 'Farms.', terms: ['farm'] }
    const child = { id: 'beekeeping', label: 'beekeeping', description: 'Bees.', terms: ['hive'], parent: 'farming' }
    expect(loadTaxonomy(writeTemp('two-levels.json', JSON.stringify({ topics: [top, child] }))).topics[1].parent).toBe('farming')
    const orphan = writeTemp('orphan.json', JSON.stringify({ topics: [top, { ...child, parent: 'fishing' }] }))
    expect(errorOf(() => loadTaxonomy(orphan)).message).toContain('parent "fishing"')
    const grandchild = { id: 'queen-rearing', label: 'queen rearing', description: 'Queens.', terms: ['queen'], parent: 'beekeeping' }
    const deep = writeTemp('three-levels.json', JSON.stringify({ topics: [top, child, grandchild] }))
    expect(errorOf(() => loadTaxonomy(deep)).message).toContain('two levels only')
  })

  it('loads a custom taxonomy file', () => {
    const path = writeTemp(
      'custom.json',
      JSON.stringify({ topics: [{ id: 'beekeeping', label: 'beekeeping', description: 'Keeping bees.', terms: ['hive', 'honey'] }] }),
    )
    expect(loadTaxonomy(path)).toEqual({
      topics: [{ id: 'beekeeping', label: 'beekeeping', description: 'Keeping bees.', terms: ['hive', 'honey'] }],
    })
  })

  it('counts a topic\'s IPTC subject names as example terms, once each', () => {
    const topic = { id: 'beekeeping', label: 'beekeeping', description: 'Keeping bees.', terms: ['hive', 'honey'], iptcSubjects: ['honey', 'apiculture'] }
    const path = writeTemp('subjects.json', JSON.stringify({ topics: [topic] }))
    expect(loadTaxonomy(path).topics[0].terms).toEqual(['hive', 'honey', 'apiculture'])
  })

  it('names the topic when its IPTC subjects are not a list of names', () => {
    const topic = { id: 'beekeeping', label: 'beekeeping', description: '', terms: ['hive'], iptcSubjects: 'apiculture' }
    const error = errorOf(() => loadTaxonomy(writeTemp('bad-subjects.json', JSON.stringify({ topics: [topic] }))))
    expect(error.message).toContain('topic "beekeeping"')
    expect(error.message).toContain('"iptcSubjects"')
  })

  it('names the file and the problem when the JSON is invalid', () => {
    const path = writeTemp('broken.json', '{ "topics": [ { "id": "x", ')
    const error = errorOf(() => loadTaxonomy(path))
    expect(error.message).toContain(path)
    expect(error.message).toContain('invalid JSON')
  })

  it('names the topic and the missing field when a topic has no terms', () => {
    const path = writeTemp('no-terms.json', JSON.stringify({ topics: [{ id: 'sport', label: 'sport', description: 'Games.' }] }))
    const error = errorOf(() => loadTaxonomy(path))
    expect(error.message).toContain(path)
    expect(error.message).toContain('topic "sport"')
    expect(error.message).toContain('"terms"')
  })

  it('rejects an id that is not a slug and a duplicated id', () => {
    const badId = writeTemp('bad-id.json', JSON.stringify({ topics: [{ id: 'Big Topic', label: 'x', description: '', terms: ['a'] }] }))
    expect(errorOf(() => loadTaxonomy(badId)).message).toContain('slug')
    const twice = { id: 'a', label: 'a', description: '', terms: ['a'] }
    const duplicate = writeTemp('duplicate.json', JSON.stringify({ topics: [twice, twice] }))
    expect(errorOf(() => loadTaxonomy(duplicate)).message).toContain('appears twice')
  })

  it('reports a missing file as unreadable', () => {
    const error = errorOf(() => loadTaxonomy('/nonexistent/taxonomy.json'))
    expect(error.code).toBe('unreadable-file')
    expect(error.message).toContain('/nonexistent/taxonomy.json')
  })
})

describe('the shipped lexicon', () => {
  it('was built from the shipped taxonomy as it stands (rebuild with src/enrich/topics/build-lexicon.ts)', () => {
    const shipped = JSON.parse(readFileSync(SHIPPED_LEXICON_PATH, 'utf8')) as { about: string; topics: Record<string, { fingerprint: string }> }
    expect(shipped.about).toContain('WordNet')
    for (const topic of loadTaxonomy().topics) expect(shipped.topics[topic.id]?.fingerprint, topic.id).toBe(topicFingerprint(topic))
  })
})
