// Signs in the words around a capitalised run that it names a firm, not a person: a legal suffix or "and Co"
// after it ("Eli Lilly and Co", "Salomon Brothers Inc"), a stock ticker ("<LLY>", "(NYSE: LLY)"), someone
// working at it ("an analyst at Merrill Lynch"), or a finance job title it modifies ("Morgan Stanley
// economist ..."). Each sign counts in the article's NameStats, so the corpus-wide merge can rule out a firm
// that a single article names bare ("Merrill Lynch said").
import { foldName } from './fold.ts'
import type { Token } from './tokenize.ts'

const words = (text: string): Set<string> => new Set(text.trim().split(/\s+/))

/** Legal forms and firm words written after a company's name ("Inc", "Plc", "Brothers"). */
const LEGAL_SUFFIXES = words(`
  inc inc. incorporated corp corp. corporation co co. cos cos. company companies ltd ltd. limited plc llc llp lp
  ag sa s.a. nv n.v. bv b.v. gmbh spa s.p.a. ab asa oy kk bhd pty pte nl
  brothers bros bros. sons cie
`)

/** Jobs held at a firm, which name the firm they are held at ("an analyst at X", "X economist Jane Doe"). */
const FIRM_JOBS = words(`
  analyst analysts economist economists strategist strategists trader traders dealer dealers broker brokers
  banker bankers underwriter underwriters arbitrager arbitragers arbitrageur arbitrageurs
`)

/** Nouns for a firm, written before its name ("French bank Societe Generale", "brokerage house X"). */
const FIRM_NOUNS = words(`
  bank banks firm firms company companies group brokerage brokerages house conglomerate subsidiary affiliate
  retailer manufacturer airline
`)

/** Head words of firms' names ("Chase Manhattan Bank", "Merrill Lynch Capital Markets", "Ford Motor Co"). */
const FIRM_HEADS = words(`
  bank banks bancorp bancshares fund funds capital securities holdings group groups corp corporation industries
  international motor motors airlines airways systems technologies technology electric electronics energy oil
  petroleum gas mining steel foods pharma partners associates trust insurance markets enterprises investments
  finance financial resources communications
  agence banco banca banque societe compagnie companhia compania grupo groupe
`)

/** A firm's legal form or the head word of a firm's name. */
export function isFirmHead(token: Token): boolean {
  return isLegalSuffix(token) || FIRM_HEADS.has(token.folded)
}

/** What a firm is of another ("a unit of", "a subsidiary of"). */
const OWNED_NOUNS = words(`unit subsidiary division affiliate arm`)

/** Words after which a ticker symbol stands ("NYSE: LLY", "Nasdaq: AAPL"). */
const EXCHANGE_WORDS = words(`nyse nasdaq amex lse tsx asx ticker symbol`)

/** A firm sign right after the run: a legal suffix, "and Co", a ticker, ", which", or a finance job it modifies. */
export function companySignAfter(tokens: Token[], end: number): boolean {
  const next = tokens[end]
  if (next === undefined) return false
  if (isLegalSuffix(next) || andCompany(tokens, end)) return true
  if (next.text === ',') {
    const after = tokens[end + 1]
    // "Texaco Inc, ...": ", Inc"; "Societe Generale, which": people are "who", firms "which".
    if (after !== undefined && (isLegalSuffix(after) || after.folded === 'which')) return true
    // "David Jones, owned 49.2 pct by Adsteam", "Hongkong Electric, a unit of ...": only a firm is owned or a unit.
    if (after?.folded === 'owned') return true
    const noun = after !== undefined && /^(?:a|an|the|its)$/.test(after.folded) ? tokens[end + 2] : undefined
    if (noun !== undefined && OWNED_NOUNS.has(noun.folded) && tokens[end + 3]?.folded === 'of') return true
  }
  // "Cheung Kong (Holdings) Ltd".
  if (next.text === '(' && tokens[end + 1]?.isCapitalised && tokens[end + 2]?.text === ')' && isLegalSuffix(tokens[end + 3])) return true
  // "Goldman, Sachs and Co", "Procter and Gamble Co", "Hiram Walker-Gooderham and Worts Ltd": the firm's name
  // runs on past a comma or "and" to its legal form.
  if (next.text === ',' || next.folded === 'and' || next.text === '&') {
    let at = end + 1
    while (at < tokens.length && at - end <= 4 && tokens[at].isWord && (tokens[at].isCapitalised || tokens[at].isInitial) && !isLegalSuffix(tokens[at])) at++
    if (at > end + 1 && (isLegalSuffix(tokens[at]) || andCompany(tokens, at))) return true
  }
  // "Czarnikow said in its monthly review": what a firm publishes is "its".
  if (/^(?:said|says|estimated|estimates|reported|reports)$/.test(next.folded) && tokens[end + 1]?.folded === 'in' && tokens[end + 2]?.folded === 'its') return true
  // A ticker: "<LLY>", "<STGN.PA>" or "(NYSE: LLY)".
  if (next.text === '<' && tokens[end + 1]?.isAllCaps) return true
  if (next.text === '(' && EXCHANGE_WORDS.has(tokens[end + 1]?.folded ?? '')) return true
  // "Morgan Stanley economist Jane Doe", "Salomon Brothers analysts said".
  return next.isWord && !next.isCapitalised && FIRM_JOBS.has(next.folded)
}

/** "Inc", "Plc", "Brothers", "SA": a firm's legal form as firms write it. */
export function isLegalSuffix(token: Token | undefined): boolean {
  if (token === undefined || !token.isWord || !LEGAL_SUFFIXES.has(token.folded)) return false
  // Two- and three-letter forms ("SA", "AG", "NV") only in capitals or with dots: "Sa" is part of "Ricardo Sa Pinto".
  if (ABBREVIATED_SUFFIXES.has(token.folded)) return token.isAllCaps || token.isInitial
  return token.isCapitalised || token.isAllCaps
}

/** Legal forms that are also syllables of names ("Sa", "Ab", "Nl"): firms only written in capitals. */
const ABBREVIATED_SUFFIXES = words(`ag sa nv bv ab asa kk bhd pty pte nl spa`)

/** "and Co", "& Co", "and Sons" at `at`. */
function andCompany(tokens: Token[], at: number): boolean {
  const joiner = tokens[at]
  const firm = tokens[at + 1]
  return joiner !== undefined && (joiner.folded === 'and' || joiner.text === '&') && firm !== undefined && firm.isWord && /^(?:co|co\.|cos|cos\.|company|sons|cie)$/.test(firm.folded)
}

/**
 * A firm sign right before the run: someone working there ("an analyst at X", "economist Jane Doe of X"), a
 * bank's part in a bond issue ("lead manager X", "underwritten by X"), or a firm noun ("French bank X").
 */
export function companySignBefore(tokens: Token[], start: number, end: number): boolean {
  const previous = tokens[start - 1]
  if (previous === undefined) return false
  // "Federal Home Loan Mortgage Corp, Freddie Mac, certificates": a firm's other name in apposition.
  if ((previous.text === ',' || previous.text === '(') && isLegalSuffix(tokens[start - 2]) && (tokens[end]?.text === ',' || tokens[end]?.text === ')')) return true
  if (previous.folded === 'at' || previous.folded === 'with' || previous.folded === 'of') {
    if (tokens.slice(Math.max(0, start - 6), start - 1).some((t) => t.isWord && FIRM_JOBS.has(t.folded))) return true
  }
  if (previous.isWord && !previous.isCapitalised && FIRM_NOUNS.has(previous.folded)) return true
  // "London brokers James Capel", "sugar traders C. Czarnikow": a plural trade before one name is a firm's staff.
  if (previous.isWord && !previous.isCapitalised && previous.folded.endsWith('s') && FIRM_JOBS.has(previous.folded) && tokens[start - 2]?.folded !== 'and') return true
  if (previous.folded === 'manager' || previous.folded === 'managers' || previous.folded === 'co-manager') {
    return /^(?:lead|sole|co-lead|joint|co|book-running|bookrunning)$/.test(tokens[start - 2]?.folded ?? '')
  }
  return previous.folded === 'by' && /^(?:managed|lead-managed|co-managed|underwritten)$/.test(tokens[start - 2]?.folded ?? '')
}

/** Organisation names as the article's own metadata gives them (e.g. Reuters `orgs`), letters only, for comparing. */
export function orgHintKeys(hints: readonly string[] | undefined): Set<string> {
  return new Set((hints ?? []).map(lettersOnly).filter((key) => key.length > 1))
}

/** "World Bank", "worldbank" and "world-bank" all key as "worldbank". */
export function lettersOnly(text: string): string {
  return foldName(text).replace(/[^\p{L}\p{N}]/gu, '')
}
