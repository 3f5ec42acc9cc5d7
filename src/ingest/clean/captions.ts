// Photo captions and credits, which scrapers flatten into the text. A credit is furniture: a bare credit
// line ("Photo: kremlin.ru", "Photo by Jane Doe/Reuters", "Credit…Ed Murray/NJ Advance Media",
// "CreditChang W. Lee/The New York Times", "Image copyright Getty Images", "AFP/Getty Images", "Chuck
// Burton/AP", "ASSOCIATED PRESS", "SIA/EFAK/YPPOA"), a named portrait ("Muslimbek Buriev. Photo:
// CABAR.asia"), a parenthesised credit inside a paragraph ("(Photo: Reuters)"). A caption that describes
// something ("Workers hold Tajik flags during the launch of the first turbine of the Rogun dam… Photo:
// Amir Isaev / Sputnik / AFP") is content: its words stay searchable and only its credit goes.
import type { Unit } from './segment.ts'
import { countWords } from './shape.ts'

const CREDIT_WORD =
  '(?:photos?|photograph|photo credit|image credit|image|images|picture|pic|foto|фото|illustration|graphic|infographic|video|cover(?: photo| image)?|header image|featured image|main image|top image|lead image|credit|credits|pictured)'

// A credit where it starts: at the line start, after a finished sentence (also glued to it, as inline
// markup leaves "…a bar.Credit…Ed Murray"), or after " | " / " — ". Groups: 1 the credit word, 2 the
// linking word ("by", "courtesy of", "copyright", …), 3 the punctuation ("…" or "..." too), 4 who.
const CREDIT = new RegExp(
  `(?:^|[.!?…]["”’)]?\\s*|\\s[|—–-]\\s)[(\\[]?(${CREDIT_WORD})(?![\\p{L}])(?:\\s+(by|credit|courtesy(?:\\s+of)?|via|from|source|taken from|copyright))?\\s*(\\.{2,3}|…|[:：©—–|-])?\\s*((?:[^.!?]|[.](?=[^\\s.]))*?)[)\\]]?\\.?$`,
  'iu',
)
// "CreditChang W. Lee/The New York Times": the label glued to the name, as visually hidden text leaves it.
const GLUED_CREDIT = /(?:^|[.!?…]["”’)]?\s*)Credit(?=\p{Lu}\p{Ll})(.{3,120})$/u

/** Where the credit at the end of the line starts, and whether it is the whole line. */
function findCredit(line: string): { start: number; wholeLine: boolean } | undefined {
  const glued = GLUED_CREDIT.exec(line)
  if (glued && countWords(glued[1]!) <= 12 && !/[.!?]\s/u.test(glued[1]!)) return creditAt(line, glued.index)
  const match = CREDIT.exec(line)
  if (!match) return undefined
  const [, word, link, punctuation, who] = match
  if (!link && !punctuation) return undefined
  // "Credit by the banks…" and "Pictured by…" are sentences; those words credit only with a colon.
  if (!punctuation && !/^(?:photos?|photograph|image|images|picture|foto|фото|video|illustration|graphic)$/iu.test(word!)) return undefined
  if (!who || countWords(who) === 0 || countWords(who) > 12) return undefined
  // "Photos from the scene show…" is a sentence; a singular "Photo from X" is a credit.
  if (link && /^(?:from|source|taken from)$/iu.test(link) && !/^(?:photo|image|picture|foto|фото)$/iu.test(word!)) return undefined
  return creditAt(line, match.index)
}

function creditAt(line: string, index: number): { start: number; wholeLine: boolean } {
  // the match starts at the end of the sentence before the credit; the credit itself at its first letter
  const start = index + (/^[^\p{L}(\[]*/u.exec(line.slice(index))?.[0].length ?? 0)
  return { start, wholeLine: line.slice(0, start).trim() === '' }
}

// "Source: World Bank" under a chart or photo; only as a short line of its own.
const SOURCE_LINE = /^(?:source|sources|data|chart)\s*[:：]\s*\S/iu
// Picture agencies and wires as credits name them.
const AGENCY =
  '(?:getty(?: images)?|reuters|afp|agence france-presse|ap(?: photo)?|associated press|the associated press|epa(?:-efe)?|sputnik|shutterstock|rex|anadolu(?: agency)?|tass|ria novosti|xinhua|alamy|istock(?:photo)?|pool|efe|dpa|bloomberg|unsplash|wikimedia commons|invision|nurphoto|sipa|zuma(?: press)?|imago|picture alliance|stock\\.adobe\\.com)'
// Agency credits: "AFP/Getty Images", "REUTERS/John Smith", "© AP Photo / Jane Doe", "Sputnik / Ivan Ivanov",
// "Patrick Semansky, ASSOCIATED PRESS", "BRUCE WEAVER / AFP - Getty Images", "Jane Doe | Bloomberg | Getty Images".
const AGENCY_CREDIT = new RegExp(`^(?:©\\s*)?(?:[\\p{L}.'’ -]{0,40}\\s*[/,|]\\s*)?${AGENCY}(?:\\s*(?:[/|]|\\s[-–—]\\s)\\s*[\\p{L}.'’ -]{1,40})*\\.?$`, 'iu')
// A lone agency name: "ASSOCIATED PRESS", "Getty Images", "AP Photo".
const AGENCY_ONLY = new RegExp(`^\\(?${AGENCY}\\)?$`, 'iu')
// "Ed Murray/NJ Advance Media for NJ.com", "Chuck Burton/AP", "Dustin Franz/AFP/Getty Images": a name, a
// slash and the outlet, capitalised words only (a lower-case "and/or" is prose).
const NAME_SLASH_OUTLET = /^[\p{Lu}][\p{L}.'’-]*(?:\s+[\p{Lu}][\p{L}.'’-]*){0,3}\s*\/\s*[\p{Lu}\p{N}][\p{L}\p{N}.&'’-]*(?:\s+(?:[\p{Lu}\p{N}][\p{L}\p{N}.&'’-]*|for|of|the|de|via|and))*(?:\s*\/\s*[\p{Lu}\p{N}][\p{L}\p{N}.&'’ -]*)*$/u
// "SIA/EFAK/YPPOA", "AKM-GSI", "AP/REX": capital codes joined by slashes or hyphens.
const CODE_CREDIT = /^[\p{Lu}\d]{2,}(?:[/-][\p{Lu}\d]{2,})+$/u
// A credit line in brackets: "[Photo: RADsan/iStock]", "(Dustin Franz/AFP/Getty Images)".
const BRACKETED = /^[(\[](.*)[)\]]$/u

/** Whether the whole line is a credit (not a caption with words of its own). */
function isCreditLine(line: string): boolean {
  const words = countWords(line)
  const inner = BRACKETED.exec(line)?.[1]?.trim()
  if (inner && inner !== line && isCreditLine(inner)) return true
  if (words <= 4 && AGENCY_ONLY.test(line)) return true
  if (words <= 12 && AGENCY_CREDIT.test(line) && /[/©,|]|\s[-–—]\s/u.test(line)) return true
  if (words >= 2 && words <= 12 && NAME_SLASH_OUTLET.test(line)) return true
  return words === 1 && CODE_CREDIT.test(line)
}

// A credit glued to the end of a caption sentence: "… on June 18, 2015. Chuck Burton/AP",
// "… in Pittsburgh. (Dustin Franz/AFP/Getty Images)", "… from the air. SIA/EFAK/YPPOA".
const TRAILING_CREDIT = /(?<=(?:\p{Ll}{2}|\d)[.!?]["”’]?)\s+(\(?[^.!?()]{2,80}\)?)$/u
// The same in the middle, where a caption ran into the next paragraph or repeats: "… Paseas.
// SIA/EFAK/YPPOA “We also…", "… 2015. Chuck Burton/AP Dylann Roof is…".
const INNER_CREDIT = /(?<=(?:\p{Ll}{2}|\d)[.!?]["”’]?)\s+(?:[\p{Lu}\d]{2,}(?:\/[\p{Lu}\d]{2,})+|\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3}\/[\p{Lu}\p{N}][\p{L}\p{N}&'’-]*(?:\/[\p{Lu}\p{N}][\p{L}\p{N}&'’-]*)*)(?=\s+["“‘\p{Lu}])/gu
// Caption widgets' own words: NPR's "hide caption" / "toggle caption", the BBC's "Image caption".
const CAPTION_WIDGET = /\s*\b(?:hide caption|toggle caption|image caption|enlarge this image)\b\s*/giu

// A credit in parentheses or brackets inside a paragraph: "(Photo: Reuters)", "[Image via X]".
const INLINE_CREDIT = new RegExp(`\\s*[(\\[]${CREDIT_WORD}(?:\\s+(?:by|courtesy(?:\\s+of)?|via)\\s*[:：]?|\\s*[:：©])\\s*(?:[^()\\[\\].!?]|[.](?=[^\\s.])){1,80}[)\\]]`, 'giu')

/** A caption keeps its words when they describe something; a name alone ("Muslimbek Buriev.") is a portrait's label. */
const MIN_CAPTION_WORDS = 5

/** Why the line is a caption or credit, or undefined when it is not one. */
export function captionKind(line: string): string | undefined {
  const words = countWords(line)
  if (words <= 8 && SOURCE_LINE.test(line)) return 'source credit'
  if (isCreditLine(line)) return 'agency credit'
  // Caption paragraphs are at most a few sentences; a long paragraph is article text.
  const credit = words <= 90 ? findCredit(line) : undefined
  if (credit) return credit.wholeLine ? 'photo credit' : 'photo caption'
  return undefined
}

/**
 * The line without its credit: a credit line goes whole ('' is returned), a caption keeps its
 * description (ending with a full stop, so it reads as a sentence, never as a heading), a short label
 * ("Negmatullo Mirsaidov.") goes with its credit. Returns the line unchanged when it carries no credit.
 */
export function stripCredit(line: string): string {
  const widgetFree = line.replace(CAPTION_WIDGET, ' ').replace(/\s+/g, ' ').trim()
  if (widgetFree === '' || isCreditLine(widgetFree) || findCredit(widgetFree)?.wholeLine) return ''
  // a caption shown twice (once for each state of its toggle) is kept once
  const unwidgeted = withoutRepeat(widgetFree)
  const text = unwidgeted.replace(INNER_CREDIT, '')
  if (text === '') return ''
  if (countWords(text) <= 8 && SOURCE_LINE.test(text)) return ''
  if (isCreditLine(text)) return ''
  let caption = text
  const credit = countWords(text) <= 90 ? findCredit(text) : undefined
  if (credit) caption = text.slice(0, credit.start)
  else {
    const trailing = TRAILING_CREDIT.exec(text)
    if (trailing && isCreditLine(trailing[1]!.trim())) caption = text.slice(0, trailing.index)
  }
  caption = caption.replace(/[\s|—–-]+$/u, '').trim()
  if (caption === text) {
    if (text === line) return line
    // what a caption widget labelled is a caption: it ends as a sentence, never as a heading
    return widgetFree !== line && !/[.!?…]["”’)]?$/u.test(text) ? `${text}.` : text
  }
  if (countWords(caption) < MIN_CAPTION_WORDS) return ''
  return /[.!?…]["”’)]?$/u.test(caption) ? caption : `${caption}.`
}

/** "A. A." -> "A.": the text said twice over. */
function withoutRepeat(text: string): string {
  const half = Math.floor(text.length / 2)
  for (const cut of [half, half + 1, half - 1]) {
    const first = text.slice(0, cut).trim()
    if (first.length >= 20 && first === text.slice(cut).trim()) return first
  }
  return text
}

/** Removes credit lines, keeps captions' words without their credits, strips parenthesised credits from paragraphs. */
export function removeCaptions(units: Unit[], removed: string[]): Unit[] {
  const kept: Unit[] = []
  for (const unit of units) {
    const stripped = stripCredit(unit.text)
    if (stripped === '') {
      removed.push(`removed ${captionKind(unit.text) ?? 'photo credit'}: ${unit.text}`)
      continue
    }
    if (stripped !== unit.text) removed.push(`removed photo credit from: ${unit.text}`)
    const text = stripped.replace(INLINE_CREDIT, (credit) => {
      removed.push(`removed inline credit: ${credit.trim()}`)
      return ''
    })
    kept.push(text === unit.text ? unit : { ...unit, text: text.trim() })
  }
  return kept
}
