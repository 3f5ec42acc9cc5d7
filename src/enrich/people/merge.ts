// Corpus-wide merging of one person's spellings under one canonical name, computed from the summed per-article
// NameStats alone (so it is the same whatever order articles were added or removed in). Conservative:
// - two full names merge only when their surnames are the same word (up to romanisation: "Rakhmon"/"Rahmon")
//   and their given names agree (exactly, by a one-letter slip, or as an initial that fits one person only);
// - a bare surname joins the full name that dominates that surname in the corpus ("Reagan" -> "Ronald Reagan"),
//   and stays apart when two full names share it ("Waugh" with "Mark Waugh" and "Steve Waugh");
// - a name the corpus mostly writes as a firm ("Merrill Lynch and Co", "analysts at Merrill Lynch") is not a person.
import { emptyAliases, type Aliases } from './aliases.ts'
import { foldName } from './fold.ts'
import { givenNamesMatch, isInitialWord, nameWords, sameSurname, surnameKey } from './name-words.ts'
import type { NameStat, NameStats } from './stats.ts'
import { isGiven } from './word-classes.ts'

export interface PeopleMerge {
  /** The canonical name for a name seen in the corpus; undefined when it is not a person (aliases file or corpus evidence). */
  canonical(name: string): string | undefined
  /** The other spellings merged into a canonical name (not including itself). */
  aliasesOf(canonical: string): string[]
}

/** Share of a surname's full-name passages one person must hold for the bare surname to be theirs. */
const DOMINANT_SHARE = 0.9

/**
 * A name is a firm when company signs outnumber person signs this many times over (and there is at least one).
 * People are seldom written with a legal suffix or as someone's employer, so one-sided evidence suffices.
 */
const COMPANY_RATIO = 2

/** One name as the corpus writes it, all spellings that fold alike taken together. */
interface NameGroup {
  /** The commonest spelling. */
  display: string
  spellings: string[]
  words: string[]
  stat: NameStat
}

interface Cluster {
  canonical: string
  /** Folded words of the canonical name. */
  words: string[]
  /** Word lists of the full names in the cluster, to keep out a name that contradicts any of them. */
  memberWords: string[][]
  members: string[]
  passages: number
}

export function mergePeople(corpus: NameStats, aliases: Aliases = emptyAliases()): PeopleMerge {
  const groups = groupSpellings(corpus)
  const clusterOf = new Map<string, Cluster | null>()
  const clusters = new Clusters()
  const aliasClusters = new Map<string, Cluster>()
  const clusterFor = (canonical: string): Cluster => {
    const key = foldName(canonical)
    let cluster = aliasClusters.get(key)
    if (!cluster) {
      cluster = { canonical, words: nameWords(canonical), memberWords: [], members: [], passages: 0 }
      clusters.add(cluster)
      aliasClusters.set(key, cluster)
    }
    return cluster
  }
  for (const canonical of [...new Set(aliases.canonical.values())].sort()) clusterFor(canonical)

  const join = (group: NameGroup, cluster: Cluster) => {
    cluster.members.push(...group.spellings)
    if (group.words.length >= 2) cluster.memberWords.push(group.words)
    cluster.passages += group.stat.passages
    for (const spelling of group.spellings) clusterOf.set(spelling, cluster)
  }
  const people: NameGroup[] = []
  for (const group of groups) {
    const folded = foldName(group.display)
    if (aliases.notPeople.has(folded) || !isPerson(group, aliases)) {
      for (const spelling of group.spellings) clusterOf.set(spelling, null)
      continue
    }
    const aliased = aliases.canonical.get(folded)
    if (aliased !== undefined) join(group, clusterFor(aliased))
    else people.push(group)
  }

  // Full names first, the ones that spell out a given name before those with an initial, most mentioned first,
  // so each cluster is named by its commonest full spelling and an initial never names a cluster a full name could.
  people.sort((a, b) => rank(a) - rank(b) || b.stat.passages - a.stat.passages || b.display.length - a.display.length || compare(a.display, b.display))
  for (const group of people.filter((g) => g.words.length >= 2)) {
    const cluster = findFullNameCluster(group.words, clusters.withSurname(group.words.at(-1)!))
    if (cluster) join(group, cluster)
    else {
      const own = clusterFor(group.display)
      join(group, own)
    }
  }
  joinSurnameForms(clusters, clusterOf)
  for (const group of people.filter((g) => g.words.length === 1)) {
    const cluster = findSurnameCluster(group.words[0], clusters.withSurname(group.words[0])) ?? clusterFor(group.display)
    join(group, cluster)
  }

  const byCanonical = new Map(clusters.all.map((c) => [c.canonical, c]))
  return {
    canonical(name) {
      const known = clusterOf.get(name)
      if (known === null) return undefined
      if (known) return known.canonical
      // A name not in the stats: apply the aliases file, else leave it as it is.
      const folded = foldName(name)
      if (aliases.notPeople.has(folded)) return undefined
      return aliases.canonical.get(folded) ?? name
    },
    aliasesOf(canonical) {
      const cluster = byCanonical.get(canonical)
      return cluster ? cluster.members.filter((m) => m !== canonical) : []
    },
  }
}

/**
 * The clusters in the order they were made, and by surname: a name is only ever compared with clusters whose
 * last word is its surname, so merging costs in proportion to the names, not to their square.
 */
class Clusters {
  readonly all: Cluster[] = []
  private readonly bySurname = new Map<string, Cluster[]>()

  add(cluster: Cluster): void {
    this.all.push(cluster)
    const last = cluster.words.at(-1)
    if (last === undefined) return
    const key = surnameKey(last)
    const list = this.bySurname.get(key)
    if (list) list.push(cluster)
    else this.bySurname.set(key, [cluster])
  }

  /** The clusters whose last word is this surname (in `sameSurname`'s sense), in the order they were made. */
  withSurname(word: string): Cluster[] {
    return this.bySurname.get(surnameKey(word)) ?? []
  }
}

/** Spellings that fold alike ("Richard von Weizsaecker", "Richard Von Weizsaecker") are one name; the commonest names it. */
function groupSpellings(corpus: NameStats): NameGroup[] {
  const byFold = new Map<string, { spellings: [string, NameStat][] }>()
  for (const name of Object.keys(corpus).sort(compare)) {
    const key = foldName(name)
    const entry = byFold.get(key)
    if (entry) entry.spellings.push([name, corpus[name]])
    else byFold.set(key, { spellings: [[name, corpus[name]]] })
  }
  return [...byFold.values()].map(({ spellings }) => {
    const stat: NameStat = { passages: 0, articles: 0, personCues: 0, companyCues: 0, given: 0 }
    for (const [, s] of spellings) for (const field of Object.keys(stat) as (keyof NameStat)[]) stat[field] += s[field]
    const display = [...spellings].sort((a, b) => b[1].passages - a[1].passages || b[1].given - a[1].given || compare(a[0], b[0]))[0][0]
    return { display, spellings: spellings.map(([name]) => name), words: nameWords(display), stat }
  })
}

/** A name is a person when the articles list it as one and the corpus does not mostly write it as a firm. */
function isPerson(group: NameGroup, aliases: Aliases): boolean {
  const { stat } = group
  if (aliases.canonical.has(foldName(group.display)) || stat.given > 0) return true
  if (stat.passages === 0 || group.words.length === 0) return false
  return !(stat.companyCues > 0 && stat.companyCues >= COMPANY_RATIO * stat.personCues)
}

/** 0: a full name spelling out its given name; 1: a full name opening with an initial; 2: a single word. */
function rank(group: NameGroup): number {
  if (group.words.length < 2) return 2
  return isInitialWord(group.words[0]) ? 1 : 0
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** The cluster a full name belongs to: a strong match, else the one cluster a weak match (an initial) fits. */
function findFullNameCluster(words: string[], clusters: Cluster[]): Cluster | undefined {
  const strong: Cluster[] = []
  const weak: Cluster[] = []
  for (const cluster of clusters) {
    if (cluster.words.length < 2) continue
    const verdict = sameFullName(cluster.words, words)
    if (verdict === 'none') continue
    // "John Smith" must not carry "John A. Smith" and "John B. Smith" into one person.
    if (cluster.memberWords.some((member) => sameFullName(member, words) === 'none')) continue
    if (verdict === 'strong') strong.push(cluster)
    else weak.push(cluster)
  }
  if (strong.length > 0) return strong.length === 1 ? strong[0] : undefined
  return weak.length === 1 ? weak[0] : undefined
}

/** The full-name cluster that holds at least DOMINANT_SHARE of the full-name passages with this surname. */
function findSurnameCluster(word: string, clusters: Cluster[]): Cluster | undefined {
  const full = clusters.filter((c) => c.words.length >= 2 && c.members.length > 0 && sameSurname(c.words.at(-1)!, word))
  if (full.length > 0) {
    const total = full.reduce((sum, c) => sum + c.passages, 0)
    const best = full.reduce((a, b) => (b.passages > a.passages ? b : a))
    return total > 0 && best.passages >= DOMINANT_SHARE * total ? best : undefined
  }
  return clusters.find((c) => c.words.length === 1 && c.members.length > 0 && sameSurname(c.words[0], word))
}

/**
 * "Bra Kanon" is "Denis Bra Kanon" and "Hernandez Grisanti" is "Arturo Hernandez Grisanti": a name that does not
 * open with a given name and is the closing words of longer names that add only given names joins the one that
 * dominates them, as a bare surname does.
 */
function joinSurnameForms(clusters: Clusters, clusterOf: Map<string, Cluster | null>): void {
  for (const short of [...clusters.all]) {
    if (short.words.length < 2 || isGiven(short.words[0]) || isInitialWord(short.words[0]) || short.members.length === 0) continue
    // The longer name adds given names only ("Denis", not a misspelt title such as "Minsiter", nor an initial,
    // which would then name the person).
    const longer = clusters.withSurname(short.words.at(-1)!).filter((c) => c !== short && c.members.length > 0 && c.words.length > short.words.length && endsWith(c.words, short.words) && c.words.slice(0, c.words.length - short.words.length).every((w) => isGiven(w)))
    if (longer.length === 0) continue
    const total = longer.reduce((sum, c) => sum + c.passages, 0)
    const best = longer.reduce((a, b) => (b.passages > a.passages ? b : a))
    if (best.passages < DOMINANT_SHARE * total) continue
    best.members.push(...short.members)
    best.passages += short.passages
    for (const member of short.members) clusterOf.set(member, best)
    short.members = []
  }
}

function endsWith(long: string[], short: string[]): boolean {
  const offset = long.length - short.length
  return short.every((word, at) => (at === short.length - 1 ? sameSurname(long[offset + at], word) : long[offset + at] === word))
}

type Verdict = 'none' | 'weak' | 'strong'

/**
 * Whether two full names are one person's: the same surname; given names that agree exactly, by a one-letter
 * slip, or as an initial ('weak'); the shorter name's middle words found, in order, in the longer one's.
 * A name that opens with an initial and spells out its middle name goes by the middle name ("J. Thomas Clark"
 * is not "Joe Clark").
 */
function sameFullName(a: string[], b: string[]): Verdict {
  if (a.length < 2 || b.length < 2) return 'none'
  if (!sameSurname(a.at(-1)!, b.at(-1)!)) return 'none'
  const first = givenNamesMatch(a[0], b[0])
  if (first === 'none') return 'none'
  const [short, long] = a.length <= b.length ? [a, b] : [b, a]
  if (first === 'initial') {
    const initialled = isInitialWord(a[0]) ? a : b
    const spelled = initialled === a ? b : a
    const knownBy = initialled.slice(1, -1).find((w) => !isInitialWord(w))
    if (knownBy !== undefined && !spelled.slice(1, -1).includes(knownBy)) return 'none'
  }
  const longMiddle = long.slice(1, -1)
  let j = 0
  for (const word of short.slice(1, -1)) {
    while (j < longMiddle.length && givenNamesMatch(longMiddle[j], word) === 'none') j++
    if (j === longMiddle.length) return 'none'
    j++
  }
  return first === 'initial' ? 'weak' : 'strong'
}
