import { describe, expect, it } from 'vitest'
import { findPeopleInArticle as findPeopleWithStats } from '../../../src/enrich/people/index.ts'
import { addAliases, emptyAliases } from '../../../src/enrich/people/aliases.ts'

/** The raw names per passage, which most of these tests are about. */
const findPeopleInArticle = (...args: Parameters<typeof findPeopleWithStats>) => findPeopleWithStats(...args).passages

describe('findPeopleInArticle', () => {
  it('lists a person named in a passage once under the full name', () => {
    const people = findPeopleInArticle(['Vladimir Putin met reporters. Vladimir Putin said little.'])
    expect(people).toEqual([['Vladimir Putin']])
  })

  it('keeps one list per passage, in passage order', () => {
    const people = findPeopleInArticle(['Angela Merkel arrived on Monday.', 'Nothing happened.', 'Merkel left.'])
    expect(people).toEqual([['Angela Merkel'], [], ['Angela Merkel']])
  })

  it('resolves a later surname-only mention to the full name given earlier', () => {
    const people = findPeopleInArticle([
      'Independent analyst Muslimbek Buriev believes it is too early to speak about a transition.',
      'According to Buriev, the migration policy is controversial.',
    ])
    expect(people[1]).toEqual(['Muslimbek Buriev'])
  })

  it('resolves a surname-only mention to a full name given only later in the article', () => {
    const people = findPeopleInArticle(['Rahmon spoke first.', 'President Emomali Rahmon then left for Moscow.'])
    expect(people[0]).toEqual(['Emomali Rahmon'])
  })

  it('resolves a first-name-only mention to the full name given in the article', () => {
    const people = findPeopleInArticle([
      'His son, Rustam Emomali, heads the anti-corruption body.',
      'Putin avoided any personal meetings with Rustam.',
    ])
    expect(people[1]).toContain('Rustam Emomali')
  })

  it('prefers the person whose surname matches over one whose first name matches', () => {
    const people = findPeopleInArticle([
      'President Emomali Rahmon met the former president Rahmon Nabiev once.',
      'Rahmon said nothing.',
    ])
    expect(people[1]).toEqual(['Emomali Rahmon'])
  })

  it('strips titles in front of a name', () => {
    const people = findPeopleInArticle(['Russian President Vladimir Putin arrived. Prime Minister Costas Simitis called elections.'])
    expect(people[0]).toEqual(['Vladimir Putin', 'Costas Simitis'])
  })

  it('keeps a religious title before a lone given name: "Mother Teresa"', () => {
    expect(findPeopleInArticle(['Mother Teresa was born in Skopje.', 'In 1949 Teresa founded an order.'])).toEqual([['Mother Teresa'], ['Mother Teresa']])
  })

  it('strips possessive endings, curly or straight', () => {
    const people = findPeopleInArticle(["President Emomali Rahmon’s sharp remarks and Vladimir Putin's visit."])
    expect(people[0]).toEqual(['Emomali Rahmon', 'Vladimir Putin'])
  })

  it('resolves a one-letter misspelling of a surname in the same article', () => {
    const people = findPeopleInArticle(['Tajik President Emomali Rahmon spoke.', 'The amendments cemented Rakhmon’s grip on power.'])
    expect(people[1]).toEqual(['Emomali Rahmon'])
  })

  it('does not resolve a word after an article to a person: "the West" is not Thomas West', () => {
    const people = findPeopleInArticle(['Special Representative for Afghanistan Thomas West visited.', 'Tajikistan fears the West’s sanctions.'])
    expect(people).toEqual([['Thomas West'], []])
  })

  it('uses the title to resolve short mentions without listing the title’s people itself', () => {
    const people = findPeopleInArticle(['Rahmon welcomed the guest.'], { title: 'President Emomali Rahmon Meets Guests' })
    expect(people).toEqual([['Emomali Rahmon']])
  })

  it('finds names with initials and particles', () => {
    const people = findPeopleInArticle(['The Commission’s chief spokesman Nikolaus van der Pas told a briefing.', 'M. Atherton b Waqar Younis 31'])
    expect(people[0]).toEqual(['Nikolaus van der Pas'])
    expect(people[1]).toEqual(['M. Atherton', 'Waqar Younis'])
  })

  it('keeps particles inside a name: "Mohammed bin Salman", "Osama bin Laden"', () => {
    expect(findPeopleInArticle(['He met Crown Prince Mohammed bin Salman.', 'Osama bin Laden was killed.'])).toEqual([['Mohammed bin Salman'], ['Osama bin Laden']])
  })

  it('finds every name in a list beside a recognised person', () => {
    const people = findPeopleInArticle(['Pakistan: Aamir Sohail, Saeed Anwar, Ijaz Ahmed, Salim Malik.'])
    expect(people[0]).toEqual(['Aamir Sohail', 'Saeed Anwar', 'Ijaz Ahmed', 'Salim Malik'])
  })

  it('takes a capitalised word in an all-capitals headline only when the article names that person', () => {
    const people = findPeopleInArticle(['CRICKET - LARA ENDURES ANOTHER MISERABLE DAY.', 'West Indies captain Brian Lara was out for 12.'])
    expect(people[0]).toEqual(['Brian Lara'])
    expect(findPeopleInArticle(['SOCCER - JAPAN GET LUCKY WIN.'])).toEqual([[]])
  })
})

describe('findPeopleInArticle: what is not a person', () => {
  const none = (text: string) => expect(findPeopleInArticle([text]).flat()).toEqual([])

  it('skips places, countries and nationalities', () => {
    none('Dushanbe and Moscow reaffirmed ties as Tajikistan, Russia and Kazakhstan met in Central Asia.')
    none('The Sri Lankans and the Tajiks said they would join the Uzbeks in Europe.')
  })

  it('skips organisations, parties and ministries', () => {
    none('Manchester United beat the Party of Islamic Renaissance and the Ministry of Internal Affairs.')
    none('The World Bank said the Central Bank of the Russian Federation would help.')
  })

  it('skips buildings and venues', () => {
    none('After the attack at Crocus City Hall, the leaders moved to Iram Garden from Dusti Square.')
  })

  it('skips works of art', () => {
    none('He gave him a painting titled “Tajik Friends,” and a book.')
  })

  it('skips honorific titles', () => {
    none('He is the “Founder of Peace and National Unity,” the “Leader of the Nation,” and “His Excellency.”')
  })

  it('skips page chrome and words that open a sentence', () => {
    none('Share this article')
    none('Rate this article. Photo: kremlin.ru. He said the Kremlin believes it.')
  })

  it('skips compound adjectives built on place names', () => {
    expect(findPeopleInArticle(['Moscow-based Central Asia expert Daniil Kislov spoke.', 'Hong Kong-listed Unicom rose.'])).toEqual([['Daniil Kislov'], []])
  })

  it('skips news agencies and outlets quoted as sources', () => {
    none('Interfax said the talks would resume.')
    none('Eurasianet said the talks failed.')
  })

  it('skips a company the article names with a company word elsewhere', () => {
    const people = findPeopleInArticle(['Comdata Network Inc agreed to the offer.', 'Comdata said the board approved it.'])
    expect(people.flat()).toEqual([])
  })
})

describe('findPeopleInArticle with aliases', () => {
  it('maps a variant to the canonical name the aliases file gives', () => {
    const aliases = addAliases(emptyAliases(), { people: { 'Emomali Rahmon': ['Emomalii Rahmon'] } }, 'test')
    const people = findPeopleInArticle(['President Emomalii Rahmon spoke.'], { aliases })
    expect(people[0]).toEqual(['Emomali Rahmon'])
  })

  it('drops a name the aliases file lists as not a person', () => {
    const aliases = addAliases(emptyAliases(), { notPeople: ['Vladimir Putin'] }, 'test')
    expect(findPeopleInArticle(['Vladimir Putin said so.'], { aliases })).toEqual([[]])
  })

  it('recognises a name the aliases file declares even without other evidence', () => {
    const aliases = addAliases(emptyAliases(), { people: { 'Qwerty Zxcvb': [] } }, 'test')
    expect(findPeopleInArticle(['Then Qwerty Zxcvb arrived.'], { aliases })).toEqual([['Qwerty Zxcvb']])
  })
})

describe('findPeopleInArticle: initials, firms, amounts and credits on real news', () => {
  const none = (...texts: string[]) => expect(findPeopleInArticle(texts).flat()).toEqual([])

  it('lists no bare initial after a given name or before an ordinary word: "Carl C.", "K. Everyone"', () => {
    none('J.P. Morgan and Co said Peter F.', 'Oroleum took Marika P. part cargo.')
    none('Google, Microsoft, Apple: K. Everyone wants a piece. S. That is the plan.')
  })

  it('keeps the name an adjective compound is built on: "Carl C. Icahn-led TWA"', () => {
    expect(findPeopleInArticle(['The unsolicited bid by the Carl C. Icahn-led TWA was conditional.'])).toEqual([['Carl C. Icahn']])
  })

  it('resolves the opening words of a longer name in the same article to it', () => {
    const people = findPeopleInArticle(['Te Kaurinui Robert Parata said the land was returned.', 'Te Kaurinui Robert spoke first.', 'Te Kaurinui later said more.'])
    expect(people).toEqual([['Te Kaurinui Robert Parata'], ['Te Kaurinui Robert Parata'], ['Te Kaurinui Robert Parata']])
  })

  it('starts a name after a title phrase at its given name: "the Exchequer Nigel Lawson"', () => {
    expect(findPeopleInArticle(['He met Chancellor of the Exchequer Nigel Lawson on Friday.'])).toEqual([['Nigel Lawson']])
  })

  it('takes an occupation word between a title and a surname as a given name: "President Barber Conable"', () => {
    expect(findPeopleInArticle(['World Bank President Barber Conable said he was confident.'])).toEqual([['Barber Conable']])
  })

  it('skips firms written with a legal form, "and Co", a ticker or a firm noun', () => {
    none('Eli Lilly and Co said it obtained approval.', 'Salomon Brothers Inc raised its estimate.')
    none('The drug is marketed by Eli Lilly Co <LLY> as Keflex.')
    none('Underwriters are led by Goldman, Sachs and Co.', 'The Amsterdam unit of French bank Societe Generale said it is launching a fund.')
  })

  it('skips a firm named as someone’s employer or as a bond issue’s manager', () => {
    expect(findPeopleInArticle(['Analyst Alan Gottesman of L.F. Rothschild said the deal was done.'])).toEqual([['Alan Gottesman']])
    none('"We expect more," said an economist at Merrill Lynch.')
    none('The notes were priced at par, said lead manager Kidder Peabody.')
  })

  it('skips a firm named as owned or as another firm’s unit, by its other name, or by a name run on to its legal form', () => {
    none('David Jones, owned 49.2 pct by Adsteam, earned more.', 'Hongkong Electric, a unit of Hutchison, said so.')
    none('The notes are secured by Federal Home Loan Mortgage Corp, Freddie Mac, certificates.')
    none('Hiram Walker-Gooderham and Worts Ltd raised its bid.', 'Bank Negara said it took up the issue.')
  })

  it('skips places opened by "Santa", "San" or "Fort", and keeps "Santa" as a given name', () => {
    none('The hotel at Santa Barbara was sold.', 'Fort Worth and San Diego bid for it.')
    expect(findPeopleInArticle(['Santa Puglisi, whose brother was killed, said so.'])).toEqual([['Santa Puglisi']])
  })

  it('counts a cup named after a person as no firm, but keeps it out of the article’s people', () => {
    const { passages, stats } = findPeopleWithStats(['The Davis Cup final starts on Friday.', 'Ford Motor Co said it would build more cars.'])
    expect(passages.flat()).toEqual([])
    expect(stats.Davis).toBeUndefined()
    expect(stats.Ford).toMatchObject({ companyCues: 1 })
  })

  it('resolves a surname of several words to the full name the article gives: "Bra Kanon"', () => {
    expect(findPeopleInArticle(['Agriculture Minister Denis Bra Kanon said so.', 'Bra Kanon added more.'])).toEqual([['Denis Bra Kanon'], ['Denis Bra Kanon']])
  })

  it('skips a name the article’s own organisation list gives', () => {
    expect(findPeopleInArticle(['Anna Karenina Holdings said profits rose.'], { orgHints: ['Anna Karenina'] }).flat()).toEqual([])
  })

  it('skips currencies and units after an amount, and words the article writes in lower case', () => {
    none('Reserves fell to 7.15 billion N.Z. Dlrs in January from 7.20 billion dlrs in December.')
    none('Net profit 853,000 vs loss 22,000\nNine Mths\nNet profit 1.2 mln vs 900,000')
    none('Ay Expd-E 21,044.6 20,433.4')
  })

  it('skips photo credits: "Photo: Jane Doe", "Jane Doe/AFP"', () => {
    none('Protesters gather in Paris. Photo: Thomas Coex/AFP')
    none('The dam at dawn. Thomas Coex / AFP via Getty Images')
  })

  it('keeps a slash between two people: a doubles pair', () => {
    expect(findPeopleInArticle(['3/4 - Marlene Thomsen / Lisbet Stuer-Lauridsen (Denmark) beat']).flat()).toEqual(['Marlene Thomsen', 'Lisbet Stuer-Lauridsen'])
  })

  it('skips where someone works: "a trade professor at Cornell"', () => {
    expect(findPeopleInArticle(['Eswar Prasad, a trade professor at Cornell, said the temper was mercurial.'])).toEqual([['Eswar Prasad']])
  })

  it('strips a compound of plural roles before a name: "Singer-guitarists Tom Johnston"', () => {
    expect(findPeopleInArticle(['Singer-guitarists Tom Johnston and Patrick Simmons will tour.']).flat()).toEqual(['Tom Johnston', 'Patrick Simmons'])
  })

  it('skips contractions, job titles as heads and nationality adjectives: "I’m", "Art Director", "British"', () => {
    none('“I’m proud of it,” he told us.', 'Art Director and designers worked on it.')
    none('China is likely to deploy forces onto the former British colony’s streets.')
  })
})

describe('findPeopleInArticle: given people', () => {
  it('shows a given person under the full name the text gives and lists it where the text names it', () => {
    const people = findPeopleWithStats(['Markets were calm.', 'Treasury Secretary James Baker said the dollar was stable.'], { givenPeople: ['james-baker'] })
    expect(people.passages).toEqual([[], ['James Baker']])
    expect(people.stats['James Baker'].given).toBe(1)
  })

  it('resolves a given surname to the full name the story uses', () => {
    const people = findPeopleWithStats(['President Ronald Reagan said he would veto the bill.', 'Reagan spoke later.'], { givenPeople: ['reagan'] })
    expect(people.passages).toEqual([['Ronald Reagan'], ['Ronald Reagan']])
  })

  it('spells a given person as the text writes it, or capitalises the words when the text never names them', () => {
    const spelled = findPeopleWithStats(['Rates held.', 'The view of Leigh-Pemberton was clear.'], { givenPeople: ['leigh-pemberton'] })
    expect(spelled.passages[1]).toContain('Leigh-Pemberton')
    const unnamed = findPeopleWithStats(['The central bank held rates.', 'Markets were calm.'], { givenPeople: ['perez-de-cuellar'] })
    expect(unnamed.passages).toEqual([['Perez de Cuellar'], []])
  })
})

describe('findPeopleInArticle: stats for the corpus merge', () => {
  it('counts passages, articles and person cues per name', () => {
    const { stats } = findPeopleWithStats(['Treasury Secretary James Baker said so.', 'James Baker, who arrived late, agreed.', 'Nothing else.'])
    expect(stats['James Baker']).toEqual({ passages: 2, articles: 1, personCues: 2, companyCues: 0, given: 0 })
  })

  it('records firm signs for a name even when the article lists no person', () => {
    const { passages, stats } = findPeopleWithStats(['Merrill Lynch and Co said it would expand.'])
    expect(passages).toEqual([[]])
    expect(stats['Merrill Lynch']).toMatchObject({ passages: 0, companyCues: 1 })
  })
})
