// Which language a text is written in, from its own words: the script its letters belong to, and for
// scripts several languages share (Latin, Cyrillic, Arabic), which language's commonest function words it
// uses most. Small and general on purpose: it tells the common European languages apart, names the
// languages with scripts of their own, and says nothing rather than guess on a short or mixed text.
//
// The word lists are the most frequent function words of each language (articles, pronouns,
// prepositions, conjunctions, auxiliaries), written for this project from general knowledge of the
// languages; words two neighbouring languages share spelled alike are mostly left out of both.

export interface DetectedLanguage {
  /** ISO 639-1 code ("en", "de", "ja"). */
  language: string
  /** Enough evidence to state it: a clear script, or enough function words with a clear lead. */
  confident: boolean
  /** How far the language leads the runner-up (its score divided by the runner-up's; Infinity for a script of its own). */
  margin: number
  /** Function words counted for each language that has any (empty for a script of its own). */
  scores: Record<string, number>
}

const FUNCTION_WORDS: Record<string, string> = {
  en: 'the and of to is that it was for with as he she they are be this have from by not but at which were has had would their been who you will what there',
  fr: 'le la les des et est une du dans que qui pour pas sur au avec ce il elle sont mais par plus aux ont cette été ses leur nous vous était aussi comme',
  de: 'der die das und ist nicht ein eine zu den von mit sich auf für dem des im auch es wird sind wie bei oder aus nach wurde werden einen noch ich',
  es: 'el los las y que en es por con para no se del al lo como más pero sus ya fue este ha son está entre cuando muy sin sobre también una',
  it: 'il di che è per non della gli con sono nel alla dei ma anche più questo ha delle nella una lo sul essere stato come degli',
  pt: 'o os do da em um uma para com não mais dos das se no na ao foi são seu sua mas também está pelo pela ou quando muito já',
  nl: 'de het een en van is dat op te zijn met voor niet die aan er ook als bij door maar om dan wordt nog naar uit heeft worden hij',
  sv: 'och att det som en på är av för med till den har inte om ett men var jag sig så från vid kan när eller också efter hon',
  // Danish and Norwegian share most function words; only the ones they spell apart are listed.
  da: 'af blev efter meget hvad noget nogle havde været ud ind mig dig sig nu',
  nb: 'av ble etter mye hva noe noen hadde vært ut inn meg deg seg nå',
  pl: 'i w nie na się z że do to jest jak o po co ale tak za od przez jego są już tylko czy być było który może przy ich',
  cs: 'a v se na je že s z do to jako o ale by jsou pro od po jeho které který byl být jsem také nebo jen už',
  ro: 'și în de la cu a că nu o pe un este pentru din care mai sunt au fost ca se al lui ei sau dar',
  hu: 'a az és hogy nem is egy van de meg azt már csak mint ki el volt ez ha lesz vagy még kell után',
  fi: 'ja on ei että se oli hän ovat kun mutta myös tai joka ole sen niin mukaan jo vain ovat ollut kuin',
  tr: 've bir bu da de için ile çok olarak daha gibi olan ama ne kadar sonra her var değil şey ya olduğunu onun',
  ru: 'и в не на что с по как это он она но к из у за от о же так для все его был было только уже или мы вы бы они',
  uk: 'і в не на що з та як це до він але за від про для його було також які вже або ми ви є й із їх',
  bg: 'и в на не да се за от с че е по са като това той но до към ще който която бъде или',
  ar: 'في من على إلى أن عن مع هذا هذه التي الذي كان قد لا ما هو هي بين كما بعد',
  fa: 'و در به از که این را با است برای آن یک هم تا می شد بود نیز اما',
}

/** Each function word with the languages it belongs to, so a word costs one lookup. */
const LANGUAGES_OF_WORD = new Map<string, string[]>()
for (const [language, words] of Object.entries(FUNCTION_WORDS)) {
  for (const word of words.split(' ')) LANGUAGES_OF_WORD.set(word, [...(LANGUAGES_OF_WORD.get(word) ?? []), language])
}

// Scripts that name their language outright.
const SCRIPTS: [RegExp, string][] = [
  [/\p{Script=Hangul}/gu, 'ko'],
  [/[\p{Script=Hiragana}\p{Script=Katakana}]/gu, 'ja'],
  [/\p{Script=Greek}/gu, 'el'],
  [/\p{Script=Hebrew}/gu, 'he'],
  [/\p{Script=Thai}/gu, 'th'],
  [/\p{Script=Devanagari}/gu, 'hi'],
  [/\p{Script=Georgian}/gu, 'ka'],
  [/\p{Script=Armenian}/gu, 'hy'],
]

/** How many characters of a long text are looked at: a few hundred words settle it. */
const SAMPLE_CHARS = 6_000
/** Function words the leading language needs before it is stated. */
const MIN_HITS = 8
/** How far it must lead the runner-up. */
const MIN_MARGIN = 1.5

/** The text's language, or undefined when it has too few letters to say. */
export function detectLanguage(text: string): DetectedLanguage | undefined {
  const sample = text.length > SAMPLE_CHARS ? text.slice(0, SAMPLE_CHARS) : text
  const letters = sample.match(/\p{L}/gu)?.length ?? 0
  if (letters < 40) return undefined

  // Japanese mixes kana into Han, so kana first; Han alone is Chinese.
  for (const [script, language] of SCRIPTS) {
    const count = sample.match(script)?.length ?? 0
    if (count / letters > 0.3 || (language === 'ja' && count / letters > 0.05)) return { language, confident: true, margin: Infinity, scores: {} }
  }
  const han = sample.match(/\p{Script=Han}/gu)?.length ?? 0
  if (han / letters > 0.3) return { language: 'zh', confident: true, margin: Infinity, scores: {} }

  const scores = new Map<string, number>()
  for (const word of sample.toLowerCase().match(/[\p{L}']+/gu) ?? []) {
    for (const language of LANGUAGES_OF_WORD.get(word) ?? []) scores.set(language, (scores.get(language) ?? 0) + 1)
  }
  const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1])
  const [best, runnerUp] = ranked
  if (!best) return undefined
  const margin = best[1] / Math.max(1, runnerUp?.[1] ?? 0)
  return { language: best[0], confident: best[1] >= MIN_HITS && margin >= MIN_MARGIN, margin, scores: Object.fromEntries(ranked) }
}
