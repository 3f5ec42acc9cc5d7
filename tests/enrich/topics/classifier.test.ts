import { describe, expect, it } from 'vitest'
import { createTopicClassifier, loadTaxonomy, type Taxonomy } from '../../../src/enrich/topics/index.ts'

const taxonomy = loadTaxonomy()
const classifier = createTopicClassifier(taxonomy)
const topTopic = (text: string, title?: string) => classifier.classify(text, { title })[0]?.topic

describe('classify', () => {
  it.each([
    ['sport', 'The striker scored twice in the second half as the home team beat the league leaders 3-1 in front of a packed stadium.'],
    ['sport', 'The quarterback threw for 300 yards and two touchdowns as the team clinched a playoff berth.'],
    ['economy-business-finance', 'Shares fell sharply after the company reported a quarterly loss and cut its profit forecast, sending investors rushing for the exit.'],
    ['economy-business-finance', 'The central bank raised interest rates by a quarter point to curb inflation, and the currency strengthened against the dollar.'],
    ['science-technology', 'Astronomers using a space telescope have discovered a planet orbiting a distant star, in findings published in a scientific journal.'],
    ['science-technology', 'The software update fixes a security vulnerability that let hackers take control of computers over the internet.'],
    ['politics', 'The prime minister called an early election after the opposition parties defeated the government in a parliamentary vote on the budget.'],
    ['conflict-war-peace', 'Troops and tanks advanced on the rebel-held town as artillery shelling and airstrikes killed dozens of civilians.'],
    ['crime-law-justice', 'Police arrested the suspect after a week-long investigation, and prosecutors charged him with murder and robbery.'],
    ['weather', 'Forecasters warned of heavy rain and strong winds, with temperatures falling below freezing overnight and snow expected on higher ground.'],
    ['health', 'Doctors at the hospital said the vaccine sharply reduced infections, and health officials urged patients with chronic disease to get it.'],
    ['disaster-accident-emergency', 'A powerful earthquake struck the coastal region, collapsing buildings; rescue teams searched the rubble as the death toll rose.'],
    ['religion', 'Thousands of pilgrims gathered at the mosque for prayers at the end of Ramadan, and the imam called for peace among faiths.'],
    ['education', 'Teachers and pupils returned to school as the university announced higher tuition fees for students next academic year.'],
    ['environment', 'Environmental groups warned that deforestation and pollution threaten endangered species, urging cuts in greenhouse gas emissions.'],
    ['arts-culture-entertainment-media', 'The film premiered at the festival to a standing ovation, and the director thanked the cast and the orchestra.'],
    ['labour', "Workers went on strike after the union rejected the employer's offer, demanding higher wages and better working conditions."],
  ])('tags an obvious %s sentence with that topic first', (topic, text) => {
    expect(topTopic(text)).toBe(topic)
  })

  it('gives a passage about several things several topics, best first', () => {
    const topics = classifier.classify(
      'Migrant workers in Russia send remittances home that make up a third of the economy, but tighter rules on work permits threaten their jobs.',
    )
    expect(topics.map((t) => t.topic)).toEqual(expect.arrayContaining(['labour', 'economy-business-finance']))
    const topLevel = topics.filter((t) => !t.parent)
    for (let i = 1; i < topLevel.length; i++) expect(topLevel[i - 1].score).toBeGreaterThanOrEqual(topLevel[i].score)
  })

  it('gives empty text and text without topic evidence no topic', () => {
    expect(classifier.classify('')).toEqual([])
    expect(classifier.classify('   \n ')).toEqual([])
    expect(classifier.classify('It was there, and then it was not, and nobody could say why.')).toEqual([])
    expect(classifier.classify('Yes, of course, we will see about that later on.')).toEqual([])
  })

  it('does not let the title alone give a passage a topic', () => {
    expect(classifier.classify('Yes, of course, we will see about that later on.', { title: 'Election campaign enters final week' })).toEqual([])
  })

  it('lets the title tip a passage with evidence of its own', () => {
    const text = 'The decision came after months of talks and a vote in the chamber.'
    const withTitle = classifier.classify(text, { title: 'Parliament passes budget as government survives' })
    expect(withTitle[0]?.topic).toBe('politics')
  })

  it('reads a name term when it is written as a name', () => {
    expect(topTopic('Officials at NASA said the launch window opens next week.')).toBe('science-technology')
  })
})

describe('classify, second level', () => {
  const topics = (text: string) => classifier.classify(text).map((t) => t.topic)

  it.each([
    ['business-finance', 'The company said quarterly net profit rose on higher revenue, and it raised its dividend.'],
    ['strategy-and-marketing', 'The group agreed to acquire its rival in a takeover that follows a hostile tender offer for the shares.'],
    ['foreign-exchange-market', 'The dollar fell against the yen and sterling as currency dealers sold ahead of the exchange rate talks.'],
    ['energy-and-resource', 'The refinery cut crude oil runs as natural gas and heating oil output fell.'],
    ['agriculture', 'Farmers expect a larger wheat and corn harvest after rains improved crop yields.'],
  ])('puts an obvious %s passage under the economy, right after it', (child, text) => {
    const list = topics(text)
    expect(list).toContain(child)
    expect(list[list.indexOf(child) - 1]).toBe('economy-business-finance')
  })

  it('marks each second-level topic with its parent, which comes first', () => {
    const scored = classifier.classify('The striker scored twice as the home team won the league title.')
    expect(scored[0].topic).toBe('sport')
    for (const [i, topic] of scored.entries()) {
      if (topic.parent) expect(scored.slice(0, i).map((t) => t.topic)).toContain(topic.parent)
    }
  })
})

describe('a topic added to the taxonomy', () => {
  const beekeeping = {
    id: 'beekeeping',
    label: 'beekeeping',
    description: 'Keeping honey bees: hives, honey, colonies and the people who tend them.',
    terms: ['beekeeping', 'beekeeper', 'bee', 'hive', 'honey', 'apiary', 'pollination'],
  }
  const extended: Taxonomy = { topics: [...taxonomy.topics, beekeeping] }
  const withBees = createTopicClassifier(extended)

  it('is assigned to passages that fit it', () => {
    const topics = withBees.classify('The beekeeper opened each hive to check the colonies and harvest the honey before winter.')
    expect(topics[0]?.topic).toBe('beekeeping')
  })

  it('is assigned through words WordNet files under its terms, not only the terms themselves', () => {
    // "honeybees", "drones" and "queen" are not among the example terms; WordNet lists them under "bee".
    const topics = withBees.classify('Honeybees and bumblebees were seen around the drones and the queen all spring.')
    expect(topics.map((t) => t.topic)).toContain('beekeeping')
  })

  it('leaves the other topics as they were', () => {
    const text = 'The central bank raised interest rates by a quarter point to curb inflation.'
    expect(withBees.classify(text)).toEqual(classifier.classify(text))
  })
})
