// Measures the topic facet. AG News (a test set only: nothing is fitted to its labels, the corpus classifier
// only self-trains on its texts as an unlabelled corpus) gives accuracy and a confusion matrix for the corpus
// classifier and for the plain lexicon; a development corpus with labels of its own (Reuters-21578 topic
// tags, CoNLL-2003 sport slugs and hand-filed desks, SciFact) is for choosing settings; Reuters-21578 measures
// where each kind of business story lands among the second-level topics (its TRAIN split for development, its
// TEST split reported only with --test); speed is measured on Reuters passages.
// Usage: npm run eval:topics [-- --corpus path/to/ag-news-test.jsonl] [--quiet-seeds] [--no-ag] [--dev] [--speed]
//        [--dev-ledes]   (the development corpus as headline and opening of each story, AG News's shape)
//        [--dev-cut 8/0] (every 8th development item from the first: a smaller corpus)
//        [--reuters]     (second-level landing of Reuters TRAIN stories, model trained on TRAIN)
//        [--reuters --test]  (the same model applied to Reuters TEST stories: report only, never tune on it)
//        [--set selfTraining.seedShare=0.3,minGain=2]   (settings to try, dotted paths into the options)
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { cleanAgText, groupsOf, splitReutersBody, splitSentences } from '../bench/corpus.ts'
import { PROJECT_ROOT } from '../src/defaults.ts'
import {
  articleTopics,
  classifyCorpus,
  classifyWithModel,
  createTopicClassifier,
  loadTaxonomy,
  topicParents,
  trainScoredTopics,
  trainTopics,
  type CorpusClassifierSettings,
  type TopicInput,
} from '../src/enrich/topics/index.ts'

const args = process.argv.slice(2)
const valueOf = (flag: string): string | undefined => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined)
const corporaDir = resolve(PROJECT_ROOT, '../shared/corpora')
const agPath = valueOf('--corpus') ?? join(corporaDir, 'ag-news/ag-news-test.jsonl')
const reutersPath = join(corporaDir, 'reuters21578/reuters21578.jsonl')
const conllPath = join(corporaDir, 'conll2003/conll2003_docs.jsonl')
const scifactPath = join(corporaDir, 'beir-scifact/corpus.jsonl')
const showSeeds = !args.includes('--quiet-seeds')

/** `--set a.b=1,c=2` → { a: { b: 1 }, c: 2 }, for trying settings without editing code. */
function parseSettings(spec: string | undefined): CorpusClassifierSettings {
  const settings: Record<string, unknown> = {}
  for (const pair of (spec ?? '').split(',').filter(Boolean)) {
    const [path, value] = pair.split('=')
    const keys = path.split('.')
    let target = settings
    for (const key of keys.slice(0, -1)) target = (target[key] ??= {}) as Record<string, unknown>
    target[keys[keys.length - 1]] = Number(value)
  }
  return settings as CorpusClassifierSettings
}
const settings = parseSettings(valueOf('--set'))

const taxonomy = loadTaxonomy()
const parents = topicParents(taxonomy)
const isTopLevel = (topic: string): boolean => parents[topic] === undefined
let started = performance.now()
const classifier = createTopicClassifier(taxonomy)
console.log(
  `classifier ready in ${Math.round(performance.now() - started)} ms ` +
    `(${taxonomy.topics.filter((topic) => isTopLevel(topic.id)).length} top-level topics, ${Object.keys(parents).length} second-level)`,
)
if (Object.keys(settings).length > 0) console.log(`settings tried: ${JSON.stringify(settings)}`)

const readJsonl = <T>(path: string): T[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T)

/** A labelled item: its class (undefined for unlabelled items that only fill out the corpus). */
interface Labelled extends TopicInput {
  label?: string
}

/** Accuracy per class, overall, and a confusion matrix of the top topic's class against the label. */
function report(name: string, items: Labelled[], topics: string[][], classTopics: Record<string, string[]>): void {
  const classes = Object.keys(classTopics)
  const columns = [...classes, 'other', 'none']
  const classOf = (topic: string | undefined): string =>
    topic === undefined ? 'none' : (classes.find((c) => classTopics[c].includes(topic)) ?? 'other')
  const confusion = new Map(classes.map((c) => [c, new Map(columns.map((k) => [k, 0]))]))
  const topTopicCounts = new Map(classes.map((c) => [c, new Map<string, number>()]))
  let labelCount = 0
  items.forEach((item, i) => {
    const row = item.label === undefined ? undefined : confusion.get(item.label)
    if (!row) return
    labelCount += topics[i].filter(isTopLevel).length
    const predicted = classOf(topics[i][0])
    row.set(predicted, row.get(predicted)! + 1)
    const counts = topTopicCounts.get(item.label!)!
    const top = topics[i][0] ?? '(none)'
    counts.set(top, (counts.get(top) ?? 0) + 1)
  })
  let correct = 0
  let total = 0
  let accuracySum = 0
  console.log(`\n${name}`)
  for (const c of classes) {
    const row = confusion.get(c)!
    const rowTotal = [...row.values()].reduce((a, b) => a + b, 0)
    correct += row.get(c)!
    total += rowTotal
    accuracySum += row.get(c)! / rowTotal
    console.log(`  ${c.padEnd(9)} accuracy ${(row.get(c)! / rowTotal).toFixed(3)}  (${row.get(c)}/${rowTotal})`)
  }
  console.log(
    `  overall   accuracy ${(correct / total).toFixed(3)}  (${correct}/${total}), macro ${(accuracySum / classes.length).toFixed(3)}, ` +
      `${(labelCount / total).toFixed(2)} top-level topics per item`,
  )
  console.log('  confusion (rows: class, columns: class of the top topic; other = a topic in no class set, none = no topic)')
  console.log('    ' + ''.padEnd(10) + columns.map((c) => c.padStart(9)).join(''))
  for (const c of classes) console.log('    ' + c.padEnd(10) + columns.map((k) => String(confusion.get(c)!.get(k)).padStart(9)).join(''))
  console.log('  top topics per class')
  for (const c of classes) {
    const counts = [...topTopicCounts.get(c)!.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8)
    console.log(`    ${c}: ${counts.map(([topic, n]) => `${topic} ${n}`).join(', ')}`)
  }
}

/** Runs both classifiers over a corpus and reports each, with timings. */
function compare(name: string, items: Labelled[], classTopics: Record<string, string[]>): void {
  started = performance.now()
  const lexicon = items.map((item) => classifier.classify(item.text, { title: item.title, section: item.section }).map((t) => t.topic))
  const lexiconSeconds = (performance.now() - started) / 1000
  started = performance.now()
  const corpus = trainScoredTopics(items, taxonomy, settings)
  const corpusSeconds = (performance.now() - started) / 1000
  report(`${name}: lexicon classifier (per passage), ${Math.round(items.length / lexiconSeconds)} passages/s`, items, lexicon, classTopics)
  const topics = corpus.topics.map((list) => list.map((t) => t.topic))
  report(
    `${name}: corpus classifier (${corpus.model.top ? 'self-trained' : 'not adapted'}), ${Math.round(items.length / corpusSeconds)} passages/s`,
    items,
    topics,
    classTopics,
  )
  const withChild = topics.filter((list) => list.some((topic) => !isTopLevel(topic))).length
  console.log(`  items with a second-level topic: ${withChild} of ${items.length} (${((100 * withChild) / items.length).toFixed(1)}%)`)
}

/**
 * AG News as it is distributed carries markup residue of the feed it was cut from: escaped tags ("&lt;b&gt;"),
 * entities, and entities that lost their ampersand (" #39;s", "quot;"). Repaired here, for this corpus only.
 */
function cleanAgNewsText(text: string): string {
  return text
    .replace(/\\/g, ' ')
    .replace(/&lt;\/?[a-z][^&]*?&gt;/gi, ' ')
    .replace(/&?#39;|&#x27;|&rsquo;|&lsquo;/gi, "'")
    .replace(/&(?:amp;)?quot;|(?<![\p{L}])quot;|&[lr]dquo;/giu, '"')
    .replace(/&amp;/gi, '&')
    .replace(/&#?[a-z0-9]+;/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

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
const AG_CLASS_TOPICS: Record<string, string[]> = {
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
  Sports: ['sport'],
  Business: ['economy-business-finance', 'labour'],
  'Sci/Tech': ['science-technology', 'environment'],
}

if (args.includes('--no-ag')) {
  // skipped on request
} else if (!existsSync(agPath)) {
  console.log(`AG News not found at ${agPath}: skipping the accuracy measurement`)
} else {
  const items = readJsonl<{ category: string; title: string; description: string }>(agPath).map(
    (item): Labelled => ({ text: cleanAgNewsText(item.description), title: cleanAgNewsText(item.title), label: item.category }),
  )
  compare(`AG News test (${items.length} items as one unlabelled corpus; description, title as context)`, items, AG_CLASS_TOPICS)
}

/**
 * The development corpus, labelled by its sources' own metadata or by hand, never by AG News:
 * - Reuters-21578 paragraphs of stories with topic tags (all economic: earn, acq, money-fx, crude, grain,
 *   trade, ...) are Business;
 * - CoNLL-2003 training documents (Reuters world, business and sports news of August 1996): those whose
 *   headline carries a sport slug ("SOCCER - ...", slug removed) are Sports; the others were filed by desk
 *   by hand, from headline and first sentence, before any classifier ran on them
 *   (`data/conll2003-train-desks.tsv`: World, Business, SciTech, Sports, or Other for digests, arts and
 *   health, which stay unlabelled);
 * - SciFact abstracts (in 3-sentence pieces) are Science, where health counts too.
 * Every piece inherits its document's label. As `ledes`, each story gives one item instead, its headline and
 * opening (first paragraph, or first two sentences): the shape of an AG News item.
 */
function developmentCorpus(shape: 'pieces' | 'ledes'): Labelled[] {
  const items: Labelled[] = []
  const pieces = <T>(all: T[]): T[] => (shape === 'ledes' ? all.slice(0, 1) : all)
  const stories = readJsonl<{ title?: string; body?: string; topics?: string[] }>(reutersPath).filter((s) => s.body && s.topics?.length)
  for (const story of stories.slice(0, 2000)) {
    for (const text of pieces(splitReutersBody(story.body!))) items.push({ text, title: story.title, label: 'Business' })
  }
  const deskLabel: Record<string, string | undefined> = { World: 'World', Business: 'Business', SciTech: 'Science', Sports: 'Sports' }
  const desks = new Map(
    readFileSync(join(import.meta.dirname, 'data/conll2003-train-desks.tsv'), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.startsWith('#'))
      .map((line) => line.split('\t') as [string, string]),
  )
  const sportSlug = /^(SOCCER|CRICKET|BASEBALL|TENNIS|CYCLING|GOLF|ATHLETICS|RUGBY UNION|RUGBY LEAGUE|RALLYING|MOTOR RACING|BASKETBALL|HORSE RACING|BADMINTON|MOTORCYCLING|SQUASH|MOTOCROSS|BOXING|ICE HOCKEY|NFL|NHL|NBA|SWIMMING|SKIING|ROWING|SAILING|YACHTING|JUDO|WRESTLING|VOLLEYBALL|HOCKEY|FORMULA ONE|AMERICAN FOOTBALL|AUSTRALIAN RULES)\s+-\s+/i
  for (const doc of readJsonl<{ id: string; split: string; title: string; text: string }>(conllPath).filter((d) => d.split === 'train')) {
    const label = sportSlug.test(doc.title) ? 'Sports' : deskLabel[desks.get(doc.id) ?? '']
    const title = doc.title.replace(sportSlug, '')
    const sentences = doc.text.split('\n').slice(1).filter((line) => line.trim() !== '')
    for (const group of pieces(groupsOf(sentences, shape === 'ledes' ? 2 : 3))) items.push({ text: group.join(' '), title, label })
  }
  for (const abstract of readJsonl<{ title: string; text: string }>(scifactPath).slice(0, 1000)) {
    for (const group of pieces(groupsOf(splitSentences(abstract.text), shape === 'ledes' ? 2 : 3))) {
      items.push({ text: group.join(' '), title: abstract.title, label: 'Science' })
    }
  }
  // `--dev-cut N/i`: every Nth item from the ith, to see how settings fare on a smaller corpus.
  const [every, from] = (valueOf('--dev-cut') ?? '1/0').split('/').map(Number)
  if (!(Number.isInteger(every) && Number.isInteger(from) && every >= 1 && from >= 0 && from < every)) {
    throw new Error('--dev-cut takes N/i with 0 <= i < N, as in 8/0')
  }
  return items.filter((_, i) => i % every === from)
}

if (args.includes('--dev')) {
  if (![reutersPath, conllPath, scifactPath].every(existsSync)) console.log('development corpora not found: skipping')
  else {
    const shape = args.includes('--dev-ledes') ? 'ledes' : 'pieces'
    const described = shape === 'ledes' ? 'headline and opening of each story, as AG News items are' : 'stories in pieces'
    compare(`development corpus (Reuters tagged stories, CoNLL train, SciFact; ${described})`, developmentCorpus(shape), {
      World: AG_CLASS_TOPICS.World,
      Business: ['economy-business-finance', 'labour'],
      Sports: ['sport'],
      Science: ['science-technology', 'health', 'environment'],
    })
  }
}

/** Reuters-21578 paragraphs (with their story's title), all of them: about 50k. */
function reutersPassages(): TopicInput[] {
  const passages: TopicInput[] = []
  for (const story of readJsonl<{ title?: string; body?: string }>(reutersPath)) {
    if (story.body) for (const text of splitReutersBody(story.body)) passages.push({ text, title: story.title })
  }
  return passages
}

/** A Reuters story: its passages (with the title as context) and its own topic tags. */
interface ReutersStory {
  id: number
  tags: string[]
  passages: TopicInput[]
}

function reutersStories(split: 'TRAIN' | 'TEST'): ReutersStory[] {
  return readJsonl<{ id: number; title?: string; body?: string; topics?: string[]; lewis_split?: string }>(reutersPath)
    .filter((story) => story.lewis_split === split && story.body)
    .map((story) => ({ id: story.id, tags: story.topics ?? [], passages: splitReutersBody(story.body!).map((text) => ({ text, title: story.title })) }))
    .filter((story) => story.passages.length > 0)
}

/**
 * Where each class of Reuters story lands: the first second-level topic of the story's article topics (the
 * rule the indexer applies), "(none)" without one. A story counts for a class when every tag it has that
 * belongs to a class belongs to that one. Classes: scripts/data/topics-reuters-classes.json.
 */
function reportReutersLanding(name: string, stories: ReutersStory[], topics: string[][]): void {
  const { classes, mustDiffer, expected } = JSON.parse(readFileSync(join(import.meta.dirname, 'data/topics-reuters-classes.json'), 'utf8')) as {
    classes: Record<string, string[]>
    mustDiffer: string[]
    expected: Record<string, string[]>
  }
  const classOfTag = new Map(Object.entries(classes).flatMap(([name, tags]) => tags.map((tag): [string, string] => [tag, name])))
  const landing = new Map(Object.keys(classes).map((c) => [c, new Map<string, number>()]))
  /** The same under the economy: the article's first second-level topic of "economy, business and finance". */
  const economyLanding = new Map(Object.keys(classes).map((c) => [c, new Map<string, number>()]))
  /** Per class: stories whose article topics include an expected second-level topic. */
  const carrying = new Map(Object.keys(classes).map((c) => [c, 0]))
  const topLevel = new Map<string, number>()
  const carriesTopic = new Map<string, number>()
  let passages = 0
  let passagesWithChild = 0
  let next = 0
  for (const story of stories) {
    const own = topics.slice(next, next + story.passages.length)
    next += story.passages.length
    for (const list of own) {
      passages++
      const first = list[0] ?? '(none)'
      topLevel.set(first, (topLevel.get(first) ?? 0) + 1)
      for (const topic of list.filter(isTopLevel)) carriesTopic.set(topic, (carriesTopic.get(topic) ?? 0) + 1)
      if (list.some((topic) => !isTopLevel(topic))) passagesWithChild++
    }
    const storyClasses = new Set(story.tags.map((tag) => classOfTag.get(tag)).filter((c) => c !== undefined))
    if (storyClasses.size !== 1) continue
    const storyClass = [...storyClasses][0]!
    const counts = landing.get(storyClass)!
    const article = articleTopics(own, { parents })
    const child = article.find((topic) => !isTopLevel(topic)) ?? '(none)'
    counts.set(child, (counts.get(child) ?? 0) + 1)
    const underEconomy =
      article.find((topic) => parents[topic] === ECONOMY) ?? (article.includes(ECONOMY) ? '(economy alone)' : `(no economy: ${article[0] ?? 'no topic'})`)
    const economyCounts = economyLanding.get(storyClass)!
    economyCounts.set(underEconomy, (economyCounts.get(underEconomy) ?? 0) + 1)
    if (article.some((topic) => expected[storyClass].includes(topic))) carrying.set(storyClass, carrying.get(storyClass)! + 1)
  }
  const share = (n: number, of: number) => `${((100 * n) / of).toFixed(1)}%`
  console.log(`\n${name}`)
  console.log(`  ${stories.length} stories, ${passages} passages; passages with a second-level topic: ${share(passagesWithChild, passages)}`)
  console.log(`  first top-level topic of passages: ${[...topLevel].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([t, n]) => `${t} ${share(n, passages)}`).join(', ')}`)
  console.log(`  passages carrying a top-level topic: ${[...carriesTopic].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([t, n]) => `${t} ${share(n, passages)}`).join(', ')}`)
  console.log('  landing of single-class stories (first second-level topic of the article):')
  const modal = new Map<string, string>()
  let firstSum = 0
  let carriedSum = 0
  for (const [c, counts] of landing) {
    const total = [...counts.values()].reduce((a, b) => a + b, 0)
    if (total === 0) continue
    const ranked = [...counts].sort((a, b) => b[1] - a[1])
    modal.set(c, ranked[0][0])
    const first = expected[c].reduce((n, topic) => n + (counts.get(topic) ?? 0), 0)
    firstSum += first / total
    carriedSum += carrying.get(c)! / total
    console.log(`    ${c.padEnd(10)} ${String(total).padStart(5)} stories: ${ranked.slice(0, 4).map(([t, n]) => `${t} ${share(n, total)}`).join(', ')}`)
    console.log(`    ${''.padEnd(16)} expected ${expected[c].join(' or ')}: first ${share(first, total)}, among the article's topics ${share(carrying.get(c)!, total)}`)
  }
  console.log(`  landing accuracy, macro over ${modal.size} classes: first ${(firstSum / modal.size).toFixed(3)}, among the article's topics ${(carriedSum / modal.size).toFixed(3)}`)
  const distinct = (modes: Map<string, string>) => {
    const landed = mustDiffer.map((c) => modes.get(c))
    return new Set(landed).size === landed.length && landed.every((topic) => topic !== undefined && !topic.startsWith('('))
  }
  console.log(`  ${mustDiffer.join(', ')} land in ${distinct(modal) ? 'distinct' : 'NOT distinct'} second-level topics`)
  console.log('  landing under the economy (the article\'s first second-level topic of economy, business and finance):')
  const economyModal = new Map<string, string>()
  for (const [c, counts] of economyLanding) {
    const total = [...counts.values()].reduce((a, b) => a + b, 0)
    if (total === 0) continue
    const ranked = [...counts].sort((a, b) => b[1] - a[1])
    economyModal.set(c, ranked[0][0])
    console.log(`    ${c.padEnd(10)} ${String(total).padStart(5)} stories: ${ranked.slice(0, 4).map(([t, n]) => `${t} ${share(n, total)}`).join(', ')}`)
  }
  console.log(`  ${mustDiffer.join(', ')} land in ${distinct(economyModal) ? 'distinct' : 'NOT distinct'} second-level topics under the economy`)
}

const ECONOMY = 'economy-business-finance'

if (args.includes('--reuters')) {
  if (!existsSync(reutersPath)) console.log('Reuters-21578 not found: skipping')
  else {
    const train = reutersStories('TRAIN')
    const items = train.flatMap((story) => story.passages)
    started = performance.now()
    const { topics, model } = trainTopics(items, taxonomy, settings)
    const seconds = (performance.now() - started) / 1000
    const size = JSON.stringify(model).length
    const weights = JSON.stringify({ ...model, taxonomy: undefined }).length
    console.log(
      `\nReuters-21578 TRAIN: model trained on ${items.length} passages in ${seconds.toFixed(1)} s; model ${(size / 1e6).toFixed(2)} MB as JSON ` +
        `(${(weights / 1e6).toFixed(2)} MB without its taxonomy; ${model.vocabulary.length} stems, second-level models under ` +
        `${Object.keys(model.children).join(', ') || 'no parent'})`,
    )
    reportReutersLanding('Reuters-21578 TRAIN stories (development)', train, topics)
    if (args.includes('--test')) {
      const test = reutersStories('TEST')
      const testTopics = classifyWithModel(model, test.flatMap((story) => story.passages))
      reportReutersLanding('Reuters-21578 TEST stories (report only), classified with the model trained on TRAIN', test, testTopics)
    }
  }
}

if (args.includes('--speed')) {
  if (!existsSync(reutersPath) || !existsSync(agPath) || !existsSync(scifactPath)) console.log('corpora not found: skipping speed')
  else {
    const pool = reutersPassages()
    for (const item of readJsonl<{ title: string; description: string }>(agPath)) pool.push({ text: cleanAgText(item.description), title: item.title })
    for (const abstract of readJsonl<{ title: string; text: string }>(scifactPath)) {
      for (const group of groupsOf(splitSentences(abstract.text), 3)) pool.push({ text: group.join(' '), title: abstract.title })
    }
    console.log(`\nspeed of classifyCorpus (passages from Reuters-21578, AG News and SciFact: ${pool.length} distinct)`)
    for (const size of [30_000, 100_000]) {
      const items = Array.from({ length: size }, (_, i) => pool[i % pool.length])
      started = performance.now()
      const topics = classifyCorpus(items, taxonomy, settings)
      const seconds = (performance.now() - started) / 1000
      console.log(
        `  ${size} passages: ${seconds.toFixed(1)} s, ${Math.round(size / seconds)} passages/s, ` +
          `${(topics.reduce((n, t) => n + t.length, 0) / size).toFixed(2)} topics per passage, peak RSS so far ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`,
      )
    }
  }
}

const seedDir = resolve(PROJECT_ROOT, 'seeds')
if (showSeeds && existsSync(seedDir)) {
  console.log('\nseed paragraphs (20 words or more): lexicon topics (the corpus classifier falls back to them for a corpus this small)')
  const labels = new Map(taxonomy.topics.map((topic) => [topic.id, topic.label]))
  for (const file of readdirSync(seedDir).filter((name) => name.endsWith('.txt')).sort()) {
    const lines = readFileSync(join(seedDir, file), 'utf8').split('\n')
    const title = lines[0]
    console.log(`\n${file}: ${title}`)
    for (const line of lines.slice(1)) {
      if (line.split(/\s+/).filter(Boolean).length < 20) continue
      const topics = classifier.classify(line, { title })
      const shown = topics.map((t) => `${t.parent ? '> ' : ''}${labels.get(t.topic)} ${t.score.toFixed(1)}`).join('; ') || '(no topic)'
      console.log(`  [${shown}] ${line.slice(0, 90)}…`)
    }
  }
}
