// Finds the capitalised runs of a line that may name a person, trims each to its name part (titles and
// context words off) and scores it: word lists (given names, surnames, places, common words), titles and roles
// before, reporting verbs after, and what the rest of the article says about the same words. Signs that a run
// names a firm are recorded for the article's NameStats.
import { foldName } from './fold.ts'
import { nameLexicon } from './lexicon.ts'
import {
  AMOUNT_WORDS,
  COMPASS_INITIALS,
  CREDIT_WORDS,
  FUNCTION_WORDS,
  NAME_PARTICLES,
  NAME_SUFFIXES,
  NON_PERSON_HEADS,
  ORGANISATION_OPENERS,
  PLACE_OPENERS,
  PLAYER_LIST_CUES,
  RELIGIOUS_TITLES,
  ROLE_WORDS,
  SPEECH_VERBS,
  SURNAME_ENDINGS,
  TITLES,
} from './cues.ts'
import { isFirmHead, isLegalSuffix, companySignAfter, companySignBefore, lettersOnly } from './organisations.ts'
import type { Token } from './tokenize.ts'
import {
  canBeNamePart,
  canBeNamePartLoosely,
  endsWithKnownName,
  isClearGivenName,
  isCodeLabel,
  isCommon,
  isGiven,
  isNationalityAdjective,
  isNationalityWord,
  isPlaceLike,
  isPluralOfWord,
  isRoleWord,
  isRunWord,
  isSurname,
} from './word-classes.ts'

/** A capitalised run that may be a person, with where it sits and how it was scored. */
export interface Mention {
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
  /** A sign only people take: a title or role before, "who" or an age after, a role in apposition. */
  personCue: boolean
  score: number
  /** True when it sits in an all-capitals line, where capitals say nothing. */
  shouted: boolean
  accepted: boolean
}

/** What the whole article tells the scoring of each run. */
export interface MentionContext {
  /** Folded names the aliases file declares as people. */
  aliasNames: ReadonlySet<string>
  /** Organisation names of the article's own metadata, letters only (see orgHintKeys). */
  orgHints: ReadonlySet<string>
  /** Words the article writes in lower case somewhere ("dlrs"): capitalised, they are not names. */
  lowercaseWords: ReadonlySet<string>
  /** Out: folded names the article writes as a firm; a run with that name is not a person in this article. */
  organisationKeys: Set<string>
  /** Out: firm names as written, with how many firm signs the article gives each (for NameStats). */
  organisations: Map<string, number>
}

/** All capitalised runs of a tokenized line, each trimmed to its name part and scored. */
export function findMentions(tokens: Token[], passage: number, lineNumber: number, context: MentionContext): Mention[] {
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
    while (end < tokens.length && !tokens[end - 1].possessive && !tokens[end - 1].adjectiveStem) {
      const t = tokens[end]
      if (titleCase && isHeadlineWord(t)) break
      if (isRunWord(t, shouted)) end++
      else if (t.isWord && NAME_PARTICLES.has(t.text) && particlesLeadToName(tokens, end, shouted)) end++
      else if (t.isWord && NAME_SUFFIXES.has(t.folded)) end++
      else break
    }
    const mention = shouted ? shoutedMention(tokens, i, end, passage) : scoreSpan(tokens, i, end, passage, playerList, context)
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

/** Prepositions before a place ("in London"). */
const LOCATIVE_PREPOSITIONS = new Set(['in', 'at', 'from', 'near', 'outside', 'across', 'throughout'])

/** The short words a title-case headline leaves in lower case. */
const HEADLINE_LOWERCASE = new Set('a an the and or but nor of to in on at by for with from as into vs via per than off up out over under about after before amid against between without within is are was be its'.split(' '))

/** An ordinary word capitalised only because the line is a title-case headline. */
function isHeadlineWord(token: Token): boolean {
  const f = token.folded
  return isCommon(f) && !isGiven(f) && !isSurname(f) && !TITLES.has(f) && !NON_PERSON_HEADS.has(f)
}

/** A head word of an organisation, place or work ("Bank", "City Hall"), or a firm's legal form ("Inc", "Brothers"). */
function isHeadWord(token: Token): boolean {
  return NON_PERSON_HEADS.has(token.folded) || isLegalSuffix(token)
}

/**
 * Records the name part of "Comdata Network Inc", "Merrill Lynch Capital Markets", "Davis Cup": the words before
 * the first head word, when they could pass for a person's name elsewhere. They are no person in this article;
 * they count as a firm in the corpus's stats only when the head is a firm's ("Inc", "Bank", "Capital"), since
 * cups, prizes and streets are named after people ("Davis Cup").
 */
function rememberOrganisation(span: Token[], context: MentionContext): void {
  const firstHead = span.findIndex((t) => isHeadWord(t) || isFirmHead(t))
  const name = span.slice(0, firstHead).filter((t) => !NAME_PARTICLES.has(t.text))
  while (name.length > 0 && name[0].sentenceStart && isCommon(name[0].folded) && !isGiven(name[0].folded)) name.shift()
  if (name.length === 0 || name.length > 4 || name.every((t) => t.isInitial)) return
  recordOrganisation(name, context, span.slice(firstHead).some(isFirmHead))
}

/**
 * Records an organisation's name as no person of this article and, for a firm, its firm sign in the stats, with
 * its opening words of two or more ("Bell Canada" of "Bell Canada Enterprises Inc", "Merrill Lynch" of "Merrill
 * Lynch Capital Markets"), which stories use for the same firm.
 */
function recordOrganisation(name: Token[], context: MentionContext, firm = true): void {
  context.organisationKeys.add(foldName(displayOf(name)))
  if (!firm) return
  for (let length = name.length; length >= Math.min(2, name.length); length--) {
    const display = displayOf(name.slice(0, length))
    context.organisations.set(display, (context.organisations.get(display) ?? 0) + 1)
  }
}

function isListSeparator(token: Token | undefined): boolean {
  return token !== undefined && (token.text === ',' || token.text === ';' || token.text === ':' || token.folded === 'and')
}

function shoutedMention(tokens: Token[], start: number, end: number, passage: number): Mention | undefined {
  const span = tokens.slice(start, end).filter((t) => !t.isInitial)
  if (span.length === 0) return undefined
  return { passage, tokens: span, keys: span.map((t) => t.folded), size: span.length, line: 0, listed: false, start: 0, end: 0, clean: false, strongCue: false, personCue: false, score: 0, shouted: true, accepted: false }
}

/**
 * "Photo: Jane Doe", "Jane Doe/AFP", "AFP / Jane Doe", "Jane Doe/The New York Times": a photo credit, which names
 * the photographer, not a person of the story. A slash between two names ("Thomsen / Stuer-Lauridsen", a doubles
 * pair) is no credit: the other side must be an agency in capitals or an organisation.
 */
function isCreditLine(tokens: Token[], start: number, end: number): boolean {
  const creditor = (from: number, step: 1 | -1) => {
    const words: Token[] = []
    for (let at = from; at >= 0 && at < tokens.length && words.length < 6 && tokens[at].isWord && (tokens[at].isCapitalised || tokens[at].isAllCaps); at += step) words.push(tokens[at])
    return words.length > 0 && (words[0].isAllCaps || words.some((t) => t.folded === 'the' || NON_PERSON_HEADS.has(t.folded) || CREDIT_WORDS.has(t.folded)))
  }
  if (tokens[end]?.text === '/' && creditor(end + 1, 1)) return true
  if (tokens[start - 1]?.text === '/' && creditor(start - 2, -1)) return true
  const before = tokens.slice(Math.max(0, start - 3), start)
  return before.some((t, at) => t.isWord && CREDIT_WORDS.has(t.folded) && (before[at + 1]?.text === ':' || before[at + 1]?.folded === 'by' || at === before.length - 1))
}

function scoreSpan(tokens: Token[], start: number, end: number, passage: number, playerList: boolean, context: MentionContext): Mention | undefined {
  let span = tokens.slice(start, end)
  // Names the user declared (aliases file) are people whatever the lists say.
  for (let from = 0; from < span.length && context.aliasNames.size > 0; from++) {
    const declared = span.slice(from)
    if (context.aliasNames.has(foldName(declared.map((t) => t.text).join(' ')))) {
      const keys = declared.filter((t) => !t.isInitial && !NAME_PARTICLES.has(t.text)).map((t) => t.folded)
      return { passage, tokens: declared, keys, size: declared.length, line: 0, listed: false, start: 0, end: 0, clean: true, strongCue: true, personCue: true, score: 10, shouted: false, accepted: false }
    }
  }
  // Drop generational suffixes before judging the head word.
  while (span.length > 1 && NAME_SUFFIXES.has(span[span.length - 1].folded)) span = span.slice(0, -1)
  const head = span[span.length - 1]
  // "Crocus City Hall", "Manchester United", "Salomon Brothers Inc": the head word makes it something else.
  if (isHeadWord(head)) {
    rememberOrganisation(span, context)
    return undefined
  }
  // "Agence France-Presse", "Societe Generale", "Bank Negara": the head word opens the name (and no title
  // follows it, as in "Bank Governor Robin Leigh-Pemberton").
  if (span.length >= 2 && ORGANISATION_OPENERS.has(span[0].folded) && !span.some((t) => TITLES.has(t.folded))) {
    if (span.length <= 4) recordOrganisation(span, context, isFirmHead(span[0]))
    return undefined
  }
  // "Art Director": no one's surname is a title that is no surname ("John Major" is).
  if (TITLES.has(head.folded) && !isSurname(head.folded)) return undefined
  if (isPluralOfWord(head.folded) && !(span.length >= 2 && span[span.length - 2].isInitial)) return undefined
  if (endsWithKnownName(span)) return undefined
  if (isCreditLine(tokens, start, end)) return undefined
  // "a trade professor at Cornell", "a spokesman at Nasdaq": where someone works is an organisation.
  if (tokens[start - 1]?.folded === 'at' && tokens.slice(Math.max(0, start - 5), start - 1).some((t) => t.isWord && !t.isCapitalised && isRoleWord(t.folded))) {
    recordOrganisation(span, context, false)
    return undefined
  }
  // "Ay Expd-E 21,044.6": a table row's label with a footnote letter.
  if (span.some(isCodeLabel)) return undefined

  // What follows the run can vouch for it: "X said", "X (Netherlands)", "X c Healy b McGrath 34".
  const after = tokens.slice(end, end + 5)
  const speechAfter = after.length > 0 && (SPEECH_VERBS.has(after[0].folded) || (after[0].text === ',' && after.length > 1 && (SPEECH_VERBS.has(after[1].folded) || /^\d{2}$/.test(after[1].text))))
  // "said Burcin Mavituna", "according to X".
  const beforeRun = tokens[start - 1]
  const speechBefore = beforeRun !== undefined && (/^(?:said|says|told|according)$/.test(beforeRun.folded) || (beforeRun.folded === 'to' && tokens[start - 2]?.folded === 'according'))
  // "Massoud Barzani, leader of the KDP", "Tang Shubei, the top negotiator".
  const appositiveRole = after.length >= 2 && after[0].text === ',' && after.slice(1, 4).some((t, at) => t.isWord && isRoleWord(t.folded) && after.slice(1, 1 + at).every((w) => w.isWord && (!w.isCapitalised || w.adjectiveStem)))
  // "X, who", "Peter Culver, 42,": only people are introduced by "who" or an age.
  const whoAfter = after[0]?.folded === 'who' || (after[0]?.text === ',' && (after[1]?.folded === 'who' || /^\d{2},$/.test(after[1]?.text ?? '') || (/^\d{2}$/.test(after[1]?.text ?? '') && after[2]?.text === ',')))
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
  // "President Barber Conable": an occupation word between a title and a surname is a given name, since titles
  // do not stack on an occupation.
  if (nameStart >= 2 && nameStart === span.length - 1 && isOccupationWord(span[nameStart - 1].folded) && TITLES.has(span[nameStart - 2].folded)) nameStart--
  const prefix = span.slice(0, nameStart)
  const name = span.slice(nameStart)
  const previous = tokens[start - 1]
  // "the Exchequer Nigel Lawson", "the Tower board's John Tower": after an article, the words before a clear
  // given name are what the article determines; the name starts at the given name.
  if (prefix.length === 0 && isArticle(previous) && !isGiven(name[0].folded) && !name[0].isInitial) {
    const given = name.findIndex((t, at) => at > 0 && at < name.length - 1 && isGiven(t.folded))
    if (given > 0) prefix.push(...name.splice(0, given))
  }
  if (name.every((t) => t.isInitial)) return undefined
  // "Santa Barbara", "San Diego", "Fort Worth": a place opener before a saint's name or a word is a place,
  // whatever the lists know of it ("Santa Puglisi" is a person).
  if (name.length >= 2 && PLACE_OPENERS.has(name[0].folded) && (isGiven(name[1].folded) || isPlaceLike(name[1].folded) || isCommon(name[1].folded))) return undefined
  // "Carl C.", "Marika P.": a name never ends in an initial; the word before it is a given name or a label.
  if (name[name.length - 1].isInitial) return undefined
  // "K. Everyone", "S. That": an initial before an ordinary word is a letter, not a person.
  if (name.length === 2 && name[0].isInitial && isOrdinaryWord(name[1], context)) return undefined
  // "S. Africa", "N. Korea": a compass point before a place.
  if (name.length === 2 && COMPASS_INITIALS.has(name[0].folded) && isPlaceLike(name[1].folded) && !isSurname(name[1].folded)) return undefined
  // "He said", "But": a lone sentence-opening word that is also an ordinary word is that word.
  if (name.length === 1 && name[0].sentenceStart && (isCommon(name[0].folded) || isPlaceLike(name[0].folded))) return undefined

  // "German Anke Huber", "Czech Daniel Vacek": a nationality or place before a given name is context, not name.
  // A town that is a given name as well ("Nigel", "Jordan") stays, unless a given name follows it.
  while (name.length > 1 && !name[0].isInitial && isPlaceLike(name[0].folded) && (isGiven(name[1].folded) || name.length > 2) && (isNationalityWord(name[0].folded) || !isGiven(name[0].folded) || (name.length > 2 && isGiven(name[1].folded)))) {
    prefix.push(name.shift()!)
  }
  // "in London Assange was ...": after a preposition of place, a leading place name is the place.
  if (name.length >= 2 && prefix.length === 0 && LOCATIVE_PREPOSITIONS.has(previous?.folded ?? '') && !name[0].isInitial && isPlaceLike(name[0].folded) && !isClearGivenName(name[1])) prefix.push(name.shift()!)
  // "Mother Teresa", "Pope Francis": a religious title before a lone given name is how the person is known.
  const religious = name.length === 1 && prefix.length > 0 && RELIGIOUS_TITLES.has(prefix[prefix.length - 1].folded) && isGiven(name[0].folded)
  if (religious) name.unshift(prefix.pop()!)
  const keys = name.filter((t) => !t.isInitial && !NAME_PARTICLES.has(t.text)).map((t) => t.folded)
  const before = tokens.slice(Math.max(0, start - 3), start)
  // A title right before the name, in the same run ("President Vladimir Putin") or just before it ("analyst X").
  const titled = religious || (prefix.length > 0 && isRoleWord(prefix[prefix.length - 1].folded) && !prefix.some((t) => NON_PERSON_HEADS.has(t.folded)))
  const roleBefore = prefix.length === 0 && previous !== undefined && previous.isWord && isRoleWord(previous.folded)
  // "German Anke Huber", "fellow-American Anne Miller": a nationality adjective right before a name.
  const adjectiveBefore = prefix.length > 0 ? prefix[prefix.length - 1] : previous
  const nationalityBefore = adjectiveBefore !== undefined && adjectiveBefore.isWord && isNationalityAdjective(adjectiveBefore.folded)
  // A title a few words back ("Secretary of State Uzra Zeya", "Minister of Labor Sumanguli Tagoyzoda").
  const titleNearby = !titled && !roleBefore && tokens.slice(Math.max(0, start - 4), start).some((t) => t.isWord && TITLES.has(t.folded))
  const cricket = before.length > 0 && (before[before.length - 1].text === 'b' || before[before.length - 1].text === 'c' || before[before.length - 1].text === 'st')
  const listed = playerList && after.length > 0 && /^\d/.test(after[0].text)
  // "7.15 billion N.Z. Dlrs", "50 mln H.K. dlrs": after an amount comes a currency or unit.
  const afterAmount = prefix.length === 0 && previous !== undefined && (AMOUNT_WORDS.has(previous.folded) || /^\d+\.\d+$/.test(previous.text))

  let score = 0
  const first = name[0]
  const lastName = name[name.length - 1]
  if (first.isInitial) score += 2.5
  else if (isGiven(first.folded)) score += isPlaceLike(first.folded) || (isCommon(first.folded) && name.length === 1) ? 1 : 2
  const strongGiven = isClearGivenName(first)
  if (keys.length >= 2 && isSurname(lastName.folded)) score += isCommon(lastName.folded) ? 0.5 : 1
  else if (keys.length >= 2 && SURNAME_ENDINGS.test(lastName.folded) && !isPlaceLike(lastName.folded) && !isCommon(lastName.folded)) score += 1.5
  if (keys.length >= 2 && keys.every((k) => !isCommon(k) && !isPlaceLike(k))) score += 0.5
  let ordinaryHere = false
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
    // A word no list knows that the article itself writes in lower case ("dlrs", "mths") is a word here.
    else if (!named && context.lowercaseWords.has(t.folded)) {
      score -= 2
      ordinaryHere = true
    }
  })
  // The religious title kept in the name is no ordinary word there.
  if (religious) score += 1.5
  if (titled || roleBefore) score += 2
  else if (titleNearby) score += 1.5
  else if (nationalityBefore) score += 1
  if (speechAfter || speechBefore || appositiveRole || whoAfter) score += 1.5
  if (countryAfter) score += 2
  else if (cricket || listed || batsman || figures) score += 1.5
  // "the Kremlin", "a Mercedes": people seldom take an article.
  const determiner = prefix.length > 0 ? prefix[prefix.length - 1] : previous
  // "the Carl C. Icahn-led TWA": the article belongs to the noun the compound describes.
  const hasArticle = isArticle(determiner) && !name[name.length - 1].adjectiveStem
  if (hasArticle) score -= 3
  if (afterAmount && !(titled || roleBefore)) return undefined
  const size = name.filter((t) => !NAME_PARTICLES.has(t.text)).length
  const clean = !ordinaryHere && name.every((t) => NAME_PARTICLES.has(t.text) || canBeNamePart(t))
  const strongCue = titled || roleBefore || vouched || cricket || listed || whoAfter
  const personCue = titled || roleBefore || appositiveRole || whoAfter || cricket || batsman || figures
  const mention: Mention = { passage, tokens: name, keys, size, line: 0, listed: false, start: 0, end: 0, clean, strongCue, personCue, determined: hasArticle, titled: titled || roleBefore || cricket || listed || figures || batsman, score, shouted: false, accepted: false }

  // "Eli Lilly and Co", "an analyst at Merrill Lynch", "Eli Lilly Co <LLY>", the article's own list of
  // organisations: a firm, whatever its words look like.
  // A firm sign outweighs a title ("lead manager Kidder Peabody"), not "who".
  const firm = !whoAfter && (companySignAfter(tokens, end) || companySignBefore(tokens, start, end) || context.orgHints.has(lettersOnly(displayOf(name))))
  if (firm) {
    recordOrganisation(name, context)
    return undefined
  }
  return mention
}

/** An occupation from the lexicon's role list ("barber", "mason"), not a title or role the cue lists name. */
function isOccupationWord(folded: string): boolean {
  return nameLexicon.roles.has(folded) && !TITLES.has(folded) && !ROLE_WORDS.has(folded)
}

function isArticle(token: Token | undefined): boolean {
  return token !== undefined && (token.folded === 'the' || token.folded === 'a' || token.folded === 'an')
}

/** A word that cannot follow an initial as a surname: a closed-class word, or one the article writes in lower case. */
function isOrdinaryWord(token: Token, context: MentionContext): boolean {
  if (FUNCTION_WORDS.has(token.folded)) return true
  return !isSurname(token.folded) && !isGiven(token.folded) && context.lowercaseWords.has(token.folded)
}

function displayOf(tokens: Token[]): string {
  return tokens.map((t) => t.text).join(' ')
}
