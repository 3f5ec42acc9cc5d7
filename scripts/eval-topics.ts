// Measures the topic classifier: accuracy and a confusion matrix on AG News (a test set only: nothing in the
// classifier is fitted to it), speed in passages per second, and every seed paragraph's topics for a look.
// Usage: npm run eval:topics [-- --corpus path/to/ag-news-test.jsonl] [-- --quiet-seeds]
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { PROJECT_ROOT } from '../src/defaults.ts'
import { createTopicClassifier, loadTaxonomy } from '../src/enrich/topics/index.ts'

const args = process.argv.slice(2)
const corpusArg = args.indexOf('--corpus')
const corpusPath = corpusArg >= 0 ? args[corpusArg + 1] : resolve(PROJECT_ROOT, '../shared/corpora/ag-news/ag-news-test.jsonl')
const showSeeds = !args.includes('--quiet-seeds')

type AgClass = 'World' | 'Sports' | 'Business' | 'Sci/Tech'
const CLASSES: AgClass[] = ['World', 'Sports', 'Business', 'Sci/Tech']

/**
 * AG News classes as sets of taxonomy topics, decided before measuring and justified by where a newsroom
 * files a story. Sports is sport. Business is a business desk's beat: the economy, and labour (jobs,
 * wages, unions, pensions), which IPTC files apart from the economy but newswires run as business news.
 * Sci/Tech is science and technology, and the environment (ecology, climate, wildlife), which news sites
 * run in their science sections ("Science & Environment"). World is AG's class for international and
 * national public affairs: politics; conflict, war and peace; crime, law and justice; disaster, accident and
 * emergency incident; society; religion; human interest; education; weather. AG News was cut from a feed
 * that had its own Health and Entertainment categories, so health, arts/entertainment/media and
 * lifestyle/leisure belong to no class here: an item whose top topic is one of them counts as wrong.
 */
const CLASS_TOPICS: Record<AgClass, string[]> = {
  Sports: ['sport'],
  Business: ['economy-business-finance', 'labour'],
  'Sci/Tech': ['science-technology', 'environment'],
  World: [
    'politics',
    'conflict-war-peace',
    'crime-law-justice',
    'disaster-accident-emergency',
    'society',
    'religion',
    'human-interest',
    'education',
    'weather',
  ],
}

function classOf(topic: string | undefined): AgClass | 'other' | 'none' {
  if (topic === undefined) return 'none'
  for (const agClass of CLASSES) if (CLASS_TOPICS[agClass].includes(topic)) return agClass
  return 'other'
}

interface AgItem {
  id: string
  category: string
  title: string
  description: string
}

const taxonomy = loadTaxonomy()
let started = performance.now()
const classifier = createTopicClassifier(taxonomy)
console.log(`classifier ready in ${Math.round(performance.now() - started)} ms (${taxonomy.topics.length} topics)`)

if (!existsSync(corpusPath)) {
  console.log(`AG News not found at ${corpusPath}: skipping the accuracy measurement`)
} else {
  const items: AgItem[] = readFileSync(corpusPath, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as AgItem)
  const columns = [...CLASSES, 'other', 'none'] as const
  const confusion = new Map<string, Map<string, number>>(CLASSES.map((c) => [c, new Map(columns.map((k) => [k, 0]))]))
  const topTopicCounts = new Map<string, Map<string, number>>(CLASSES.map((c) => [c, new Map()]))
  let labelCount = 0
  started = performance.now()
  for (const item of items) {
    const agClass = item.category as AgClass
    const topics = classifier.classify(item.description, { title: item.title })
    labelCount += topics.length
    const predicted = classOf(topics[0]?.topic)
    const row = confusion.get(agClass)
    if (!row) continue
    row.set(predicted, row.get(predicted)! + 1)
    const top = topics[0]?.topic ?? '(none)'
    const counts = topTopicCounts.get(agClass)!
    counts.set(top, (counts.get(top) ?? 0) + 1)
  }
  const seconds = (performance.now() - started) / 1000
  let correct = 0
  let total = 0
  console.log(`\nAG News test: ${items.length} items, top topic of description (title as context) vs class`)
  for (const agClass of CLASSES) {
    const row = confusion.get(agClass)!
    const rowTotal = [...row.values()].reduce((a, b) => a + b, 0)
    correct += row.get(agClass)!
    total += rowTotal
    console.log(`  ${agClass.padEnd(9)} accuracy ${(row.get(agClass)! / rowTotal).toFixed(3)}  (${row.get(agClass)}/${rowTotal})`)
  }
  console.log(`  overall   accuracy ${(correct / total).toFixed(3)}  (${correct}/${total})`)
  console.log('\nconfusion matrix (rows: AG class, columns: class of the top topic; other = a topic outside every class set, none = no topic)')
  console.log('  ' + ''.padEnd(10) + columns.map((c) => c.padStart(9)).join(''))
  for (const agClass of CLASSES) {
    const row = confusion.get(agClass)!
    console.log('  ' + agClass.padEnd(10) + columns.map((c) => String(row.get(c)).padStart(9)).join(''))
  }
  console.log('\ntop topics per class')
  for (const agClass of CLASSES) {
    const counts = [...topTopicCounts.get(agClass)!.entries()].sort((a, b) => b[1] - a[1])
    console.log(`  ${agClass}: ${counts.map(([topic, n]) => `${topic} ${n}`).join(', ')}`)
  }
  console.log(`\nspeed: ${Math.round(items.length / seconds)} passages/s (${items.length} items in ${seconds.toFixed(2)} s), ${(labelCount / items.length).toFixed(2)} topics per item`)
}

/** Share of each top topic over a corpus whose subject is known, as a sanity check (no labels used). */
function topTopicShares(name: string, texts: Array<{ text: string; title?: string }>): void {
  const counts = new Map<string, number>()
  const start = performance.now()
  let words = 0
  for (const { text, title } of texts) {
    words += text.split(/\s+/).length
    const top = classifier.classify(text, { title })[0]?.topic ?? '(none)'
    counts.set(top, (counts.get(top) ?? 0) + 1)
  }
  const seconds = (performance.now() - start) / 1000
  const shares = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 6)
  console.log(`  ${name}: ${texts.length} texts, ${Math.round(words / texts.length)} words on average, ${Math.round(texts.length / seconds)} texts/s`)
  console.log(`    top topics: ${shares.map(([topic, n]) => `${topic} ${(n / texts.length).toFixed(3)}`).join(', ')}`)
}

const corporaDir = resolve(PROJECT_ROOT, '../shared/corpora')
const reutersPath = join(corporaDir, 'reuters21578/reuters21578.jsonl')
const scifactPath = join(corporaDir, 'beir-scifact/corpus.jsonl')
if (existsSync(reutersPath) || existsSync(scifactPath)) console.log('\nsanity checks on corpora of known subject (top topic shares)')
if (existsSync(reutersPath)) {
  const stories = readFileSync(reutersPath, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { title?: string; body?: string; topics?: string[] })
    .filter((story) => story.body && story.topics && story.topics.length > 0)
    .slice(0, 3000)
  topTopicShares('Reuters-21578 (business newswire, expect economy and labour)', stories.map((s) => ({ text: s.body!, title: s.title })))
}
if (existsSync(scifactPath)) {
  const abstracts = readFileSync(scifactPath, 'utf8')
    .split('\n')
    .filter(Boolean)
    .slice(0, 1000)
    .map((line) => JSON.parse(line) as { title: string; text: string })
  topTopicShares('SciFact abstracts (biomedical science, expect science and health)', abstracts)
}

const seedDir = resolve(PROJECT_ROOT, 'seeds')
if (showSeeds && existsSync(seedDir)) {
  console.log('\nseed paragraphs (20 words or more): topics')
  const labels = new Map(taxonomy.topics.map((topic) => [topic.id, topic.label]))
  for (const file of readdirSync(seedDir).filter((name) => name.endsWith('.txt')).sort()) {
    const lines = readFileSync(join(seedDir, file), 'utf8').split('\n')
    const title = lines[0]
    console.log(`\n${file}: ${title}`)
    for (const line of lines.slice(1)) {
      if (line.split(/\s+/).filter(Boolean).length < 20) continue
      const topics = classifier.classify(line, { title })
      const shown = topics.map((t) => `${labels.get(t.topic)} ${t.score.toFixed(1)}`).join('; ') || '(no topic)'
      console.log(`  [${shown}] ${line.slice(0, 90)}…`)
    }
  }
}
