// Measures the people facet on Reuters-21578 (a development corpus: its errors are listed):
// (a) precision of the most frequent people values over the whole corpus. A value is an error when a story
//     listing it tags it as one of its own `orgs`, `places` or `exchanges`, or when the hand labels in
//     scripts/data/people-reuters-labels.tsv call it "not-person"; values neither tags nor labels decide are
//     listed as unlabelled, to be labelled by hand;
// (b) alias sanity: canonical people with an alias that carries another surname (a romanised spelling of the
//     same surname, "Rakhmon" for "Rahmon", counts as the same surname; such variants are counted apart).
// The stories go through the indexer's own steps: readCorpus, toPassages, findPeopleInArticle with the story's
// given people and org tags, addNameStats and mergePeople (no aliases file: what a new user sees).
// Usage: npm run eval:people:reuters [-- --top 150] [--text-only]
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { PROJECT_ROOT } from '../src/defaults.ts'
import { readCorpus } from '../src/ingest/read-corpus.ts'
import { toPassages } from '../src/ingest/passages.ts'
import { addNameStats, findPeopleInArticle, foldName, mergePeople, type NameStats } from '../src/enrich/people/index.ts'
import { nameWords, sameSurname } from '../src/enrich/people/name-words.ts'
import { lettersOnly } from '../src/enrich/people/organisations.ts'

const CORPUS = resolve(PROJECT_ROOT, '..', 'shared', 'corpora', 'reuters21578', 'reuters21578.jsonl')
const LABELS = join(PROJECT_ROOT, 'scripts', 'data', 'people-reuters-labels.tsv')
const args = process.argv.slice(2)
const topCount = Number(args[args.indexOf('--top') + 1] ?? 150) || 150
/** Without the stories' own people and org tags: what the text alone yields. */
const textOnly = args.includes('--text-only')

type Label = 'person' | 'not-person'

/** Hand labels: `name<TAB>person|not-person<TAB>note`, `#` comments. */
function readLabels(): Map<string, { label: Label; note: string }> {
  const labels = new Map<string, { label: Label; note: string }>()
  for (const line of readFileSync(LABELS, 'utf8').split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue
    const [name, label, note = ''] = line.split('\t')
    if (label !== 'person' && label !== 'not-person') throw new Error(`eval-people-reuters: bad label "${label}" for "${name}" in ${LABELS}`)
    labels.set(foldName(name), { label, note })
  }
  return labels
}

/** A tag names the value when their letters agree: "World Bank" and "worldbank", "Hong Kong" and "hong-kong". */
function tagNames(tag: string, value: string): boolean {
  const key = lettersOnly(tag)
  return key.length > 1 && lettersOnly(value) === key
}

async function main(): Promise<void> {
  if (!existsSync(CORPUS)) {
    console.log(`Reuters-21578: skipped, ${CORPUS} not found`)
    return
  }
  const started = performance.now()
  const { articles } = await readCorpus([CORPUS])
  const stats: NameStats = {}
  const perArticle = articles.map((article) => {
    const passages = toPassages(article).map((p) => p.text)
    const people = findPeopleInArticle(passages, {
      title: article.title,
      givenPeople: textOnly ? undefined : article.givenPeople,
      orgHints: textOnly ? undefined : article.fields?.orgs,
    })
    addNameStats(stats, people.stats)
    return { article, names: people.passages }
  })
  const merge = mergePeople(stats)

  // Passages per canonical value, and the tags of the stories that list it.
  const passageCounts = new Map<string, number>()
  const storyTags = new Map<string, Set<string>>()
  for (const { article, names } of perArticle) {
    const tags = ['orgs', 'places', 'exchanges'].flatMap((field) => article.fields?.[field] ?? [])
    for (const list of names) {
      for (const value of new Set(list.flatMap((name) => merge.canonical(name) ?? []))) {
        passageCounts.set(value, (passageCounts.get(value) ?? 0) + 1)
        const known = storyTags.get(value) ?? new Set<string>()
        for (const tag of tags) known.add(tag)
        storyTags.set(value, known)
      }
    }
  }
  const top = [...passageCounts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, topCount)

  const labels = readLabels()
  const tagged: string[] = []
  const labelledOut: string[] = []
  const unlabelled: string[] = []
  for (const [value, count] of top) {
    const tag = [...(storyTags.get(value) ?? [])].find((t) => tagNames(t, value))
    const label = labels.get(foldName(value))
    if (tag !== undefined) tagged.push(`${value} (${count}; tag "${tag}")`)
    else if (label?.label === 'not-person') labelledOut.push(`${value} (${count}${label.note ? `; ${label.note}` : ''})`)
    else if (label === undefined) unlabelled.push(`${value} (${count})`)
  }
  const errors = tagged.length + labelledOut.length
  console.log(`Reuters-21578 (${articles.length} stories${textOnly ? ', text only' : ', with their people and org tags'}): ${((performance.now() - started) / 1000).toFixed(0)} s`)
  console.log(`  top ${top.length} people values: ${top.length - errors - unlabelled.length} people, ${errors} not people (${tagged.length} named by the story's own tags, ${labelledOut.length} by hand labels), ${unlabelled.length} unlabelled`)
  if (tagged.length) console.log(`    named by tags: ${tagged.join(', ')}`)
  if (labelledOut.length) console.log(`    labelled not people: ${labelledOut.join(', ')}`)
  if (unlabelled.length) console.log(`    unlabelled (add to ${LABELS}): ${unlabelled.join(', ')}`)

  // Alias sanity over every canonical person of the corpus.
  let crossSurname = 0
  let romanised = 0
  const examples: string[] = []
  const canonicalPeople = new Set([...passageCounts.keys()])
  for (const person of canonicalPeople) {
    const surname = nameWords(person).at(-1)
    if (surname === undefined) continue
    const aliases = merge.aliasesOf(person)
    const other = aliases.filter((alias) => {
      const aliasSurname = nameWords(alias).at(-1)
      return aliasSurname !== undefined && !sameSurname(aliasSurname, surname)
    })
    if (other.length > 0) {
      crossSurname++
      if (examples.length < 20) examples.push(`${person} <- ${other.join('; ')}`)
    }
    if (aliases.some((alias) => nameWords(alias).at(-1) !== surname && sameSurname(nameWords(alias).at(-1) ?? '', surname))) romanised++
  }
  console.log(`  alias sanity: ${crossSurname} of ${canonicalPeople.size} canonical people have an alias with another surname; ${romanised} merge a romanised spelling of their surname`)
  if (examples.length) console.log(`    ${examples.join('\n    ')}`)
}

await main()
