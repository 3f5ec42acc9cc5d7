// What one article says about each name it uses, as counts that add up across a corpus and subtract again
// when the article goes: the corpus-wide merge (merge.ts) is a pure function of their sum, so re-indexing one
// changed file needs only that file's stats, never a second pass over the rest.

/** The evidence one name collects; every field is a count, so stats add and subtract field by field. */
export interface NameStat {
  /** Passages listing the name as a person. */
  passages: number
  /** Articles listing the name as a person. */
  articles: number
  /** Mentions with a sign that only people take: a title or role before, "who" or an age after, a role in apposition. */
  personCues: number
  /** Mentions with a sign that only organisations take: a legal suffix or "and Co" after, a ticker, "analyst at". */
  companyCues: number
  /** Articles whose own people list (a JSON Lines `people` field) gives the name. */
  given: number
}

/**
 * Name (as written, e.g. "Merrill Lynch") -> its evidence. A plain JSON object, so it can be saved beside an
 * article and summed later. A name may carry company evidence and no person mentions at all: an article that
 * writes "Merrill Lynch and Co" vouches that "Merrill Lynch" elsewhere is the firm.
 */
export type NameStats = Record<string, NameStat>

const FIELDS = ['passages', 'articles', 'personCues', 'companyCues', 'given'] as const satisfies readonly (keyof NameStat)[]

export function emptyNameStat(): NameStat {
  return { passages: 0, articles: 0, personCues: 0, companyCues: 0, given: 0 }
}

/** Adds (sign 1) or removes (sign -1) one article's or corpus's stats into `into`; names left with no evidence are deleted. */
export function addNameStats(into: NameStats, stats: NameStats, sign: 1 | -1 = 1): void {
  for (const [name, stat] of Object.entries(stats)) {
    const target = statOf(into, name)
    for (const field of FIELDS) target[field] += sign * stat[field]
    if (FIELDS.every((field) => target[field] === 0)) delete into[name]
  }
}

/** The stat of `name` in `stats`, created empty when missing. */
export function statOf(stats: NameStats, name: string): NameStat {
  // Own properties only: a name is data, never a key of Object.prototype.
  if (!Object.hasOwn(stats, name)) stats[name] = emptyNameStat()
  return stats[name]
}
