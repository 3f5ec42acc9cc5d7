// Finds the people an article names, passage by passage, and resolves short mentions ("Rahmon", "Rustam") to
// the full name the same article gives. Rules, not a trained model: capitalised runs are scored (mentions.ts),
// accepted on their own evidence or on what the rest of the article says about the same words, and resolved
// within the article (resolve.ts). Alongside the names, the article's NameStats: what it says about each name,
// for the corpus-wide merge.
import { emptyAliases, type Aliases } from './aliases.ts'
import { NAME_PARTICLES } from './cues.ts'
import { foldName } from './fold.ts'
import { resolveGivenPeople } from './given.ts'
import { findMentions, type Mention, type MentionContext } from './mentions.ts'
import { orgHintKeys } from './organisations.ts'
import { buildResolver, resolveShortMention } from './resolve.ts'
import { statOf, type NameStats } from './stats.ts'
import { tokenize, type Token } from './tokenize.ts'
import { isGiven, isPlaceLike } from './word-classes.ts'

export interface FindPeopleOptions {
  /** The article's title: names it gives count as "given in the article" for resolving short mentions. */
  title?: string
  /** User corrections: variants mapped to a canonical name, and names that are not people. Default: none. */
  aliases?: Aliases
  /**
   * People the article's own metadata lists (a JSON Lines `people` field), in any case, words joined by spaces,
   * hyphens or underscores ("james-baker"). Each is listed on the passages that name it, else on the first
   * passage (see given.ts).
   */
  givenPeople?: readonly string[]
  /** Organisations the article's own metadata lists (e.g. Reuters `orgs`): a run naming one is not a person. */
  orgHints?: readonly string[]
}

export interface ArticlePeople {
  /** Raw names per passage, before the corpus-wide merge (mergePeople gives their canonical form). */
  passages: string[][]
  /** What this article says about each name; add it into the corpus's stats with addNameStats. */
  stats: NameStats
}

/** How sure a run must be to count as a person without help from the rest of the article. */
const ACCEPT_SCORE = 2

export function findPeopleInArticle(passageTexts: readonly string[], options: FindPeopleOptions = {}): ArticlePeople {
  const aliases = options.aliases ?? emptyAliases()
  const aliasNames = new Set(aliases.canonical.keys())
  for (const canonical of aliases.canonical.values()) aliasNames.add(foldName(canonical))

  const texts: [number, string][] = passageTexts.map((text, at) => [at, text])
  if (options.title !== undefined) texts.unshift([-1, options.title])
  const lines: { passage: number; tokens: Token[] }[] = []
  for (const [passage, text] of texts) for (const line of text.split(/\n+/)) lines.push({ passage, tokens: tokenize(line) })

  const context: MentionContext = {
    aliasNames,
    orgHints: orgHintKeys(options.orgHints),
    lowercaseWords: lowercaseWords(lines.map((l) => l.tokens)),
    organisationKeys: new Set(),
    organisations: new Map(),
  }
  const mentions: Mention[] = lines.flatMap((line, lineNumber) => findMentions(line.tokens, line.passage, lineNumber, context))
  // "Comdata Network Inc ... Comdata said", "Ford Motor Co ... the Ford Escort": a name the article also writes
  // as a firm is that firm's, and so is a run it opens, unless a title or role vouches for a person.
  for (const mention of mentions) {
    if (mention.score >= 10) continue
    const key = mention.keys.join(' ')
    if (context.organisationKeys.has(key) || (mention.keys.length >= 2 && !mention.personCue && context.organisationKeys.has(mention.keys[0]))) mention.score = -10
  }

  // First pass: runs that are people on their own evidence.
  const fullNames: Mention[] = []
  for (const mention of mentions) {
    if (mention.shouted) continue
    if (mention.size >= 2 && mention.score >= ACCEPT_SCORE) {
      mention.accepted = true
      fullNames.push(mention)
    }
  }
  // Second pass: a run sharing a word with a person already found is that person's too ("Waqar Younis" once
  // accepted makes "Younis" in a scorecard a person), unless its own words say it is something else.
  // Likewise a name listed beside people ("Pakistan: Aamir Sohail, Saeed Anwar, Ijaz Ahmed").
  // Each acceptance can vouch for more, so repeat until nothing changes.
  let accepted = -1
  while (accepted !== fullNames.length) {
    accepted = fullNames.length
    const personWords = new Set(fullNames.flatMap((m) => m.keys))
    for (const mention of mentions) {
      if (mention.accepted || mention.shouted || mention.size < 2) continue
      // "In London Assange said": a place beside a person's word is no part of that person's name.
      const sharesWord = mention.keys.some((k) => personWords.has(k)) && !mention.keys.some((k) => !personWords.has(k) && isPlaceLike(k) && !isGiven(k))
      if (mention.score > -1.5 && sharesWord) {
        mention.accepted = true
        fullNames.push(mention)
      }
    }
    acceptListNeighbours(mentions, fullNames)
  }

  const resolver = buildResolver(fullNames)
  const stats: NameStats = {}
  const perPassage: string[][] = passageTexts.map(() => [])
  for (const mention of mentions) {
    if (mention.passage < 0) continue
    let name: string | undefined
    if (mention.accepted) name = resolver.fullName(mention)
    else if (mention.size === 1 || mention.shouted) name = resolveShortMention(mention, resolver)
    if (name === undefined) continue
    const mapped = applyAliases(name, aliases)
    if (mapped === undefined) continue
    if (!perPassage[mention.passage].includes(mapped)) perPassage[mention.passage].push(mapped)
    if (mention.personCue) statOf(stats, mapped).personCues++
  }

  for (const person of resolveGivenPeople(options.givenPeople ?? [], passageTexts, perPassage, options.title)) {
    const mapped = applyAliases(person.display, aliases)
    if (mapped === undefined) continue
    for (const at of person.passages) if (!perPassage[at].includes(mapped)) perPassage[at].push(mapped)
    statOf(stats, mapped).given++
  }

  for (const names of perPassage) for (const name of names) statOf(stats, name).passages++
  for (const name of new Set(perPassage.flat())) statOf(stats, name).articles++
  for (const [name, signs] of context.organisations) statOf(stats, name).companyCues += signs
  return { passages: perPassage, stats }
}

/**
 * A name standing in a list right beside a person ("Pakistan: Aamir Sohail, Saeed Anwar, Ijaz Ahmed") is a person
 * too, when its words could be a name; repeated until the list is used up.
 */
function acceptListNeighbours(mentions: Mention[], fullNames: Mention[]): void {
  const byLine = new Map<number, Mention[]>()
  for (const m of mentions) {
    if (m.shouted) continue
    const line = byLine.get(m.line)
    if (line) line.push(m)
    else byLine.set(m.line, [m])
  }
  for (const line of byLine.values()) {
    let changed = true
    while (changed) {
      changed = false
      for (let i = 0; i < line.length; i++) {
        const m = line[i]
        if (m.accepted || !m.listed || !m.clean || m.size < 2) continue
        // Adjacent in the list: exactly one separator token between the two runs.
        const neighbours = [line[i - 1], line[i + 1]].filter((n) => n !== undefined && n.accepted && (m.start - n.end === 1 || n.start - m.end === 1))
        if (neighbours.length > 0) {
          m.accepted = true
          fullNames.push(m)
          changed = true
        }
      }
    }
  }
}

/** Words the article writes in lower case somewhere (particles aside): "dlrs" there makes "Dlrs" a word, not a name. */
function lowercaseWords(lines: Token[][]): Set<string> {
  const words = new Set<string>()
  for (const tokens of lines) {
    for (const token of tokens) {
      // A word token opens with a letter; equal to its folded form, that letter is lower case.
      if (token.isWord && !token.isCapitalised && token.text.length > 1 && token.text === token.folded && !NAME_PARTICLES.has(token.text)) words.add(token.folded)
    }
  }
  return words
}

function applyAliases(name: string, aliases: Aliases): string | undefined {
  const folded = foldName(name)
  if (aliases.notPeople.has(folded)) return undefined
  return aliases.canonical.get(folded) ?? name
}
