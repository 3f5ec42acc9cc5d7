// Measures the people facet: people-set precision/recall/F1 on CoNLL-2003, the seed articles against
// tests/enrich/people/seed-gold.json, and extraction speed on Reuters-21578.
// CoNLL: `train` is the development split (its errors are listed); `testa` is reported as figures only, never
// with its errors, so nothing is tuned on it.
// Usage: npm run eval:people [-- --split testa|train] [--errors 20] [--reuters 5000]
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { PROJECT_ROOT } from '../src/defaults.ts'
import { addNameStats, findPeopleInArticle, foldName, mergePeople, type NameStats } from '../src/enrich/people/index.ts'
import { loadSeedPassages } from '../tests/enrich/people/seed-passages.ts'

const CORPORA = resolve(PROJECT_ROOT, '..', 'shared', 'corpora')
const DEVELOPMENT_SPLIT = 'train'
const args = parseArgs(process.argv.slice(2))
const split = args.get('split') ?? 'testa'
const errorCount = Number(args.get('errors') ?? 20)
const reutersStories = Number(args.get('reuters') ?? 5000)

function parseArgs(argv: string[]): Map<string, string> {
  const out = new Map<string, string>()
  for (let i = 0; i < argv.length; i++) if (argv[i].startsWith('--')) out.set(argv[i].slice(2), argv[i + 1] ?? '')
  return out
}

interface ConllDoc {
  id: string
  split: string
  text: string
  people: string[]
}

/** Gold people of a document as folded full names: a bare word folds into the document's full name containing it. */
function goldPeople(people: string[]): Set<string> {
  const folded = [...new Set(people.map(foldName))]
  const full = folded.filter((p) => p.includes(' '))
  const out = new Set<string>()
  for (const name of folded) {
    if (name.includes(' ')) out.add(name)
    else out.add(full.find((f) => f.split(' ').includes(name)) ?? name)
  }
  return out
}

/**
 * The people each document lists, as the indexer decides them: names found per document, then dropped when the
 * corpus-wide merge over the whole split says they are not people (a firm the split writes as one). Names are
 * compared as found, not as merged, since the gold is per document ("Lawson" where a story never says "Nigel").
 */
function predictedPeople(docs: ConllDoc[]): Set<string>[] {
  const found = docs.map((doc) => findPeopleInArticle(doc.text.split('\n')))
  const stats: NameStats = {}
  for (const article of found) addNameStats(stats, article.stats)
  const merge = mergePeople(stats)
  return found.map((article) => new Set(article.passages.flat().filter((name) => merge.canonical(name) !== undefined).map(foldName)))
}

interface Score {
  tp: number
  fp: number
  fn: number
}
const f1 = ({ tp, fp, fn }: Score) => {
  const p = tp / Math.max(1, tp + fp)
  const r = tp / Math.max(1, tp + fn)
  return { precision: p, recall: r, f1: p + r === 0 ? 0 : (2 * p * r) / (p + r) }
}
const pct = (x: number) => x.toFixed(3)

function top(counts: Map<string, number>, n: number): string {
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${k} (${v})`).join(', ')
}

function evaluateConll(): void {
  const path = join(CORPORA, 'conll2003', 'conll2003_docs.jsonl')
  if (!existsSync(path)) {
    console.log(`CoNLL-2003: skipped, ${path} not found`)
    return
  }
  const docs: ConllDoc[] = readFileSync(path, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l))
  const score: Score = { tp: 0, fp: 0, fn: 0 }
  const falsePositives = new Map<string, number>()
  const falseNegatives = new Map<string, number>()
  const chosen = docs.filter((d) => d.split === split)
  const predicted = predictedPeople(chosen)
  chosen.forEach((doc, i) => {
    const gold = goldPeople(doc.people)
    const found = predicted[i]
    for (const name of found) {
      if (gold.has(name)) score.tp++
      else {
        score.fp++
        falsePositives.set(name, (falsePositives.get(name) ?? 0) + 1)
      }
    }
    for (const name of gold) {
      if (!found.has(name)) {
        score.fn++
        falseNegatives.set(name, (falseNegatives.get(name) ?? 0) + 1)
      }
    }
  })
  const m = f1(score)
  console.log(`CoNLL-2003 ${split} (${chosen.length} docs): precision ${pct(m.precision)}  recall ${pct(m.recall)}  F1 ${pct(m.f1)}  (tp ${score.tp}, fp ${score.fp}, fn ${score.fn})`)
  // Errors are listed for the development split only: reading a reporting split's errors would tune on it.
  if (split === DEVELOPMENT_SPLIT && errorCount > 0) {
    console.log(`  top false positives: ${top(falsePositives, errorCount)}`)
    console.log(`  top false negatives: ${top(falseNegatives, errorCount)}`)
  }
}

interface SeedGold {
  /** People named in the article body: each must be found. */
  people: string[]
  /** People named only in bylines, captions, credits or page chrome: allowed, not required. */
  optional?: string[]
}

async function evaluateSeeds(): Promise<void> {
  const goldPath = join(PROJECT_ROOT, 'tests', 'enrich', 'people', 'seed-gold.json')
  const gold: Record<string, SeedGold> = JSON.parse(readFileSync(goldPath, 'utf8'))
  const seeds = await loadSeedPassages(join(PROJECT_ROOT, 'seeds'))
  console.log(`Seeds (${seeds.length} articles, passages from ${seeds[0]?.via ?? 'nothing'}):`)
  const perArticle = seeds.map((seed) => ({ seed, people: findPeopleInArticle(seed.passages, { title: seed.title }) }))
  const stats: NameStats = {}
  for (const { people } of perArticle) addNameStats(stats, people.stats)
  const merge = mergePeople(stats)
  let missing = 0
  let unexpected = 0
  let split = 0
  for (const { seed, people } of perArticle) {
    const expected = gold[seed.file]
    if (!expected || typeof expected !== 'object') continue
    const found = new Set(people.passages.flat().flatMap((n) => merge.canonical(n) ?? []))
    const foundFolded = new Map([...found].map((n) => [foldName(n), n]))
    const required = expected.people.map(foldName)
    const allowed = new Set([...required, ...(expected.optional ?? []).map(foldName)])
    const miss = required.filter((n) => !foundFolded.has(n))
    const extra = [...foundFolded.keys()].filter((n) => !allowed.has(n))
    // A person split across two facet values shows as two found names that are variants of one gold name.
    const splits = required.filter((n) => [...foundFolded.keys()].filter((f) => f !== n && (f.endsWith(' ' + n.split(' ').at(-1)) || n.endsWith(' ' + f))).length > 0 && foundFolded.has(n))
    missing += miss.length
    unexpected += extra.length
    split += splits.length
    console.log(`  ${seed.file}: ${found.size} people; missing ${miss.length ? miss.join(', ') : 'none'}; not expected ${extra.length ? extra.join(', ') : 'none'}`)
  }
  console.log(`  seeds total: missing ${missing}, not expected ${unexpected}, possibly split ${split}`)
}

function measureSpeed(): void {
  const path = join(CORPORA, 'reuters21578', 'reuters21578.jsonl')
  if (!existsSync(path)) {
    console.log(`Reuters-21578 speed: skipped, ${path} not found`)
    return
  }
  const stories: { body?: string; title?: string; people?: string[] }[] = readFileSync(path, 'utf8').split('\n').filter(Boolean).slice(0, reutersStories).map((l) => JSON.parse(l))
  const articles = stories.map((s) => ({ title: s.title, passages: (s.body ?? '').split(/\n\s*\n|\n(?=[ \t])/).map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean) }))
  const passageCount = articles.reduce((n, a) => n + a.passages.length, 0)
  const started = performance.now()
  let names = 0
  for (const article of articles) names += findPeopleInArticle(article.passages, { title: article.title }).passages.flat().length
  const seconds = (performance.now() - started) / 1000
  console.log(`Reuters-21578 speed: ${articles.length} stories, ${passageCount} passages in ${seconds.toFixed(2)} s = ${Math.round(passageCount / seconds)} passages/s (${names} person mentions)`)
  checkReutersTags(stories, articles)
}

/**
 * A sanity check against Reuters' own "story is about" tags (lowercase surnames such as "reagan"): how often
 * a tagged person's surname is among the surnames found in the text alone (the tags are not given to the
 * finder here). A recall proxy only: a tag can name someone the story never names.
 */
function checkReutersTags(stories: { people?: string[] }[], articles: { title?: string; passages: string[] }[]): void {
  let tags = 0
  let found = 0
  stories.forEach((story, i) => {
    if (!story.people?.length) return
    const surnames = new Set(findPeopleInArticle(articles[i].passages, { title: articles[i].title }).passages.flat().map((n) => foldName(n).split(/[\s-]/).at(-1)!))
    for (const tag of story.people) {
      tags++
      if (surnames.has(tag.split('-').at(-1)!)) found++
    }
  })
  if (tags > 0) console.log(`Reuters-21578 people tags: ${found}/${tags} tagged surnames found (${pct(found / tags)}) in the same stories`)
}

evaluateConll()
await evaluateSeeds()
measureSpeed()
