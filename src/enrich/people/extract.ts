// Finds the people an article names, passage by passage, and resolves short mentions ("Rahmon", "Rustam") to
// the full name the same article gives. Rules, not a trained model: capitalised runs are scored on word lists
// (given names, surnames, places, common words), titles and roles before them, reporting verbs after them,
// and on what the rest of the article says about the same words.
import type { Aliases } from './aliases.ts'
import {
  NAME_PARTICLES,
  NAME_SUFFIXES,
  NON_PERSON_HEADS,
  PLAYER_LIST_CUES,
  ROLE_WORDS,
  SPEECH_VERBS,
  TITLES,
  DOTTED_NON_NAMES,
  AFFILIATIONS,
  EXTRA_PLACES,
  SURNAME_ENDINGS,
  NATIONALITY_NOUNS,
  COMPASS_INITIALS,
  CALENDAR_WORDS,
  RELIGIOUS_TITLES,
} from './cues.ts'
import { foldName } from './fold.ts'
import { nameLexicon as lexicon } from './lexicon.ts'
import { tokenize, type Token } from './tokenize.ts'
import { withinOneEdit } from './edit-distance.ts'

export interface FindPeopleOptions {
  /** The article's title: names it gives count as "given in the article" for resolving short mentions. */
  title?: string
  /** User corrections: variants mapped to a canonical name, and names that are not people. */
  aliases?: Aliases
}

/** A capitalised run that may be a person, with where it sits and how it was scored. */
interface Mention {
  /** Index of the passage, or -1 for the title. */
  passage: number
  tokens: Token[]
  /** Name tokens that are not particles or initials, folded. */
  keys: string[]
  /** Words in the name, initials included, particles not ("M. Waugh" has 2). */
  size: number
  /** Which line of the article it sits on, for lists of names. */
  line: number
  /** Separated from its neighbours by commas, semicolons or "and", as in a list of names. */
  listed: boolean
  /** Token positions of the run within its line, [start, end). */
  start: number
  end: number
  /** Every name word is one that can stand in a name (no ordinary word, place or title). */
  clean: boolean
  /** Cued by a strong sign (a title or role right before, a reporting verb after, a scorecard). */
  strongCue: boolean
  /** A title or role stands right before it ("President Putin", "analyst Buriev"). */
  titled?: boolean
  /** Preceded by an article ("the West", "a Mercedes"), which people seldom take. */
  determined?: boolean
  score: number
  /** True when it sits in an all-capitals line, where capitals say nothing. */
  shouted: boolean
  accepted: boolean
}

/** How sure a run must be to count as a person without help from the rest of the article. */
const ACCEPT_SCORE = 2

export function findPeopleInArticle(passageTexts: string[], options: FindPeopleOptions = {}): string[][] {
  const aliasNames = options.aliases ? new Set(options.aliases.canonical.keys()) : new Set<string>()
  for (const canonical of options.aliases?.canonical.values() ?? []) aliasNames.add(foldName(canonical))

  const texts = options.title === undefined ? passageTexts.map((t, i) => [i, t] as const) : [[-1, options.title] as const, ...passageTexts.map((t, i) => [i, t] as const)]
  const mentions: Mention[] = []
  const organisationNames = new Set<string>()
  let lineNumber = 0
  for (const [passage, text] of texts) {
    for (const line of text.split(/\n+/)) mentions.push(...findMentions(line, passage, lineNumber++, aliasNames, organisationNames))
  }
  // "Comdata Network Inc ... Comdata said": a name the article also uses before a company or venue word is
  // that company's, not a person's.
  for (const mention of mentions) {
    if (mention.score < 10 && organisationNames.has(mention.keys.join(' '))) mention.score = -10
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
      if (mention.score > -1.5 && mention.keys.some((k) => personWords.has(k))) {
        mention.accepted = true
        fullNames.push(mention)
      }
    }
    acceptListNeighbours(mentions, fullNames)
  }

  const resolver = buildResolver(fullNames)
  const perPassage: string[][] = passageTexts.map(() => [])
  for (const mention of mentions) {
    if (mention.passage < 0) continue
    let name: string | undefined
    if (mention.accepted) name = resolver.fullName(mention)
    else if (mention.size === 1 || mention.shouted) name = resolveShortMention(mention, resolver)
    if (name === undefined) continue
    const mapped = applyAliases(name, options.aliases)
    if (mapped !== undefined && !perPassage[mention.passage].includes(mapped)) perPassage[mention.passage].push(mapped)
  }
  return perPassage
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

/** A short mention is a person when it matches a full name in the article, or when its context says so. */
function resolveShortMention(mention: Mention, resolver: Resolver): string | undefined {
  if (mention.shouted) {
    // Headlines and datelines in capitals: only words the article already uses for a person.
    for (const key of mention.keys) {
      const found = resolver.byWord(key, mention)
      if (found) return found
    }
    return undefined
  }
  // "the West" is not Thomas West.
  if (mention.determined) return undefined
  const found = resolver.byWord(mention.keys[0], mention)
  if (found) return found
  const word = mention.keys[0]
  if (!mention.strongCue || !mention.clean || mention.score < 0 || isPlaceLike(word) || isCommon(word)) return undefined
  // A lone word after a title is a person ("President Putin", "Mr Smith"); before "said" it must also look like a
  // name, since outlets and companies say things too ("Eurasianet said").
  if (mention.titled || isGiven(word) || isSurname(word) || SURNAME_ENDINGS.test(word)) return displayName(mention.tokens)
  return undefined
  return undefined
}

function applyAliases(name: string, aliases: Aliases | undefined): string | undefined {
  if (!aliases) return name
  const folded = foldName(name)
  if (aliases.notPeople.has(folded)) return undefined
  return aliases.canonical.get(folded) ?? name
}

// ---------------------------------------------------------------------------------------------
// Finding and scoring capitalised runs


function isGiven(folded: string): boolean {
  return lexicon.givenNames.has(folded)
}
function isSurname(folded: string): boolean {
  return lexicon.surnames.has(folded)
}
/** Last words of multi-word places ("lanka" of "sri lanka"), for telling nationality words. */
const PLACE_WORDS = new Set([...lexicon.places].map((p) => p.slice(p.lastIndexOf(' ') + 1)))

/** A place, nationality, faith or party word ("Europe", "Sri Lankans", "Catholic"), plurals included. */
function isPlaceLike(folded: string): boolean {
  if (lexicon.places.has(folded) || lexicon.demonyms.has(folded) || DOTTED_NON_NAMES.has(folded) || AFFILIATIONS.has(folded) || EXTRA_PLACES.has(folded) || NATIONALITY_NOUNS.has(folded)) return true
  return looksLikeNationality(folded)
}

/** "Lankan", "Bosnians", "Kenyan": a place name with a nationality ending. */
function looksLikeNationality(folded: string): boolean {
  const word = folded.endsWith('s') ? folded.slice(0, -1) : folded
  if (word !== folded && lexicon.demonyms.has(word)) return true
  const bases = word.endsWith('ian') ? [word.slice(0, -1), word.slice(0, -2)] : word.endsWith('an') ? [word.slice(0, -1), word.slice(0, -2) + 'a'] : word.endsWith('ese') ? [word.slice(0, -3) + 'a', word.slice(0, -3), word.slice(0, -3) + 'e'] : []
  if (bases.some((base) => base.length > 2 && (PLACE_WORDS.has(base) || EXTRA_PLACES.has(base)))) return true
  // "Yugoslav", "Serb", "Croat": the country's name less its "-ia" or "-a".
  if (word.length > 3 && !isGiven(word) && !isSurname(word) && (PLACE_WORDS.has(word + 'ia') || EXTRA_PLACES.has(word + 'ia'))) return true
  // "Tajik", "Uzbeks", "Afghan": the people of a "-stan".
  return word.length > 3 && (PLACE_WORDS.has(word + 'istan') || PLACE_WORDS.has(word + 'stan'))
}
/** An ordinary English word ("Market", "Cardinals"), plurals of ordinary words and titles included. */
function isCommon(folded: string): boolean {
  if (lexicon.commonWords.has(folded)) return true
  if (!folded.endsWith("s") || folded.length <= 4) return false
  const stems = [folded.slice(0, -1), folded.endsWith('es') ? folded.slice(0, -2) : '', folded.endsWith('ies') ? folded.slice(0, -3) + 'y' : '']
  return stems.some((stem) => stem.length > 2 && (lexicon.commonWords.has(stem) || TITLES.has(stem) || lexicon.roles.has(stem)))
}
/** A word naming a role or office ("chief-of-staff" counts by its last part). */
function isRoleWord(folded: string): boolean {
  const last = folded.includes('-') ? folded.slice(folded.lastIndexOf('-') + 1) : folded
  return ROLE_WORDS.has(folded) || TITLES.has(folded) || lexicon.roles.has(folded) || ROLE_WORDS.has(last) || TITLES.has(last) || lexicon.roles.has(last)
}
/** A word that can stand in a person's name: a known name, or a word no list claims for something else. */
function canBeNamePart(token: Token): boolean {
  if (token.isInitial) return !DOTTED_NON_NAMES.has(token.folded)
  const f = token.folded
  if (isGiven(f) || isSurname(f)) return !TITLES.has(f) && !NON_PERSON_HEADS.has(f)
  return !TITLES.has(f) && !NON_PERSON_HEADS.has(f) && !isPlaceLike(f) && !isCommon(f) && !isRoleWord(f)
}

/** Looser test used when the context vouches for a person: anything but titles, head words and nationalities. */
function canBeNamePartLoosely(token: Token): boolean {
  if (token.isInitial) return !DOTTED_NON_NAMES.has(token.folded)
  const f = token.folded
  return !TITLES.has(f) && !NON_PERSON_HEADS.has(f) && !lexicon.demonyms.has(f) && !AFFILIATIONS.has(f) && !lexicon.roles.has(f) && !SPEECH_VERBS.has(f)
}

/** "Cardinals", "Rangers", "Lankans": a plural of an ordinary word or nationality, which no person is called. */
function isPluralOfWord(folded: string): boolean {
  if (isGiven(folded) || isSurname(folded) || !folded.endsWith('s') || folded.length < 5) return false
  return isCommon(folded) && !lexicon.commonWords.has(folded) || isPlaceLike(folded) && !lexicon.places.has(folded)
}

/** The run ends in a known multi-word place, organisation or nationality ("New Zealand", "Abu Dhabi"). */
function endsWithKnownName(span: Token[]): boolean {
  for (let from = Math.max(0, span.length - 3); from < span.length; from++) {
    const tail = span.slice(from).map((t) => t.folded).join(' ')
    if (lexicon.places.has(tail) || lexicon.organisations.has(tail) || lexicon.demonyms.has(tail) || lexicon.demonyms.has(tail.replace(/s$/, ''))) {
      if (from < span.length - 1) return true
    }
  }
  return false
}

/** "German", "South African", "fellow-American": a singular nationality word (plurals name groups). */
function isNationalityAdjective(folded: string): boolean {
  const word = folded.includes('-') ? folded.slice(folded.lastIndexOf('-') + 1) : folded
  return !word.endsWith('s') && (lexicon.demonyms.has(word) || looksLikeNationality(word))
}

/** A nationality, faith or party word, plural or not ("Lankan", "Catholic", "Serbs"). */
function isNationalityWord(folded: string): boolean {
  return lexicon.demonyms.has(folded) || AFFILIATIONS.has(folded) || NATIONALITY_NOUNS.has(folded) || looksLikeNationality(folded)
}

function isClearGivenName(token: Token): boolean {
  if (token.isInitial) return !DOTTED_NON_NAMES.has(token.folded)
  // Many given names are also words ("Bob", "Mark", "Will"); before another capitalised word they are names.
  return isGiven(token.folded) && !isPlaceLike(token.folded) && !TITLES.has(token.folded) && !NON_PERSON_HEADS.has(token.folded) && !CALENDAR_WORDS.has(token.folded)
}

function isRunWord(token: Token, shouted: boolean): boolean {
  if (!token.isWord) return false
  if (token.isInitial) return true
  // A lone capital without a full stop ("P", "Y") is a label, not an initial.
  if (!token.isCapitalised || token.text.length === 1) return false
  if (token.isAllCaps && !shouted) return false
  return true
}

/** All capitalised runs of a line, each trimmed to its name part and scored. */
function findMentions(line: string, passage: number, lineNumber: number, aliasNames: ReadonlySet<string>, organisationNames: Set<string>): Mention[] {
  const tokens = tokenize(line)
  const words = tokens.filter((t) => t.isWord && /\p{L}{2}/u.test(t.text))
  const shouted = words.length >= 2 && words.filter((t) => t.isAllCaps).length / words.length >= 0.6
  // In a title-case headline ("Putin and Rahmon Reaffirm Steady Partnership") capitals mark every word, so
  // ordinary words break runs there.
  const longWords = words.filter((t) => t.text.length >= 4)
  // Lists of names and results tables ("Aamir Sohail, Saeed Anwar", "Jos Verstappen (Netherlands) 1:55.150") are
  // capitalised throughout too, but carry commas, brackets or figures.
  const tableLike = tokens.some((t) => /^[\d,;()]/.test(t.text))
  const titleCase = !shouted && !tableLike && longWords.length >= 3 && words.every((t) => t.isCapitalised || t.isInitial || HEADLINE_LOWERCASE.has(t.folded))
  const playerList = tokens.slice(0, 3).some((t) => PLAYER_LIST_CUES.has(t.folded))
  const mentions: Mention[] = []
  let i = 0
  while (i < tokens.length) {
    if (!isRunWord(tokens[i], shouted) || (titleCase && isHeadlineWord(tokens[i]))) {
      i++
      continue
    }
    let end = i + 1
    while (end < tokens.length && !tokens[end - 1].possessive) {
      const t = tokens[end]
      if (titleCase && isHeadlineWord(t)) break
      if (isRunWord(t, shouted)) end++
      else if (t.isWord && NAME_PARTICLES.has(t.text) && particlesLeadToName(tokens, end, shouted)) end++
      else if (t.isWord && NAME_SUFFIXES.has(t.folded.replace(/\.$/, '') + '')) end++
      else break
    }
    const mention = shouted ? shoutedMention(tokens, i, end, passage) : scoreSpan(tokens, i, end, passage, playerList, aliasNames, organisationNames)
    if (mention) {
      mention.line = lineNumber
      mention.start = i
      mention.end = end
      mention.listed = isListSeparator(tokens[i - 1]) || isListSeparator(tokens[end])
      mentions.push(mention)
    }
    i = end
  }
  return mentions
}

/** Particles continue a name only when a capitalised word follows them ("van der Pas", not "de facto"). */
function particlesLeadToName(tokens: Token[], from: number, shouted: boolean): boolean {
  let at = from
  while (at < tokens.length && tokens[at].isWord && NAME_PARTICLES.has(tokens[at].text)) at++
  return at < tokens.length && at - from <= 3 && isRunWord(tokens[at], shouted)
}

/** The short words a title-case headline leaves in lower case. */
const HEADLINE_LOWERCASE = new Set('a an the and or but nor of to in on at by for with from as into vs via per than off up out over under about after before amid against between without within is are was be its'.split(' '))

/** An ordinary word capitalised only because the line is a title-case headline. */
function isHeadlineWord(token: Token): boolean {
  const f = token.folded
  return isCommon(f) && !isGiven(f) && !isSurname(f) && !TITLES.has(f) && !NON_PERSON_HEADS.has(f)
}

/** Records the name part of "Comdata Network Inc", "Merrill Lynch and Co": the words before the head word. */
function rememberOrganisation(span: Token[], into: Set<string>): void {
  const words = span.slice(0, -1).filter((t) => !t.isInitial && !NAME_PARTICLES.has(t.text) && !t.sentenceStart)
  if (words.length === 0) return
  into.add(words[0].folded)
  into.add(words.map((t) => t.folded).join(' '))
}

function isListSeparator(token: Token | undefined): boolean {
  return token !== undefined && (token.text === ',' || token.text === ';' || token.text === ':' || token.folded === 'and')
}

function shoutedMention(tokens: Token[], start: number, end: number, passage: number): Mention | undefined {
  const span = tokens.slice(start, end).filter((t) => !t.isInitial)
  if (span.length === 0) return undefined
  return { passage, tokens: span, keys: span.map((t) => t.folded), size: span.length, line: 0, listed: false, start: 0, end: 0, clean: false, strongCue: false, score: 0, shouted: true, accepted: false }
}

function scoreSpan(tokens: Token[], start: number, end: number, passage: number, playerList: boolean, aliasNames: ReadonlySet<string>, organisationNames: Set<string>): Mention | undefined {
  let span = tokens.slice(start, end)
  // Names the user declared (aliases file) are people whatever the lists say.
  for (let from = 0; from < span.length && aliasNames.size > 0; from++) {
    const declared = span.slice(from)
    if (aliasNames.has(foldName(declared.map((t) => t.text).join(' ')))) {
      const keys = declared.filter((t) => !t.isInitial && !NAME_PARTICLES.has(t.text)).map((t) => t.folded)
      return { passage, tokens: declared, keys, size: declared.length, line: 0, listed: false, start: 0, end: 0, clean: true, strongCue: true, score: 10, shouted: false, accepted: false }
    }
  }
  // Drop generational suffixes before judging the head word.
  while (span.length > 1 && NAME_SUFFIXES.has(span[span.length - 1].folded)) span = span.slice(0, -1)
  const head = span[span.length - 1]
  // "Crocus City Hall", "Manchester United", "Tajik Friends": the head word makes it something else.
  if (NON_PERSON_HEADS.has(head.folded)) {
    rememberOrganisation(span, organisationNames)
    return undefined
  }
  if (isPluralOfWord(head.folded) && !(span.length >= 2 && span[span.length - 2].isInitial)) return undefined
  if (endsWithKnownName(span)) return undefined

  // What follows the run can vouch for it: "X said", "X (Netherlands)", "X c Healy b McGrath 34".
  const after = tokens.slice(end, end + 5)
  const speechAfter = after.length > 0 && (SPEECH_VERBS.has(after[0].folded) || (after[0].text === ',' && after.length > 1 && (SPEECH_VERBS.has(after[1].folded) || /^\d{2}$/.test(after[1].text))))
  // "said Burcin Mavituna", "according to X".
  const beforeRun = tokens[start - 1]
  const speechBefore = beforeRun !== undefined && (/^(?:said|says|told|according)$/.test(beforeRun.folded) || (beforeRun.folded === 'to' && tokens[start - 2]?.folded === 'according'))
  // "Massoud Barzani, leader of the KDP", "Tang Shubei, the top negotiator".
  const appositiveRole = after.length >= 2 && after[0].text === ',' && after.slice(1, 4).some((t, at) => t.isWord && isRoleWord(t.folded) && after.slice(1, 1 + at).every((w) => w.isWord && !w.isCapitalised))
  const countryAfter = after.length >= 3 && after[0].text === '(' && after[2].text === ')' && isPlaceLike(after[1].folded)
  const batsman = after.length >= 2 && /^(?:c|b|lbw|st|run|not|retired)$/.test(after[0].text) && tokens.some((t) => /^\d/.test(t.text))
  // Sports tables: a scorer's minute ("Driller 15th"), bowling figures ("Croft 29-6-64-1", "Gordon Parsons (3-20)").
  const figures = after.length > 0 && (/^\d+(?:st|nd|rd|th)$/.test(after[0].text) || /^\d+(?:\.\d)?-\d+-\d+-\d+$/.test(after[0].text) || (after[0].text === '(' && /^\d{1,2}-\d{1,3}$/.test(after[1]?.text ?? '') && after[2]?.text === ')'))
  const vouched = speechAfter || speechBefore || appositiveRole || countryAfter || batsman || figures
  // With such a sign, a name word may also be a word or a place ("Kimiko Date (Japan)", "Jos Verstappen (Netherlands)").
  const headPart = vouched ? canBeNamePartLoosely : canBeNamePart
  const namePart = (t: Token) => canBeNamePart(t) || (vouched && canBeNamePartLoosely(t) && !isCommon(t.folded))

  // A head word that reads as an ordinary word or place is a surname only straight after a clear given name
  // or an initial ("Bob Dole", "Lindsay Davenport", "J. Crawley"); otherwise "Tajik Friends", "Central Asia".
  const headIsName = headPart(head)
  let beforeHead = span.length - 2
  while (beforeHead > 0 && NAME_PARTICLES.has(span[beforeHead].text)) beforeHead--
  if (!headIsName && !(beforeHead >= 0 && beforeHead < span.length - 1 && isClearGivenName(span[beforeHead]))) return undefined

  // The name is the trailing run of name-capable words; what precedes it is title or context.
  let nameStart = headIsName ? span.length - 1 : beforeHead
  while (nameStart > 0 && (namePart(span[nameStart - 1]) || (NAME_PARTICLES.has(span[nameStart - 1].text) && nameStart - 1 > 0))) nameStart--
  while (nameStart < span.length - 1 && NAME_PARTICLES.has(span[nameStart].text)) nameStart++
  const prefix = span.slice(0, nameStart)
  const name = span.slice(nameStart)
  if (name.every((t) => t.isInitial)) return undefined
  // "S. Africa", "N. Korea": a compass point before a place.
  if (name.length === 2 && COMPASS_INITIALS.has(name[0].folded) && isPlaceLike(name[1].folded) && !isSurname(name[1].folded)) return undefined
  // "He said", "But": a lone sentence-opening word that is also an ordinary word is that word.
  if (name.length === 1 && name[0].sentenceStart && (isCommon(name[0].folded) || isPlaceLike(name[0].folded))) return undefined

  // "German Anke Huber", "Czech Daniel Vacek": a nationality or place before a given name is context, not name.
  while (name.length > 1 && !name[0].isInitial && isPlaceLike(name[0].folded) && (isGiven(name[1].folded) || name.length > 2)) {
    prefix.push(name.shift()!)
  }
  // "Mother Teresa", "Pope Francis": a religious title before a lone given name is how the person is known.
  const religious = name.length === 1 && prefix.length > 0 && RELIGIOUS_TITLES.has(prefix[prefix.length - 1].folded) && isGiven(name[0].folded)
  if (religious) name.unshift(prefix.pop()!)
  const keys = name.filter((t) => !t.isInitial && !NAME_PARTICLES.has(t.text)).map((t) => t.folded)
  const before = tokens.slice(Math.max(0, start - 3), start)
  // A title right before the name, in the same run ("President Vladimir Putin") or just before it ("analyst X").
  const titled = religious || (prefix.length > 0 && isRoleWord(prefix[prefix.length - 1].folded) && !prefix.some((t) => NON_PERSON_HEADS.has(t.folded)))
  const previous = before[before.length - 1]
  const roleBefore = prefix.length === 0 && previous !== undefined && previous.isWord && isRoleWord(previous.folded)
  // "German Anke Huber", "fellow-American Anne Miller": a nationality adjective right before a name.
  const adjectiveBefore = prefix.length > 0 ? prefix[prefix.length - 1] : previous
  const nationalityBefore = adjectiveBefore !== undefined && adjectiveBefore.isWord && isNationalityAdjective(adjectiveBefore.folded)
  // A title a few words back ("Secretary of State Uzra Zeya", "Minister of Labor Sumanguli Tagoyzoda").
  const titleNearby = !titled && !roleBefore && tokens.slice(Math.max(0, start - 4), start).some((t) => t.isWord && TITLES.has(t.folded))
  const cricket = before.length > 0 && (before[before.length - 1].text === 'b' || before[before.length - 1].text === 'c' || before[before.length - 1].text === 'st')
  const listed = playerList && after.length > 0 && /^\d/.test(after[0].text)

  let score = 0
  const first = name[0]
  const lastName = name[name.length - 1]
  if (first.isInitial) score += 2.5
  else if (isGiven(first.folded)) score += isPlaceLike(first.folded) || (isCommon(first.folded) && name.length === 1) ? 1 : 2
  const strongGiven = isClearGivenName(first)
  if (keys.length >= 2 && isSurname(lastName.folded)) score += isCommon(lastName.folded) ? 0.5 : 1
  else if (keys.length >= 2 && SURNAME_ENDINGS.test(lastName.folded) && !isPlaceLike(lastName.folded) && !isCommon(lastName.folded)) score += 1.5
  if (keys.length >= 2 && keys.every((k) => !isCommon(k) && !isPlaceLike(k))) score += 0.5
  name.forEach((t, at) => {
    if (t.isInitial || NAME_PARTICLES.has(t.text)) return
    const named = isGiven(t.folded) || isSurname(t.folded)
    // After a clear given name a surname may look like a word or a place ("Bob Dole", "Malivai Washington").
    const softened = strongGiven && at > 0
    const scale = vouched ? 0.5 : 1
    // Softened for towns ("Hal Sutton"), never for nationalities or faiths ("Sri Lankan", "Roman Catholic").
    if (!named && isPlaceLike(t.folded)) score -= (softened && !isNationalityWord(t.folded) ? 0 : 2) * scale
    else if (named && at > 0 && isNationalityWord(t.folded)) score -= 2 * scale
    if (!named && isCommon(t.folded)) score -= (softened ? 0 : 1.5) * scale
  })
  // The religious title kept in the name is no ordinary word there.
  if (religious) score += 1.5
  if (titled || roleBefore) score += 2
  else if (titleNearby) score += 1.5
  else if (nationalityBefore) score += 1
  if (speechAfter || speechBefore || appositiveRole) score += 1.5
  if (countryAfter) score += 2
  else if (cricket || listed || batsman || figures) score += 1.5
  // "the Kremlin", "a Mercedes": people seldom take an article.
  const determined = (prefix.length > 0 ? prefix[prefix.length - 1] : previous)?.folded
  const hasArticle = determined === 'the' || determined === 'a' || determined === 'an'
  if (hasArticle) score -= 3
  const size = name.filter((t) => !NAME_PARTICLES.has(t.text)).length
  const clean = name.every((t) => NAME_PARTICLES.has(t.text) || canBeNamePart(t))
  const strongCue = titled || roleBefore || vouched || cricket || listed
  return { passage, tokens: name, keys, size, line: 0, listed: false, start: 0, end: 0, clean, strongCue, determined: hasArticle, titled: titled || roleBefore || cricket || listed || figures || batsman, score, shouted: false, accepted: false }
}

// ---------------------------------------------------------------------------------------------
// Resolving mentions to the article's full names

interface Resolver {
  /** The canonical form of an accepted full-name mention (its longest variant in the article). */
  fullName(mention: Mention): string
  /** The full name a single word refers to, nearest before the mention, else the first after it. */
  byWord(word: string, mention: Mention): string | undefined
}

function displayName(tokens: Token[]): string {
  return tokens.map((t) => t.text).join(' ')
}

function buildResolver(fullNames: Mention[]): Resolver {
  // Distinct full names in order of first appearance, keyed by their folded words.
  const names: { keys: string[]; display: string; order: number[] }[] = []
  const byKey = new Map<string, number>()
  fullNames.forEach((mention, index) => {
    const key = mention.tokens.map((t) => t.folded).join(' ')
    let at = byKey.get(key)
    if (at === undefined) {
      at = names.length
      byKey.set(key, at)
      names.push({ keys: mention.keys, display: displayName(mention.tokens), order: [] })
    }
    names[at].order.push(mentionOrder(mention, index))
  })
  // A name contained in a longer one with the same first and last word is that person ("Vladimir Putin" in
  // "Vladimir Vladimirovich Putin").
  const longer = names.map((name) => {
    let best = name
    for (const other of names) {
      if (other.keys.length > best.keys.length && other.keys[0] === name.keys[0] && other.keys.at(-1) === name.keys.at(-1) && isSubsequence(name.keys, other.keys)) best = other
    }
    return best.display
  })
  const orderOf = new Map<Mention, number>()
  fullNames.forEach((m, i) => orderOf.set(m, mentionOrder(m, i)))

  function pick(candidates: number[], mention: Mention): string | undefined {
    if (candidates.length === 0) return undefined
    const here = mention.passage
    let bestBefore: { at: number; order: number } | undefined
    let firstAfter: { at: number; order: number } | undefined
    for (const at of candidates) {
      for (const order of names[at].order) {
        const passage = Math.floor(order / 1e6)
        if (passage <= here + 1) { if (!bestBefore || order > bestBefore.order) bestBefore = { at, order } }
        else if (!firstAfter || order < firstAfter.order) firstAfter = { at, order }
      }
    }
    const chosen = bestBefore ?? firstAfter
    return chosen ? longer[chosen.at] : undefined
  }

  return {
    fullName(mention) {
      return longer[byKey.get(mention.tokens.map((t) => t.folded).join(' '))!]
    },
    byWord(word, mention) {
      const bySurname = names.flatMap((n, at) => (n.keys.at(-1) === word ? [at] : []))
      if (bySurname.length > 0) return pick(bySurname, mention)
      const byGiven = names.flatMap((n, at) => (n.keys[0] === word ? [at] : []))
      if (byGiven.length > 0) return pick(byGiven, mention)
      const byAny = names.flatMap((n, at) => (n.keys.includes(word) ? [at] : []))
      if (byAny.length > 0) return pick(byAny, mention)
      // A one-letter slip of a surname the article gives ("Rakhmon" for "Rahmon").
      if (word.length >= 5 && !isCommon(word) && !isPlaceLike(word)) {
        const near = names.flatMap((n, at) => (n.keys.length >= 2 && withinOneEdit(n.keys.at(-1)!, word) ? [at] : []))
        if (near.length === 1) return pick(near, mention)
      }
      return undefined
    },
  }
}

/** Orders mentions by passage (title first) then by position; passage -1 (title) sorts before passage 0. */
function mentionOrder(mention: Mention, index: number): number {
  return (mention.passage + 1) * 1e6 + index
}

function isSubsequence(short: string[], long: string[]): boolean {
  let j = 0
  for (const word of long) if (j < short.length && short[j] === word) j++
  return j === short.length
}
