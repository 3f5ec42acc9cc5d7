// Corpus-wide merging of one person's spellings ("Rahmon"/"Rakhmon", "Rustam Emomali"/"Rustami Emomali",
// with and without a middle name) under one canonical name. Conservative: two full names merge only when
// their first and last words both agree, at least one of them exactly, so people who merely share a word
// ("Rahmon Nabiev", "Emomali Rahmon", "Rustam Emomali") stay apart.
import { emptyAliases, type Aliases } from './aliases.ts'
import { NAME_PARTICLES } from './cues.ts'
import { withinOneEdit } from './edit-distance.ts'
import { foldName } from './fold.ts'

export interface PeopleMerge {
  /** The canonical name for a name seen in the corpus; undefined when the aliases file says it is not a person. */
  canonical(name: string): string | undefined
  /** The other spellings merged into a canonical name (not including itself). */
  aliasesOf(canonical: string): string[]
}

interface Cluster {
  canonical: string
  /** Folded words of the canonical name, particles removed. */
  words: string[]
  /** True when the aliases file fixed the canonical name; its members still join by similarity. */
  fromAliases: boolean
  members: string[]
}

export function mergePeople(names: Map<string, number>, aliases: Aliases = emptyAliases()): PeopleMerge {
  const clusterOf = new Map<string, Cluster | null>()
  const clusters: Cluster[] = []
  const aliasClusters = new Map<string, Cluster>()
  const clusterFor = (canonical: string, fromAliases: boolean): Cluster => {
    const key = foldName(canonical)
    const existing = aliasClusters.get(key)
    if (existing) return existing
    const cluster: Cluster = { canonical, words: nameWords(canonical), fromAliases, members: [] }
    clusters.push(cluster)
    aliasClusters.set(key, cluster)
    return cluster
  }
  for (const canonical of new Set(aliases.canonical.values())) clusterFor(canonical, true)

  // Full names first, most mentioned first, so each cluster is named by its commonest full spelling.
  const ordered = [...names.entries()].sort((a, b) => {
    const wa = nameWords(a[0]).length >= 2 ? 1 : 0
    const wb = nameWords(b[0]).length >= 2 ? 1 : 0
    return wb - wa || b[1] - a[1] || b[0].length - a[0].length || a[0].localeCompare(b[0])
  })
  for (const [name] of ordered) {
    const folded = foldName(name)
    if (aliases.notPeople.has(folded)) {
      clusterOf.set(name, null)
      continue
    }
    const aliased = aliases.canonical.get(folded)
    let cluster = aliased !== undefined ? clusterFor(aliased, true) : findCluster(nameWords(name), clusters)
    if (!cluster) {
      cluster = { canonical: name, words: nameWords(name), fromAliases: false, members: [] }
      clusters.push(cluster)
      aliasClusters.set(folded, cluster)
    }
    cluster.members.push(name)
    clusterOf.set(name, cluster)
  }

  const byCanonical = new Map(clusters.map((c) => [c.canonical, c]))
  return {
    canonical(name) {
      const known = clusterOf.get(name)
      if (known === null) return undefined
      if (known) return known.canonical
      // A name not in the input: apply the aliases file, else leave it as it is.
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

function nameWords(name: string): string[] {
  return foldName(name)
    .split(/[\s]+/)
    .filter((w) => w.length > 0 && !NAME_PARTICLES.has(w))
}

/** The one cluster this name belongs to, or undefined when none (or, for weak evidence, more than one) fits. */
function findCluster(words: string[], clusters: Cluster[]): Cluster | undefined {
  if (words.length === 0) return undefined
  if (words.length === 1) {
    // A bare surname joins the single full name ending in it; a bare word joins an equal-sounding bare word.
    const full = clusters.filter((c) => c.words.length >= 2 && wordsMatch(c.words.at(-1)!, words[0]) !== 'none')
    if (full.length === 1) return full[0]
    if (full.length > 1) return undefined
    return clusters.find((c) => c.words.length === 1 && wordsMatch(c.words[0], words[0]) !== 'none')
  }
  const strong: Cluster[] = []
  const weak: Cluster[] = []
  for (const cluster of clusters) {
    const verdict = sameFullName(cluster.words, words)
    if (verdict === 'strong') strong.push(cluster)
    else if (verdict === 'weak') weak.push(cluster)
  }
  if (strong.length > 0) return strong[0]
  return weak.length === 1 ? weak[0] : undefined
}

type Verdict = 'none' | 'weak' | 'strong'

/**
 * Whether two full names are one person's: first and last words must agree, at least one exactly (or the same
 * transliteration), the other at worst by one slip or as an initial ("E. Rahmon"); middle words of the shorter
 * name must appear in the longer one. An initial is 'weak' evidence, used only when it fits a single person.
 */
function sameFullName(a: string[], b: string[]): Verdict {
  if (a.length < 2 || b.length < 2) return 'none'
  const first = wordsMatch(a[0], b[0])
  const last = wordsMatch(a.at(-1)!, b.at(-1)!)
  if (first === 'none' || last === 'none') return 'none'
  if (first !== 'exact' && last !== 'exact') return 'none'
  const [short, long] = a.length <= b.length ? [a, b] : [b, a]
  const longMiddle = long.slice(1, -1)
  let j = 0
  for (const word of short.slice(1, -1)) {
    while (j < longMiddle.length && wordsMatch(longMiddle[j], word) === 'none') j++
    if (j === longMiddle.length) return 'none'
    j++
  }
  return first === 'initial' || last === 'initial' ? 'weak' : 'strong'
}

type WordMatch = 'none' | 'initial' | 'near' | 'exact'

function wordsMatch(a: string, b: string): WordMatch {
  if (a === b) return 'exact'
  const ia = /^\p{L}\.?$/u.test(a)
  const ib = /^\p{L}\.?$/u.test(b)
  if (ia || ib) return a[0] === b[0] && !(ia && ib) ? 'initial' : 'none'
  if (transliterationKey(a) === transliterationKey(b)) return 'exact'
  if (Math.min(a.length, b.length) >= 5 && withinOneEdit(a, b)) return 'near'
  return 'none'
}

/** Collapses common romanisation differences (kh/h, y/i, doubled letters) so "Rakhmon" keys like "Rahmon". */
function transliterationKey(word: string): string {
  return word
    .replace(/['’\-.]/g, '')
    .replace(/kh/g, 'h')
    .replace(/dzh|dj/g, 'j')
    .replace(/zh/g, 'j')
    .replace(/ph/g, 'f')
    .replace(/ck|q/g, 'k')
    .replace(/w/g, 'v')
    .replace(/ou/g, 'u')
    .replace(/ee/g, 'i')
    .replace(/y/g, 'i')
    .replace(/(.)\1+/g, '$1')
}
