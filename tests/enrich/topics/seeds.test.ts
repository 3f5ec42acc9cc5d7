import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { PROJECT_ROOT } from '../../../src/defaults.ts'
import { classifyCorpus, createTopicClassifier, loadTaxonomy, type TopicInput } from '../../../src/enrich/topics/index.ts'
import { toPassages } from '../../../src/ingest/passages.ts'
import { readCorpus } from '../../../src/ingest/read-corpus.ts'

const seedDir = resolve(PROJECT_ROOT, 'seeds')
const OFF_TOPIC = ['sport', 'weather', 'arts-culture-entertainment-media']

describe.skipIf(!existsSync(seedDir))('topics of the seed articles (politics, economy, conflict, labour migration, crime)', () => {
  it('gives every substantive passage a topic and none of sport, weather or arts', async () => {
    const classifier = createTopicClassifier(loadTaxonomy())
    const { articles } = await readCorpus([seedDir])
    expect(articles.length).toBeGreaterThan(0)
    const problems: string[] = []
    let checked = 0
    for (const article of articles) {
      for (const passage of toPassages(article)) {
        if (passage.text.split(/\s+/).length < 20) continue
        checked++
        const topics = classifier.classify(passage.text, { title: article.title, section: passage.section }).map((t) => t.topic)
        if (topics.length === 0) problems.push(`no topic: ${passage.text.slice(0, 80)}`)
        for (const topic of topics) if (OFF_TOPIC.includes(topic)) problems.push(`${topic}: ${passage.text.slice(0, 80)}`)
      }
    }
    expect(checked).toBeGreaterThan(20)
    expect(problems).toEqual([])
  })

  it('gives the same verdicts when the seed passages are classified as one corpus, as the indexer does', async () => {
    const { articles } = await readCorpus([seedDir])
    const inputs: TopicInput[] = articles.flatMap((article) =>
      toPassages(article).map((passage) => ({ text: passage.text, title: article.title, section: passage.section })),
    )
    const topics = classifyCorpus(inputs, loadTaxonomy())
    const problems: string[] = []
    inputs.forEach((input, i) => {
      if (input.text.split(/\s+/).length < 20) return
      if (topics[i].length === 0) problems.push(`no topic: ${input.text.slice(0, 80)}`)
      for (const topic of topics[i]) if (OFF_TOPIC.includes(topic)) problems.push(`${topic}: ${input.text.slice(0, 80)}`)
    })
    expect(problems).toEqual([])
  })
})
