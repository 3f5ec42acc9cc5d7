import { describe, expect, it } from 'vitest'
import { findPeopleInArticle } from '../../../src/enrich/people/index.ts'
import { addAliases, emptyAliases } from '../../../src/enrich/people/aliases.ts'

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
