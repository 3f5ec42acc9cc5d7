// Who wrote the article, when and where, as the text itself states it, lifted out of the body into
// metadata: bylines ("By Jane Doe", "Original Author: Zarina Fayzulina", "Posted by X on Oct 3, 2024",
// "(Reporting by X; Editing by Y)"), an opening author block (a name line, then a credentials line:
// "PhD in Political Science, Associate Professor, …"), a closing signature block (name / role / date /
// place), "Published: <date>" lines near the top, and a wire dateline ("DUSHANBE, Oct 3 (Reuters) -").
// Dates come only from these places, never from a mention elsewhere in the body.
import type { ArticleMeta, PartialDate } from '../../model.ts'
import { parsePartialDate } from '../../text/dates.ts'
import type { Unit } from './segment.ts'
import { countWords, endsSentence, isPersonName, splitPersonNames } from './shape.ts'

/** A date standing alone in the article's own text (a signature, a "Published:" line, a dateline). */
function readLineDate(text: string, options: { allowYear?: boolean } = {}): PartialDate | undefined {
  return parsePartialDate(text, { from: 'line', allowYear: options.allowYear })
}

// Words that make a line a statement of someone's position or credentials.
const ROLE_WORDS =
  /\b(?:ph\.?\s?d|dr|doctor|professor|prof|lecturer|fellow|research(?:er)?|scholar|analyst|expert|director|head|chair(?:man|woman|person)?|president|founder|co-founder|editor|correspondent|journalist|reporter|writer|contributor|columnist|member|candidate|associate|assistant|senior|junior|department|faculty|university|institute|centre|center|school|academy|council|movement|party|foundation|ambassador|minister|officer|adviser|advisor|consultant|specialist|coordinator|manager|ceo|lawyer|economist|scientist|historian|student|graduate|secretary|spokes(?:man|woman|person)|commentator|blogger|activist|author)\b/iu

// A role is a noun phrase: "Limited said the Council is…" is a sentence cut by a line break.
const CLAUSE_VERBS = /\b(?:said|says|is|are|was|were|has|have|had|will|would|named|announced|told|added)\b/iu

/** Whether the line states a role or affiliation: "Chairman of the Movement for …", "PhD in …, Professor". */
export function isRoleLine(text: string): boolean {
  const words = countWords(text)
  if (words === 0 || words > 35) return false
  if (!/^[\p{Lu}\p{N}]/u.test(text)) return false
  // a role is a noun phrase; a sentence (ending "." after many words) is article text
  if (endsSentence(text) && words > 12) return false
  if (CLAUSE_VERBS.test(text)) return false
  // prices and figures ("81.00") belong to tables, not to anyone's title
  if (/\d[.,]\d/u.test(text)) return false
  return ROLE_WORDS.test(text)
}

// "Amsterdam, The Netherlands", "Dushanbe", "New York, USA": a few capitalised words, no digits.
function isPlaceLine(text: string): boolean {
  const words = text.split(/\s+/)
  if (words.length > 6 || /\d/u.test(text) || /[.!?:;]$/u.test(text)) return false
  return words.every((word) => /^(?:\p{Lu}[\p{L}'’.-]*,?|of|de|del|la|le|am|upon|on|the)$/u.test(word))
}

function titleCaseWord(word: string): string {
  return word.toLowerCase().replace(/(^|[\s\-'’.])(\p{L})/gu, (_, before: string, letter: string) => before + letter.toUpperCase())
}

interface Byline {
  authors: string[]
  role?: string
  date?: PartialDate
}

/**
 * Reads the part of a byline after "By" / "Author:": names, optionally a role or outlet after a comma,
 * and a date after "|" or "on". Undefined unless it names at least one person.
 */
export function parseByline(rest: string): Byline | undefined {
  const parts = rest
    .trim()
    .replace(/[.;]$/u, '')
    .split(/\s*[|•·]\s*|\s+[—–]\s+|\s+on\s+(?=\p{L}+\.?\s+\d|\d)/u)
  const byline: Byline = { authors: [] }
  for (const part of parts) {
    const date = readLineDate(part)
    if (date) {
      byline.date ??= date
      continue
    }
    if (byline.authors.length > 0) {
      byline.role ??= part
      continue
    }
    const names = splitPersonNames(part)
    if (names) {
      byline.authors = names
      continue
    }
    // "Jane Doe, Senior Correspondent" / "Jane Doe, Reuters"
    const comma = part.indexOf(',')
    const head = comma > 0 ? part.slice(0, comma) : ''
    const headNames = head ? splitPersonNames(head.replace(/\s+and\s+/u, ', ')) : undefined
    const tail = part.slice(comma + 1).trim()
    if (headNames && /^\p{Lu}/u.test(tail)) {
      byline.authors = headNames
      byline.role = tail
      continue
    }
    return undefined
  }
  return byline.authors.length > 0 ? byline : undefined
}

const LABELLED_AUTHOR =
  /^(?:original\s+)?(?:authors?|written by|words|text|story|reporter|reporting|correspondent|posted by|published by|by|автор)\s*[:：]\s*(.+)$/iu
// Capital B: a line starting "by" in lowercase is the tail of a wrapped sentence.
const BY_LINE = /^(?:By|BY|Written by|Story by|Words by|Text by|Posted by)\s+(.+)$/u
const WIRE_CREDITS = /^\(?(?:reporting|writing|additional reporting|reporting and writing) by\s+([^;)]+)(?:;[^)]*)?\)?\.?$/iu
const PUBLISHED_LINE = /^(?:(published|posted|date|first published|published on|posted on|updated|last updated|modified)\s*(?:on|at)?\s*[:：]?\s*)?(.+)$/iu

function applyByline(meta: ArticleMeta, byline: Byline): void {
  meta.author ??= byline.authors.join(', ')
  if (byline.role && !meta.authorRole) meta.authorRole = byline.role
  if (byline.date && !meta.date) meta.date = byline.date
}

/**
 * Removes bylines and author, date and signature blocks, recording what they state in `meta`.
 * Bylines count anywhere when labelled ("Author: X"), otherwise only near the top or bottom.
 */
export function extractBylines(units: Unit[], meta: ArticleMeta, removed: string[]): Unit[] {
  const edge = (index: number, length: number) => index < 6 || index >= length - 6
  let kept: Unit[] = []
  units.forEach((unit, index) => {
    const text = unit.text
    const labelled = LABELLED_AUTHOR.exec(text)?.[1]
    const plain = edge(index, units.length) ? BY_LINE.exec(text)?.[1] : undefined
    const byline = labelled || plain ? parseByline((labelled ?? plain)!) : undefined
    if (byline && countWords(text) <= 25) {
      applyByline(meta, byline)
      removed.push(`removed byline: ${text}`)
      return
    }
    const wire = index >= units.length - 4 ? WIRE_CREDITS.exec(text)?.[1] : undefined
    if (wire) {
      const names = splitPersonNames(wire.replace(/\s+in\s+\p{Lu}[\p{L} ]+$/u, ''))
      if (names) meta.author ??= names.join(', ')
      removed.push(`removed wire credits: ${text}`)
      return
    }
    if (index < 6) {
      const published = PUBLISHED_LINE.exec(text)
      const labelled = published?.[1] !== undefined
      let date = published ? readLineDate(published[2]!) : undefined
      // an unlabelled date counts only as a full date on its own line near the top, not "…in\nDecember 1986."
      if (date && !labelled && (index > 2 || date.precision !== 'day' || /\.$/u.test(text))) date = undefined
      if (published && date) {
        // an "Updated" stamp is not when the article appeared
        if (!/update|modif/iu.test(published[1] ?? '')) meta.date ??= date
        removed.push(`removed date line: ${text}`)
        return
      }
    }
    kept.push(unit)
  })
  // the closing signature first: in a short text its name line also sits near the top
  kept = extractSignature(kept, meta, removed)
  kept = extractOpeningAuthorBlock(kept, meta, removed)
  kept = extractClosingBio(kept, meta, removed)
  return kept
}

// A bio describes someone who writes: "Morgan Stanley is sole manager of the offering" is not one.
const WRITER_WORDS =
  /\b(?:writer|journalist|correspondent|reporter|editor|columnist|contributor|author|fellow|professor|lecturer|researcher|analyst|scholar|blogger|commentator|photographer|ph\.?\s?d)\b/iu
// "Jane Doe is a freelance writer based in Almaty." / "John Smith is Senior Fellow at the Institute."
const BIO = /^(.{5,60}?) is (?:(?:an?|the|currently)\s+)?(.{5,240}?)\.?$/u

/**
 * The one-sentence author bio many sites close an article with, when it names the byline's author (or
 * no author is known yet) and states a role.
 */
function extractClosingBio(units: Unit[], meta: ArticleMeta, removed: string[]): Unit[] {
  const last = units.at(-1)
  if (!last || countWords(last.text) > 45) return units
  const match = BIO.exec(last.text)
  if (!match || !isPersonName(match[1]!) || !WRITER_WORDS.test(match[2]!)) return units
  if (meta.author && meta.author !== match[1]) return units
  meta.author ??= match[1]
  meta.authorRole ??= match[2]
  removed.push(`removed author bio: ${last.text}`)
  return units.slice(0, -1)
}

/** An opening author block: a name line (within the first three) followed by a role or date line. */
function extractOpeningAuthorBlock(units: Unit[], meta: ArticleMeta, removed: string[]): Unit[] {
  for (let index = 0; index < Math.min(3, units.length - 1); index++) {
    const name = units[index]!.text
    const next = units[index + 1]!.text
    if (!isPersonName(name)) continue
    const date = readLineDate(next)
    if (!date && !isRoleLine(next)) continue
    meta.author ??= name
    if (date) meta.date ??= date
    else meta.authorRole ??= next
    removed.push(`removed author block: ${name} / ${next}`)
    return [...units.slice(0, index), ...units.slice(index + 2)]
  }
  return units
}

/**
 * A closing signature block: a name line (optionally "— Name"), then any of role lines, a date line and
 * a place line, each short; at least one of them besides the name.
 */
function extractSignature(units: Unit[], meta: ArticleMeta, removed: string[]): Unit[] {
  const first = Math.max(0, units.length - 6)
  for (let start = first; start < units.length; start++) {
    const name = units[start]!.text.replace(/^[—–-]\s*/u, '')
    if (!isPersonName(name) || /\d/u.test(name)) continue
    const rest = units.slice(start + 1).map((unit) => unit.text)
    const dashed = /^[—–-]/u.test(units[start]!.text)
    if (rest.length === 0 && !dashed) continue
    let role: string[] = []
    let date: PartialDate | undefined
    let place: string | undefined
    let valid = true
    rest.forEach((line, offset) => {
      const lineDate = readLineDate(line, { allowYear: true })
      if (lineDate && !date) date = lineDate
      else if (isPlaceLine(line) && (date !== undefined || offset === rest.length - 1) && !place) place = line
      else if (!date && !place && (isRoleLine(line) || (countWords(line) <= 12 && !/\d/u.test(line) && !endsSentence(line)))) role.push(line)
      else valid = false
    })
    if (!valid) continue
    // a name followed only by short lines that are neither role, date nor place is not a signature
    if (!dashed && role.length === 0 && !date) continue
    if (role.length > 0 && !role.some(isRoleLine) && !date) continue
    meta.author ??= name
    if (role.length > 0) meta.authorRole ??= role.join(', ')
    if (date) meta.date ??= date
    if (place) meta.place ??= place
    removed.push(`removed signature block: ${[name, ...rest].join(' / ')}`)
    return units.slice(0, start)
  }
  return units
}

const DATELINE_LABELS =
  /^(?:background|objectives?|methods?|results?|conclusions?|purpose|aims?|introduction|summary|context|design|setting|update|breaking|exclusive|analysis|opinion|comment|editorial|watch|live|correction|refile|factbox|explainer|interview|review)\b/iu

/**
 * A wire dateline opening the first paragraph: a city in capitals, optionally a region and a date, an
 * optional agency in parentheses, then a dash: "DUSHANBE, Tajikistan, March 3, 2024 (AP) — ".
 * Returns the paragraph without it, or undefined when there is none.
 */
export function extractDateline(text: string, meta: ArticleMeta, removed: string[]): string | undefined {
  const match = /^(.{3,80}?)\s*(?:\(([\p{L}&.' ]{2,30})\))?\s*(?:[—–]|--?)\s+(?=["“‘\p{Lu}\p{N}])/u.exec(text)
  if (!match) return undefined
  const parts = match[1]!.split(/\s*,\s*/u)
  const city = parts[0]!
  // the city is in capitals: that is what tells a dateline from a sentence starting with a name
  if (!/^\p{Lu}[\p{Lu}'’.\- ]{2,40}$/u.test(city) || countWords(city) > 3 || !/\p{Lu}{3}/u.test(city)) return undefined
  // a bare capitalised phrase before a dash is a dateline only when short ("MOSCOW —"), else a heading
  if (parts.length === 1 && !match[2] && countWords(city) > 2) return undefined
  // section labels written the same way: "BACKGROUND - …", "UPDATE 2 - …", "EXCLUSIVE - …"
  if (DATELINE_LABELS.test(city)) return undefined
  const placeParts = [titleCaseWord(city)]
  let date: PartialDate | undefined
  for (let index = 1; index < parts.length; index++) {
    const asDate = readLineDate(parts.slice(index).join(', '))
    if (asDate) {
      date = asDate
      break
    }
    // a date without a year ("Oct 3") says too little to keep; anything else must be a place name
    if (/\d/u.test(parts[index]!)) break
    if (!/^\p{Lu}[\p{L}.'’ -]{1,30}$/u.test(parts[index]!)) return undefined
    placeParts.push(parts[index]!)
  }
  meta.place ??= placeParts.join(', ')
  if (date) meta.date ??= date
  removed.push(`removed dateline: ${match[0].trim()}`)
  return text.slice(match[0].length)
}
