// Page chrome that occupies a line of its own: rating and share widgets with their vote counts, "follow
// us" and newsletter prompts, language-switch links, "see also" / "read more" links, typo-report notes,
// donor and editorial disclaimers, tag lists, ads, reading-time and view counters, copyright and
// navigation lines, comment-form boilerplate, wire-service sign-offs, media-player and caption widgets
// ("Image", "Video transcript", "0:00/0:45"), print-edition notes, reprint and subscription rows,
// newsletter pitches and pagination. Each pattern is phrased the
// way many sites phrase the widget, and most only apply to short lines so article sentences that
// merely mention "share" or "follow" survive.
import type { Unit } from './segment.ts'
import { countWords, dominantScript, type Script } from './shape.ts'

interface LineRule {
  /** What the removal note calls it. */
  label: string
  /** Lines with more words than this are article text, whatever they say. */
  maxWords: number
  test: (line: string, context: { articleScript: Script }) => boolean
}

// Sharing and social buttons rendered as words: "Facebook Twitter WhatsApp", "Share | Tweet | Email".
const BUTTON_WORDS = new Set(
  (
    'share shares sharing tweet retweet pin it email e-mail mail print copy link url facebook twitter x linkedin ' +
    'whatsapp telegram viber vk vkontakte ok odnoklassniki reddit pinterest messenger instagram youtube tiktok ' +
    'threads bluesky mastodon flipboard pocket rss google+ google line wechat weibo save bookmark'
  ).split(' '),
)

// Words that join button names in a row: "Share on Facebook | Tweet | Email".
const BUTTON_FILLERS = new Set(['on', 'via', 'to', 'with', 'by', 'and', 'or'])

function isButtonRow(line: string): boolean {
  const tokens = line
    .toLowerCase()
    .split(/[\s|/·•,;:()\[\]]+/u)
    .filter((token) => token.length > 0)
  const isCount = (token: string) => /^\d+$/u.test(token)
  return (
    tokens.every((token) => BUTTON_WORDS.has(token) || BUTTON_FILLERS.has(token) || isCount(token)) &&
    tokens.some((token) => BUTTON_WORDS.has(token))
  )
}

const LANGUAGE_NAMES =
  'english|russian|french|german|spanish|arabic|chinese|turkish|persian|farsi|kazakh|uzbek|kyrgyz|tajik|turkmen|ukrainian|' +
  'русский|русском|английском|english version|қазақша|кыргызча|o[‘’\']zbekcha|ўзбекча|тоҷикӣ|türkmençe|українська|deutsch|français|español'

const RULES: LineRule[] = [
  // "Rate this article", "Please rate this story", "Rating: 4.5", "(votes: 1, rating: 5)", "(1 vote)",
  // "12 votes", "4.5 out of 5", "Was this article helpful?", "Click on a star to rate it!"
  {
    label: 'rating widget',
    maxWords: 12,
    test: (line) =>
      /^(?:please\s+)?rate\s+(?:this|the|our)\s+(?:article|story|post|page|material|news|publication)\b/iu.test(line) ||
      /^\(?\s*(?:your|article|average|user|reader)?\s*(?:rating|votes?|score)\s*[:：]\s*\d/iu.test(line) ||
      /^\(?\s*\d+\s+(?:votes?|ratings?)\s*\)?$/iu.test(line) ||
      /^\(?\s*\d+(?:[.,]\d+)?\s*(?:\/|out of)\s*(?:5|10)\b.*\)?$/iu.test(line) ||
      /^(?:was|is) this (?:article|story|page|post|information) (?:helpful|useful|interesting)\b/iu.test(line) ||
      /^(?:did you (?:like|enjoy) this (?:article|story|post)|how useful was this (?:post|article))\b/iu.test(line) ||
      /\bclick (?:on )?a star to rate\b/iu.test(line) ||
      /^(?:likes?|dislikes?|upvotes?|downvotes?)\s*[:(]?\s*\d*\)?$/iu.test(line),
  },
  // "Share this article", "Share on Facebook", "Share:", and rows of button names.
  {
    label: 'share widget',
    maxWords: 12,
    test: (line) =>
      /^share(?:\s+(?:this|the))?(?:\s+(?:article|story|post|page|link|news|material))?(?:\s+(?:on|via|with|to)\s+[\p{L}\s+,&]+)?\s*[:：!]?$/iu.test(line) ||
      isButtonRow(line),
  },
  // "Follow us on LinkedIn", "Subscribe to our Telegram channel", "Join us on Facebook",
  // "Sign up for our newsletter", "Get the latest news delivered to your inbox".
  {
    label: 'follow or subscribe prompt',
    maxWords: 16,
    test: (line) =>
      /^(?:follow|like|find|join|connect with|watch|listen to|subscribe to|read)\s+us\b/iu.test(line) ||
      /^(?:follow|subscribe to|join|read)\s+(?:our|the)\s+(?:[\p{L}-]+\s+){0,3}(?:channel|page|account|newsletter|feed|podcast|group)\b/iu.test(line) ||
      /^(?:subscribe|sign up|register)\s+(?:to|for)\s+(?:our|the|a)\s+(?:[\p{L}-]+\s+){0,3}(?:newsletter|channel|digest|mailing list|updates|podcast)\b/iu.test(line) ||
      /^(?:subscribe|sign up)(?:\s+now|\s+today)?\s*[!.]?$/iu.test(line) ||
      /\b(?:delivered|straight) to your inbox\b/iu.test(line) ||
      /^follow\b.{0,60}\bon\s+(?:facebook|twitter|instagram|youtube|tiktok|linkedin|telegram|x)\b/iu.test(line) ||
      /\bshare (?:it|this(?: story| article)?) with (?:a friend|friends|your friends)\b/iu.test(line),
  },
  // Newsletter and subscription pitches, in the words sites use: "Sign up to the Quartz Africa Weekly
  // Brief here for news … in your inbox", "Want more updates from Sam? Sign up for his newsletter",
  // "Join the Ars Orbital Transmission mailing list to get weekly updates", "Get top stories … emailed to
  // me each day", "Subscribe now Free for 30 days", "Cet article est paru dans notre newsletter …
  // vous pouvez vous inscrire", "Click here to get the Fox News app", "Download CNN MoneyStream".
  {
    label: 'newsletter or subscription pitch',
    maxWords: 60,
    test: (line) =>
      /(?:^|[.?!]\s+)(?:sign up|subscribe|join|register|inscrivez-vous|abonnez-vous|iscriviti|suscr[ií]bete|abonnieren)(?![\p{L}]).{0,120}\b(?:newsletters?|mailing list|briefing|brief|digest|bulletin|inbox|alerts|updates)(?![\p{L}])/iu.test(line) ||
      /(?:^|[.?!]\s+)(?:get|receive)\b.{0,120}\b(?:newsletters?|(?:in|to) your inbox)(?![\p{L}])/iu.test(line) ||
      /\b(?:newsletters?|mailing list)(?![\p{L}]).{0,160}\b(?:sign(?: me)? up|subscribe)\s+(?:here|now|today|for free)\b/iu.test(line) ||
      /\b(?:newsletters?|mailing list)(?![\p{L}]).{0,160}(?:inscrivez-vous|abonnez-vous|vous (?:pouvez|pourrez) vous inscrire|iscriviti|suscr[ií]bete|abonnieren sie|melden sie sich)/iu.test(line) ||
      /\b(?:our|notre|nos|unsere[nmr]?|nuestro|nuestra|la nostra|il nostro)\s+(?:free\s+|daily\s+|weekly\s+|kostenlosen\s+)?(?:newsletters?|bulletin|boletín)(?![\p{L}])/iu.test(line) ||
      /\b(?:emailed|sent|delivered) (?:straight |directly )?to (?:me|you|your inbox)\b/iu.test(line) ||
      /^subscribe\b.{0,80}$/iu.test(line) ||
      (/(?:^|[.?!]\s+)subscribe (?:to|now)\b/iu.test(line) && countWords(line) <= 40) ||
      /^click here\b/iu.test(line) ||
      /\b(?:download|get|install) (?:the |our )?(?:[\p{L}]+\s){0,3}app\b/iu.test(line) && countWords(line) <= 16 ||
      /^get (?:up-to-the-minute |the latest |breaking |real-time )?(?:updates|news alerts|alerts)\b/iu.test(line) ||
      /^(?:listen|watch) (?:to )?[\p{L} ]{1,30} live\b/iu.test(line),
  },
  // Media players and caption widgets rendered as words: a lone "Image" or "Photo" heading, "Video
  // transcript", "0:00/0:45", "-0:00 transcript", "Slideshow ( 3 images )", "Tweet may have been deleted".
  {
    label: 'media widget',
    maxWords: 10,
    test: (line) =>
      /^(?:image|images|photo|photos|picture|video|videos|audio|gallery|graphic|chart|slideshow|interactive|map|embed|play|play video|watch video|watch|listen|transcript|video transcript|audio transcript|hide caption|toggle caption|image caption|enlarge this image|expand|close|loading|advertisement)\W*$/iu.test(line) ||
      /^-?\d{1,2}:\d{2}(?:\s*\/\s*\d{1,2}:\d{2})?(?:\s+(?:transcript|video|audio))?\W*$/iu.test(line) ||
      /^(?:slideshow|gallery|photo gallery)\s*\(?\s*\d+\s*(?:images|photos|pictures)\s*\)?$/iu.test(line) ||
      /^(?:tweet|post|video|content|image) (?:may have been|has been|was) (?:deleted|removed)\b/iu.test(line) ||
      /^media playback is (?:unsupported|not supported)\b/iu.test(line) ||
      /\(opens in a new (?:tab|window)\)$/iu.test(line),
  },
  // Print-edition notes: "A version of this article appears in print on Sept. 20, 2016, on Page A1 of the
  // New York edition", "This article appears in the September 5, 2016 issue of New York Magazine".
  {
    label: 'print edition note',
    maxWords: 60,
    test: (line) =>
      /^\W{0,2}a version of this (?:article|story|review|column|essay|interview|report|piece) (?:appears|appeared|was published|ran) in print\b/iu.test(line) ||
      /^\W{0,2}this (?:article|story|review|column|essay|piece) (?:appears|appeared|was published) in the\b.{0,80}\b(?:issue|edition)\b/iu.test(line),
  },
  // Rows of page actions: "Order Reprints | Today's Paper | Subscribe", "Share | Print | Comments".
  {
    label: 'page action row',
    maxWords: 16,
    test: (line) => isActionRow(line),
  },
  // Pagination: "Page: 1 2 3 Next →", "Page 1 of 3", "Next page".
  {
    label: 'pagination',
    maxWords: 16,
    test: (line) =>
      /^(?:pages?\s*[:：]?\s*)?(?:[«‹←<]\s*(?:prev(?:ious)?)?\s*)?\d{1,3}(?:\s+\d{1,3})+\s*(?:next|previous|prev|›|»|→|>)?\W*$/iu.test(line) ||
      /^page \d+ of \d+$/iu.test(line) ||
      /^(?:next|previous) page\W*$/iu.test(line),
  },
  // "Читать на русском", "Read in English", "Also available in: Русский", "English version",
  // and a short line in another script than the article's (a link to the other-language edition).
  {
    label: 'language switch',
    maxWords: 6,
    test: (line, { articleScript }) =>
      /^(?:read(?: this)?(?: article| story)? in|also available in|available in|this (?:article|story) is (?:also )?available in|switch to|читать на|читайте на|версия на)\b/iu.test(line) ||
      new RegExp(`^(?:(?:${LANGUAGE_NAMES})(?:\\s+(?:version|edition|версия))?\\s*[|/·•]?\\s*)+$`, 'iu').test(line) ||
      /^(?:на русском|по-русски|in english|на английском)\b/iu.test(line) ||
      // a link to the other-language edition is a few words in the other script
      (countWords(line) <= 4 && articleScript !== 'none' && dominantScript(line) !== 'none' && dominantScript(line) !== articleScript),
  },
  // "See also: …", "Read more: …", "Related: …", "Also read - …", "Read next: …", and bare "Read more".
  {
    label: 'related link',
    maxWords: 30,
    test: (line) =>
      /^(?:see also|read also|also read|read more|related|related (?:article|articles|stories|story|news|coverage|content|reading)|further reading|more on (?:this|the) (?:topic|subject|story)|you may also like|you might also like|don['’]t miss|must read|read next|next article|previous article)\s*[:：»>|–—-]\s*\S/iu.test(line) ||
      // weaker words only with a colon and a title after it: "More: …", "Watch: …", "Next: …"
      /^(?:more|next|previous|read|watch|listen|recommended)\s*[:：]\s*["“‘]?\p{Lu}/u.test(line) ||
      /^(?:read more|continue reading|read the full (?:story|article)|full story|show more|load more)\W*$/iu.test(line) ||
      // "RELATED PHOTOS: …", "SEE ALSO: …", "For more, read: …", "Read more from Jane Doe:"
      /^(?:related|see also|also see|more)(?:\s+\p{L}+){0,2}\s*[:：]\s*\S/iu.test(line) ||
      /^for more(?: on [^:]{1,40})?,?\s*(?:read|see|watch|visit|go to)\s*[:：]/iu.test(line) ||
      /^(?:read|see) more (?:from|by) [\p{L} .'’-]{2,40}[:：]?$/iu.test(line),
  },
  // "If you have found a spelling error, please notify us by selecting that text and pressing Ctrl+Enter",
  // "Found a typo? Highlight it and press Ctrl+Enter", "Report an error".
  {
    label: 'error-report note',
    maxWords: 40,
    test: (line) =>
      /\bctrl\s*\+\s*enter\b/iu.test(line) ||
      (/\b(?:spelling|typo|typos|misprint|mistake|error|inaccuracy)\b/iu.test(line) &&
        /\b(?:notify|let us know|report|select|highlight|press|tell us|contact us)\b/iu.test(line) &&
        /^(?:if you (?:have )?(?:found|find|notice|noticed|spot|spotted|see)|found|noticed?|spotted|see|report)\b/iu.test(line)) ||
      /^report (?:an? )?(?:error|typo|mistake)$/iu.test(line),
  },
  // Donor and editorial disclaimers: "This article was prepared as part of … Project implemented with the
  // financial support of … The opinions expressed in the article do not reflect the position of …",
  // "The views expressed are the author's own", "Its contents are the sole responsibility of …".
  {
    label: 'disclaimer',
    maxWords: 90,
    test: (line) =>
      /\b(?:opinions?|views?|content|statements?)\s+(?:expressed|presented|stated)\b.{0,120}?\b(?:do(?:es)?\s+not|don['’]t|are not|is not)\s+(?:necessarily\s+)?(?:reflect|represent|express|coincide)/iu.test(line) ||
      /\b(?:opinions?|views?)\s+expressed\b.{0,80}?\b(?:are|is)\s+(?:solely\s+)?(?:the\s+)?(?:author|writer)['’]?s?\b/iu.test(line) ||
      /\bsole responsibility of\b/iu.test(line) ||
      /^(?:this\s+(?:article|publication|material|story|piece|text|content|video|podcast|series)|the\s+(?:article|publication|material))\s+(?:was|is|has been)\s+(?:prepared|produced|published|written|created|made possible|supported|funded|developed|realized|implemented)\b.{0,200}?\b(?:support|funding|funded|grant|sponsored|donor|project|programme|program|initiative|partnership)\b/iu.test(line),
  },
  // "Tags: Tajikistan, Russia", "Topics: …", "Filed under: …", "Categories: …".
  {
    label: 'tag list',
    maxWords: 40,
    test: (line) => /^(?:tags?|topics?|keywords?|filed under|categories|category|posted in|themes?)\s*[:：]/iu.test(line),
  },
  // Ad slots and sponsored labels: "Advertisement", "Story continues below advertisement".
  {
    label: 'advertisement slot',
    maxWords: 8,
    test: (line) =>
      /^(?:advertisement|advertising|sponsored(?: content)?|ad|ads|promoted|partner content|story continues below(?: this)? (?:advertisement|ad)|scroll to continue(?: with content)?|continue reading (?:the|this) (?:main )?(?:story|article) below)\W*$/iu.test(line),
  },
  // Reading aids and counters: "5 min read", "Reading time: 4 minutes", "Listen to this article",
  // "Views: 1,204", "1,204 views", "Print this article", "Download PDF", "Font size".
  {
    label: 'reading widget or counter',
    maxWords: 10,
    test: (line) =>
      /^(?:\d+\s*(?:min|mins|minutes?)\s+read|reading time\s*[:：].*|estimated reading time.*|listen to (?:this )?(?:article|story|the article).*|download (?:as )?pdf.*|print (?:this )?(?:article|page|story|version)|printer[- ]friendly(?: version)?|font size.*|text size.*|a\+?\s*a-?)$/iu.test(line) ||
      /^(?:views?|reads?|просмотров|просмотры)\s*[:：]?\s*\d[\d,. ]*$/iu.test(line) ||
      /^\d[\d,. ]*\s+(?:views|reads|shares)$/iu.test(line),
  },
  // Copyright and site navigation: "© 2024 CABAR.asia. All rights reserved", "Privacy Policy",
  // "Home > News > Politics", "Back to top", "Skip to content".
  {
    label: 'site navigation or copyright',
    maxWords: 25,
    test: (line) =>
      /^(?:©|ⓒ|\(c\)\s*\d{4}|copyright\b)/iu.test(line) ||
      // "All rights reserved" as sites write it in their languages; "무단전재 및 재배포금지" (no reprinting)
      /\b(?:all rights reserved|tous droits réservés|alle rechte vorbehalten|todos los derechos reservados|todos os direitos reservados|tutti i diritti riservati|alle rechten voorbehouden|все права защищены)/iu.test(line) ||
      /(?:무단\s*전재|무단전재|無断転載|禁止转载)/u.test(line) ||
      /(?:^|\s)[©ⓒ]\s*(?:\d{4}|[\p{L}'‘’"“])/u.test(line) ||
      /^(?:privacy(?: policy)?|terms (?:of|and) (?:use|service|conditions)|cookie (?:policy|settings|preferences)|contact(?: us)?|about(?: us)?|advertise(?: with us)?|sitemap|site map|back to top|skip to (?:main )?content|log ?in|sign ?in|log ?out|sign ?up|register|menu|search|home|newsletter|subscribe|donate|support us|imprint|impressum|rss(?: feed)?)\W*$/iu.test(line) ||
      /^home\s*[>/»|›]/iu.test(line),
  },
  // Comment-form boilerplate wherever it sits: "Your email address will not be published. Required
  // fields are marked *", "You must be logged in to post a comment", "Cancel reply".
  {
    label: 'comment form',
    maxWords: 30,
    test: (line) =>
      /\byour email address will not be published\b/iu.test(line) ||
      /\brequired fields are marked\b/iu.test(line) ||
      /\byou must be (?:logged in|registered|signed in) to (?:post|leave) a comment\b/iu.test(line) ||
      /\bsave my name, email\b/iu.test(line) ||
      /^(?:cancel reply|post comment|submit comment|reply|name\s*\*|email\s*\*|website|comments are closed\.?)$/iu.test(line) ||
      // moderation notes: "Comments … will not be approved by the moderator", in the site's language
      /\b(?:comments?|comentários|comentarios|commentaires|kommentare|commenti)\b.{0,140}\b(?:moderat\w*|approved|aprovad\w*|aprobad\w*|publiés|freigeschaltet|approvat\w*)/iu.test(line),
  },
  // Affiliate disclosures: "We are a participant in the Amazon Services LLC Associates Program, an
  // affiliate advertising program…", "Things you buy through our links may earn us a commission".
  {
    label: 'affiliate disclosure',
    maxWords: 60,
    test: (line) =>
      /\b(?:affiliate|associates) (?:advertising |marketing )?(?:program|programme|links?|partnerships?)\b/iu.test(line) ||
      /\b(?:may|might|could) earn (?:us )?(?:a )?(?:small )?(?:commission|fees?)\b/iu.test(line) ||
      /\bthrough (?:our|these|the) (?:affiliate )?links\b.{0,60}\bcommission\b/iu.test(line),
  },
]

// Page actions a row of links offers.
const ACTION_WORDS =
  /^(?:order reprints?|reprints?(?: & permissions| and permissions)?|today['’]s paper|subscribe|subscriptions?|sign in|log ?in|sign up|register|share|print|e-?mail|comments?|\d+ comments?|newsletters?|follow|save|save story|gift(?: this)? article|give this article|home|menu|search|donate|permalink|link copied|copy link|listen|read later)$/iu

/** A row of short links separated by "|" (or "·"), one of which is a page action, none of which is a figure. */
function isActionRow(line: string): boolean {
  const segments = line.split(/\s*[|·•]\s*/u).filter(Boolean)
  if (segments.length < 2) return false
  if (segments.some((segment) => countWords(segment) > 4 || /[.!?:]$/u.test(segment))) return false
  return segments.some((segment) => ACTION_WORDS.test(segment)) && !segments.some((segment) => /^\d+(?:[.,]\d+)?$/u.test(segment))
}

// A reading-time note run into a byline: "By Zach Hanlon 5 minute Read".
const TRAILING_READING_TIME = /\s*\b\d+\s*(?:min|mins|minute|minutes)\s+read\W*$/iu

/** Removes every unit that a line rule recognises as chrome, noting each removal. */
export function removeChromeLines(units: Unit[], removed: string[]): Unit[] {
  const articleScript = dominantScript(units.map((unit) => unit.text).join(' '))
  const kept: Unit[] = []
  for (let unit of units) {
    const withoutReadingTime = unit.text.replace(TRAILING_READING_TIME, '')
    if (withoutReadingTime !== unit.text && withoutReadingTime.trim() !== '' && countWords(unit.text) <= 16) {
      removed.push(`removed reading time from: ${unit.text}`)
      unit = { ...unit, text: withoutReadingTime.trim() }
    }
    const words = countWords(unit.text)
    // a rule reads the line as shown, without the list marker a scraper put before it
    const line = unit.text.replace(/^(?:[-•*▪►]|\d{1,2}[.)])\s+/u, '')
    const rule = RULES.find((candidate) => words <= candidate.maxWords && candidate.test(line, { articleScript }))
    if (rule) removed.push(`removed ${rule.label}: ${unit.text}`)
    else kept.push(unit)
  }
  return kept
}

// Wire copy signs off with the agency's name on a line of its own: "Reuter", "(AP)", "AFP".
const WIRE_SIGNOFF = /^\(?(?:reuters?|ap|afp|associated press|xinhua|tass|ria novosti|interfax|bloomberg|upi|dpa|efe|anadolu)\)?\W*$/iu

/** Removes a wire-service sign-off at the end of the body. */
export function removeWireSignoff(units: Unit[], removed: string[]): Unit[] {
  const last = units.at(-1)
  if (last && WIRE_SIGNOFF.test(last.text)) {
    removed.push(`removed wire sign-off: ${last.text}`)
    return units.slice(0, -1)
  }
  return units
}

/**
 * Removes a site footer at the end of the body: a run of very short lines without figures or
 * punctuation, at least two of which share their first word ("For business / For researchers / For
 * students", "About us / About the project / Privacy Policy"). Runs before the line rules, so lines
 * those would remove still count towards the run.
 */
export function removeTrailingFooter(units: Unit[], removed: string[]): Unit[] {
  let start = units.length
  while (start > 0) {
    const text = units[start - 1]!.text
    // navigation links are words; short lines with figures are table rows
    if (countWords(text) > 4 || /[.!?:,;]$/u.test(text) || /\d/u.test(text)) break
    start--
  }
  const run = units.slice(start)
  if (run.length < 2) return units
  const firstWords = run.map((unit) => unit.text.split(/\s+/)[0]!.toLowerCase())
  if (new Set(firstWords).size === firstWords.length) return units
  for (const unit of run) removed.push(`removed site footer link: ${unit.text}`)
  return units.slice(0, start)
}

// ---------------------------------------------------------------------------------------------
// Date stamps

const MONTH = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?'
// One piece of a written date, time or stamp label.
const STAMP_TOKEN = new RegExp(
  '^(?:' +
    [
      `(?:${MONTH})\\.?`,
      '(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday)?\\.?',
      '\\d{1,4}(?:st|nd|rd|th)?',
      '\\d{1,2}[:.h]\\d{2}(?::\\d{2})?(?:[ap]\\.?m\\.?)?',
      '\\d{1,4}[./-]\\d{1,2}[./-]\\d{1,4}',
      '[ap]\\.?m\\.?',
      '(?:et|ct|mt|pt|[ecmp][sd]t|gmt|utc|bst|cet|cest|ist|msk|aest|aedt|jst|kst|hkt|sgt|z)',
      'at|on|of|the|first|last|published|updated|posted|modified|created',
    ].join('|') +
    ')$',
  'iu',
)
const STAMP_LABEL = /\b(?:first published|last updated|published|updated|posted|modified)\b/iu

/**
 * Whether the line is only a date stamp: "22 Dec, 2016 22 Dec, 2016", "First published November 29, 2016:
 * 3:33 AM ET", "Published 10:02 AM EST Nov 19, 2019", "Dec. 13, 2016, 12:31 PM UTC / Updated Dec. 13,
 * 2016, 6:06 PM UTC", also after a short source and place ("CNNMoney (New York) First published …").
 */
export function isDateStamp(line: string): boolean {
  const text = line.trim()
  if (onlyDateTokens(text)) return true
  // a short source and place before the label: "CNNMoney (New York) First published …"
  const label = STAMP_LABEL.exec(text)
  if (!label || label.index === 0) return false
  const prefix = text.slice(0, label.index)
  return countWords(prefix) <= 4 && !/[.!?]\s/u.test(prefix) && onlyDateTokens(text.slice(label.index))
}

/** Whether the text is made of date, time and stamp-label words only, and names a day of a year. */
function onlyDateTokens(text: string): boolean {
  const tokens = text.split(/[\s,|•·/–—:;()-]+/u).filter(Boolean)
  if (tokens.length === 0 || tokens.length > 30 || !tokens.every((token) => STAMP_TOKEN.test(token))) return false
  const hasYear = /\b\d{4}\b/u.test(text)
  const hasDay =
    new RegExp(`(?:\\b\\d{1,2}(?:st|nd|rd|th)?,?\\s+(?:${MONTH})\\b|\\b(?:${MONTH})\\.?\\s+\\d{1,2}\\b)`, 'iu').test(text) ||
    /\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b/u.test(text)
  return hasYear && hasDay
}

/**
 * Removes date stamps wherever they stand. Runs after the bylines are read, so a "Published: <date>"
 * line near the top has already given the article its date.
 */
export function removeDateStamps(units: Unit[], removed: string[]): Unit[] {
  return units.filter((unit) => {
    if (!isDateStamp(unit.text)) return true
    removed.push(`removed date stamp: ${unit.text}`)
    return false
  })
}
