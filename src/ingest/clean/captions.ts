// Photo captions and credits, which scrapers flatten into the text: a bare credit line ("Photo:
// kremlin.ru", "Photo by Jane Doe/Reuters", "Image courtesy of …", "Source: World Bank"), a named
// portrait ("Muslimbek Buriev. Photo: CABAR.asia", "Negmatullo Mirsaidov. Photo from personal Facebook
// page."), a caption paragraph that ends in its credit ("… at the Kremlin in Moscow. Photo: AFP / Sergey
// Guneev / Sputnik"), an agency credit on its own ("AFP/Getty Images", "REUTERS/John Smith"), and
// parenthesised credits inside a paragraph ("(Photo: Reuters)").
import type { Unit } from './segment.ts'
import { countWords } from './shape.ts'

const CREDIT_WORD =
  '(?:photos?|photograph|photo credit|image|images|picture|pic|foto|фото|illustration|graphic|infographic|video|cover(?: photo| image)?|header image|featured image|main image|top image|lead image|credit|credits|pictured)'

// A credit where it starts: at the line start, after a finished sentence, or after " | " / " — ".
// Groups: 1 the credit word, 2 the linking word ("by", "courtesy of", "from", …), 3 the punctuation, 4 who.
const CREDIT = new RegExp(
  `(?:^|[.!?…]["”’)]?\\s+|\\s[|—–-]\\s)[(\\[]?(${CREDIT_WORD})(?:\\s+(by|credit|courtesy(?:\\s+of)?|via|from|source|taken from))?\\s*([:：©—–|-])?\\s*((?:[^.!?]|[.](?=[^\\s.]))*?)[)\\]]?\\.?$`,
  'iu',
)

/** Whether the line ends with (or is) a photo credit, and whether the credit is the whole line. */
function findCredit(line: string): { wholeLine: boolean } | undefined {
  const match = CREDIT.exec(line)
  if (!match) return undefined
  const [whole, word, link, punctuation, who] = match
  if (!link && !punctuation) return undefined
  // "Credit by the banks…" and "Pictured by…" are sentences; those words credit only with a colon.
  if (!punctuation && !/^(?:photos?|photograph|image|images|picture|foto|фото|video|illustration|graphic)$/iu.test(word!)) return undefined
  if (!who || countWords(who) === 0 || countWords(who) > 12) return undefined
  // "Photos from the scene show…" is a sentence; a singular "Photo from X" is a credit.
  if (link && /^(?:from|source|taken from)$/iu.test(link) && !/^(?:photo|image|picture|foto|фото)$/iu.test(word!)) return undefined
  return { wholeLine: whole!.trimStart().length === line.length }
}

// "Source: World Bank" under a chart or photo; only as a short line of its own.
const SOURCE_LINE = /^(?:source|sources|data|chart)\s*[:：]\s*\S/iu
// Agency credits: "AFP/Getty Images", "REUTERS/John Smith", "© AP Photo / Jane Doe", "Sputnik / Ivan Ivanov".
const AGENCY = '(?:getty images|reuters|afp|ap(?: photo)?|epa(?:-efe)?|sputnik|shutterstock|anadolu(?: agency)?|tass|ria novosti|xinhua|alamy|istock(?:photo)?|pool|efe|dpa|bloomberg|unsplash|wikimedia commons)'
const AGENCY_CREDIT = new RegExp(`^(?:©\\s*)?(?:[\\p{L}.' -]{0,40}\\s*/\\s*)?${AGENCY}(?:\\s*/\\s*[\\p{L}.' -]{1,40})*\\.?$`, 'iu')
// A credit in parentheses or brackets inside a paragraph: "(Photo: Reuters)", "[Image via X]".
const INLINE_CREDIT = new RegExp(`\\s*[(\\[]${CREDIT_WORD}(?:\\s+(?:by|courtesy(?:\\s+of)?|via)\\s*[:：]?|\\s*[:：©])\\s*(?:[^()\\[\\].!?]|[.](?=[^\\s.])){1,80}[)\\]]`, 'giu')

/** Why the line is a caption or credit, or undefined when it is not one. */
export function captionKind(line: string): string | undefined {
  const words = countWords(line)
  if (words <= 8 && SOURCE_LINE.test(line)) return 'source credit'
  if (words <= 12 && /[/©]/u.test(line) && AGENCY_CREDIT.test(line)) return 'agency credit'
  // Caption paragraphs are at most a few sentences; a long paragraph is article text.
  const credit = words <= 90 ? findCredit(line) : undefined
  if (credit) return credit.wholeLine ? 'photo credit' : 'photo caption'
  return undefined
}

/** Removes caption and credit lines, and strips parenthesised credits from paragraphs. */
export function removeCaptions(units: Unit[], removed: string[]): Unit[] {
  const kept: Unit[] = []
  for (const unit of units) {
    const kind = captionKind(unit.text)
    if (kind) {
      removed.push(`removed ${kind}: ${unit.text}`)
      continue
    }
    const stripped = unit.text.replace(INLINE_CREDIT, (credit) => {
      removed.push(`removed inline credit: ${credit.trim()}`)
      return ''
    })
    kept.push(stripped === unit.text ? unit : { ...unit, text: stripped.trim() })
  }
  return kept
}
