import { describe, expect, it } from 'vitest'
import { cleanArticle } from '../../src/ingest/clean/index.ts'
import { detectLanguage } from '../../src/ingest/clean/language.ts'
import { isHardWrapped } from '../../src/ingest/clean/segment.ts'

const PARAGRAPH =
  'The government announced a new programme of road building in the northern provinces, which officials said would take five years to complete.'
const SECOND =
  'Opposition deputies questioned the cost of the programme and asked where the money would come from, given the state of the budget.'

const texts = (body: string, knownTitle?: string) => cleanArticle(body, { knownTitle }).blocks.map((block) => block.text)

describe('cleanArticle: widgets and site chrome', () => {
  it('removes rating and share widgets with their vote counts', () => {
    const body = `Rate this article\n(votes: 1, rating: 5)\n (1 vote)\nShare this article\n${PARAGRAPH}\nPlease rate this story\nRating: 4.5/5\n12 votes\nShare on Facebook | Tweet | Email\n${SECOND}`
    expect(texts(body)).toEqual([PARAGRAPH, SECOND])
  })

  it('removes follow and newsletter prompts and language-switch links', () => {
    const body = `${PARAGRAPH}\n\nFollow us on [LinkedIn](#)\n\n[Точки На русском](#)\n\nЧитать на русском\n\nRead in English\n\nSubscribe to our Telegram channel\n\n${SECOND}`
    expect(texts(body)).toEqual([PARAGRAPH, SECOND])
  })

  it('removes a site footer of links sharing their first word', () => {
    expect(texts(`${PARAGRAPH}\n${SECOND}\nFor business\nFor researchers\nFor students`)).toEqual([PARAGRAPH, SECOND])
    expect(texts(`${PARAGRAPH}\nAbout us\nAbout the project\nPrivacy Policy`)).toEqual([PARAGRAPH])
  })

  it('removes a poll with its question, options and results', () => {
    const body = `${PARAGRAPH}\nPoll conducted\n  1. What should the government build first?\n    Roads\n     33 (31%)\n    Schools\n     30 (28%)\n    Hospitals\n     44 (41%)\n${SECOND}`
    expect(texts(body)).toEqual([PARAGRAPH, SECOND])
  })

  it('removes a poll that shows percentages and a vote total', () => {
    const body = `${PARAGRAPH}\nQuick poll\nWho should pay for the roads?\nThe state\n58%\nThe regions\n42%\nTotal votes: 211\n${SECOND}`
    expect(texts(body)).toEqual([PARAGRAPH, SECOND])
  })

  it('removes "see also" links and related-article teasers', () => {
    const body = `${PARAGRAPH}\n\nSee also: [Roads and Bridges: A History](#)\n\nRead more - The Budget Explained\n\nGrigory Lukyanov, Nubara Kulieva:\nTurkey’s Policy in Central Asia: Are Ambitions Well-Founded?\n\n${SECOND}`
    expect(texts(body)).toEqual([PARAGRAPH, SECOND])
  })

  it('removes donor disclaimers and typo-report notes', () => {
    const body = [
      PARAGRAPH,
      'This article was prepared as part of the Open Roads Project implemented with the financial support of the Foreign Ministry of Norway. The opinions expressed in the article do not reflect the position of the editorial or donor.',
      'This publication was produced with the financial support of the European Union. Its contents are the sole responsibility of the author.',
      'If you have found a spelling error, please, notify us by selecting that text and pressing *Ctrl+Enter*.',
      'Found a typo? Highlight it and press Ctrl+Enter.',
    ].join('\n\n')
    expect(texts(body)).toEqual([PARAGRAPH])
  })

  it('keeps a news paragraph that reports on funding', () => {
    const funded = 'The project was funded by a World Bank grant and implemented with the support of local authorities, officials said on Monday.'
    expect(texts(`${PARAGRAPH}\n${funded}`)).toEqual([PARAGRAPH, funded])
  })

  it('removes a "Latest news" list of unrelated headlines', () => {
    const body = `${PARAGRAPH}\n${SECOND}\nLatest news\n- Mother Questions Official Account of Conscript’s Death\n- Kcell Receives Certification for Information Security\n- Kazakhstan Marks Independence Day`
    expect(texts(body)).toEqual([PARAGRAPH, SECOND])
  })

  it('removes a reader comment section and the comment form', () => {
    const body = `${PARAGRAPH}\n\n${SECOND}\n\nJoin the Conversation\n\n  1. Thanks for sharing this useful information with us.\n\n  2. Great work, keep it up.\n\nLeave a comment\n\nYour email address will not be published. Required fields are marked *`
    expect(texts(body)).toEqual([PARAGRAPH, SECOND])
  })

  it('removes a wire-service sign-off', () => {
    expect(texts(`${PARAGRAPH}\n${SECOND}\n Reuter`)).toEqual([PARAGRAPH, SECOND])
  })

  it('records each removal in a readable note', () => {
    const { removed } = cleanArticle(`${PARAGRAPH}\n\nPhoto: kremlin.ru\n\n${SECOND}`)
    expect(removed).toContain('removed photo credit: Photo: kremlin.ru')
  })
})

describe('cleanArticle: captions and credits', () => {
  it('removes photo credit lines and named portraits', () => {
    const body = [
      PARAGRAPH,
      'Photo: kremlin.ru',
      'Muslimbek Buriev. Photo: CABAR.asia',
      'Negmatullo Mirsaidov. Photo from personal Facebook page.',
      'Photo by Jane Doe/Reuters',
      'AFP/Getty Images',
      SECOND,
    ].join('\n\n')
    expect(texts(body)).toEqual([PARAGRAPH, SECOND])
  })

  it('keeps the words of a caption that describes something and drops only its credit', () => {
    const caption =
      'Tajik President Emomali Rahmon (left) is seen with his Russian counterpart Vladimir Putin during a meeting at the Kremlin in Moscow. Photo: AFP / Sergey Guneev / Sputnik'
    expect(texts(`${caption}\n\n${PARAGRAPH}`)).toEqual([
      'Tajik President Emomali Rahmon (left) is seen with his Russian counterpart Vladimir Putin during a meeting at the Kremlin in Moscow.',
      PARAGRAPH,
    ])
  })

  it('strips a parenthesised credit from inside a paragraph', () => {
    expect(texts('The Kumtor mine (Photo: Reuters) produced 17 tonnes of gold last year, officials said.')).toEqual([
      'The Kumtor mine produced 17 tonnes of gold last year, officials said.',
    ])
  })

  it('drops a parenthesised credit at the end of a caption and keeps the caption', () => {
    expect(texts(`Miners at work in the open pit in 2021. (Photo by Vladimir Voronin/AP)\n\n${PARAGRAPH}`)).toEqual(['Miners at work in the open pit in 2021.', PARAGRAPH])
  })

  it('keeps sentences that merely mention photos', () => {
    const sentence = 'Photos from the scene show a burning car and a crowd of onlookers gathered at the entrance to the market.'
    expect(texts(`${PARAGRAPH}\n${sentence}`)).toEqual([PARAGRAPH, sentence])
  })
})

describe('cleanArticle: markdown artefacts', () => {
  it('unescapes dollars and strips emphasis and links', () => {
    const body = 'Tajik analyst **Umed Jaihani** said trade reached \\$893 million, according to the [Central Bank](https://example.com/cb) and *official* data.'
    expect(texts(body)).toEqual(['Tajik analyst Umed Jaihani said trade reached $893 million, according to the Central Bank and official data.'])
  })

  it('drops separator lines and images', () => {
    expect(texts(`${PARAGRAPH}\n\n***\n\n![a map](map.png)\n\n${SECOND}`)).toEqual([PARAGRAPH, SECOND])
  })
})

describe('cleanArticle: paragraph repair', () => {
  it('joins a paragraph broken mid-sentence by a blank line', () => {
    const body =
      'In a press statement, Vladimir Putin said: “We welcome the aspiration of Tajikistan to establish closer contacts with the Eurasian\n\nEconomic Union, not only in the economy, but also in other areas”.\n\nThe leader of Tajikistan advocates for a peaceful\n\nsolution to its problems.'
    expect(texts(body)).toEqual([
      'In a press statement, Vladimir Putin said: “We welcome the aspiration of Tajikistan to establish closer contacts with the Eurasian Economic Union, not only in the economy, but also in other areas”.',
      'The leader of Tajikistan advocates for a peaceful solution to its problems.',
    ])
  })

  it('joins a quote with its short attribution line', () => {
    const body = `${PARAGRAPH}\nWe must find a middle ground and work with each republic individually,\nRahmon said, adding that two million citizens work abroad.`
    expect(texts(body)).toEqual([
      PARAGRAPH,
      'We must find a middle ground and work with each republic individually, Rahmon said, adding that two million citizens work abroad.',
    ])
  })

  it('does not glue a heading to the paragraph under it', () => {
    const { blocks } = cleanArticle(`${PARAGRAPH}\n\nPast Frictions\n\n${SECOND}`)
    expect(blocks).toEqual([{ text: PARAGRAPH }, { text: SECOND, section: 'Past Frictions' }])
  })

  it('keeps a repeated paragraph once', () => {
    expect(texts(`${PARAGRAPH}\n\n${SECOND}\n\n***\n\n${PARAGRAPH}`)).toEqual([PARAGRAPH, SECOND])
  })

  it('unwraps hard-wrapped wire copy into its indented paragraphs', () => {
    const body =
      'Showers continued throughout the week in\nthe Bahia cocoa zone, alleviating the drought since early\nJanuary and improving prospects for the coming temporao,\nComissaria Smith said in its weekly review.\n    The dry period means the temporao will be late this year.\n    Arrivals for the week ended February 22 were 155,221 bags\nof 60 kilos making a cumulative total for the season.\n Reuter'
    expect(isHardWrapped(body.split('\n'))).toBe(true)
    expect(texts(body)).toEqual([
      'Showers continued throughout the week in the Bahia cocoa zone, alleviating the drought since early January and improving prospects for the coming temporao, Comissaria Smith said in its weekly review.',
      'The dry period means the temporao will be late this year.',
      'Arrivals for the week ended February 22 were 155,221 bags of 60 kilos making a cumulative total for the season.',
    ])
  })

  it('keeps a run of short table rows as one block, not as headings', () => {
    const { blocks } = cleanArticle(`${PARAGRAPH}\nShr 34 cts vs 1.19 dlrs\nNet 807,000 vs 2,858,000\nRevs 28.8 mln vs 32.5 mln`)
    expect(blocks).toEqual([{ text: PARAGRAPH }, { text: 'Shr 34 cts vs 1.19 dlrs\nNet 807,000 vs 2,858,000\nRevs 28.8 mln vs 32.5 mln' }])
  })
})

describe('cleanArticle: headings and lists', () => {
  it('makes short title-like lines the section of the blocks under them', () => {
    const body = `${PARAGRAPH}\nBy The Book\n${SECOND}\nNo Hard Feelings?\n${PARAGRAPH.replace('road', 'rail')}\nIron fist\n${SECOND.replace('cost', 'price')}`
    const { blocks, meta } = cleanArticle(body)
    expect(blocks.map((block) => block.section)).toEqual([undefined, 'By The Book', 'No Hard Feelings?', 'Iron fist'])
    expect(meta.author).toBeUndefined()
  })

  it('reads a markdown heading as a section heading', () => {
    const { blocks } = cleanArticle(`${PARAGRAPH}\n\n## What the money buys and why the opposition is unhappy about it\n\n${SECOND}`)
    expect(blocks[1]).toEqual({ text: SECOND, section: 'What the money buys and why the opposition is unhappy about it' })
  })

  it('keeps a bulleted list in one block with the sentence introducing it', () => {
    const body = `${PARAGRAPH}\nThe two sides approved a comprehensive package of agreements, including:\n- The status of representative offices\n- New medical examination rules\n* Changes to recruitment procedures\n${SECOND}`
    expect(texts(body)).toEqual([
      PARAGRAPH,
      'The two sides approved a comprehensive package of agreements, including:\n- The status of representative offices\n- New medical examination rules\n- Changes to recruitment procedures',
      SECOND,
    ])
  })
})

describe('cleanArticle: title, byline and signature', () => {
  it('takes a title-like first line as the title', () => {
    const { meta, blocks } = cleanArticle(`Putin and Rahmon Reaffirm Steady Partnership Amid Past Frictions\n${PARAGRAPH}`)
    expect(meta).toMatchObject({ title: 'Putin and Rahmon Reaffirm Steady Partnership Amid Past Frictions', titleOrigin: 'text' })
    expect(blocks).toEqual([{ text: PARAGRAPH }])
  })

  it('does not take a first line that is a sentence or a caption as the title', () => {
    expect(cleanArticle(`${PARAGRAPH}\n${SECOND}`).meta.title).toBeUndefined()
    expect(cleanArticle(`The leaders met in Moscow on Monday. Photo: AFP / Sputnik\n\n${PARAGRAPH}`).meta.title).toBeUndefined()
  })

  it('drops a first line repeating the known title', () => {
    expect(texts(`Roads for the North | Example News\n${PARAGRAPH}`, 'Roads for the North')).toEqual([PARAGRAPH])
  })

  it('reads "Original Author: X" as the author wherever it sits', () => {
    const { meta, blocks } = cleanArticle(`${PARAGRAPH}\n${SECOND}\nOriginal Author: Zarina Fayzulina\nLatest news\n- Unrelated Headline Here`)
    expect(meta.author).toBe('Zarina Fayzulina')
    expect(blocks).toHaveLength(2)
  })

  it('reads a "By" byline with a date', () => {
    const { meta, blocks } = cleanArticle(`Roads for the North\nBy Daniel Whitmore | October 4, 2023\n${PARAGRAPH}`)
    expect(meta).toMatchObject({ author: 'Daniel Whitmore', date: { iso: '2023-10-04', precision: 'day' } })
    expect(blocks).toEqual([{ text: PARAGRAPH }])
  })

  it('reads a closing signature block: name, role, date and place', () => {
    const body = `${PARAGRAPH}\n${SECOND}\nSharofiddin Gadoev\nChairman of the Movement for Reforms and Development of Tajikistan\n28 October 2025\nAmsterdam, The Netherlands`
    const { meta, blocks } = cleanArticle(body)
    expect(meta).toEqual({
      author: 'Sharofiddin Gadoev',
      authorRole: 'Chairman of the Movement for Reforms and Development of Tajikistan',
      date: { iso: '2025-10-28', precision: 'day' },
      place: 'Amsterdam, The Netherlands',
      language: 'en',
    })
    expect(blocks).toHaveLength(2)
  })

  it('reads an opening author block: name and credentials', () => {
    const body = `Evgeniya Makhmutova (Voyko)\n\nPhD in Political Science, Associate Professor, Political Science Department, Financial University\n\n${PARAGRAPH}`
    const { meta, blocks } = cleanArticle(body)
    expect(meta).toEqual({
      author: 'Evgeniya Makhmutova (Voyko)',
      authorRole: 'PhD in Political Science, Associate Professor, Political Science Department, Financial University',
    })
    expect(blocks).toEqual([{ text: PARAGRAPH }])
  })

  it('reads a wire dateline into place and date', () => {
    const { meta, blocks } = cleanArticle(`BISHKEK, Kyrgyzstan, March 3, 2024 (AP) — ${PARAGRAPH}`)
    expect(meta).toEqual({ place: 'Bishkek, Kyrgyzstan', date: { iso: '2024-03-03', precision: 'day' } })
    expect(blocks).toEqual([{ text: PARAGRAPH }])
  })

  it('never takes a date from a mention in the body', () => {
    const body = `${PARAGRAPH}\nThe second unit was postponed from April 2019 to a later date, and on 28 October 2025 the board met again.\n${SECOND}`
    expect(cleanArticle(body).meta.date).toBeUndefined()
  })
})

describe('cleanArticle: web page furniture', () => {
  it('removes photo credit lines in the forms news sites print them', () => {
    const credits = [
      'Credit...Ed Murray/NJ Advance Media for NJ.com',
      'CreditChang W. Lee/The New York Times',
      'Credit Ashraf Shazly/Agence France-Presse — Getty Images',
      'Image copyright Getty Images',
      'Chuck Burton/AP',
      'BRUCE WEAVER / AFP - Getty Images',
      'Jane Roe | Bloomberg | Getty Images',
      'John Doe, ASSOCIATED PRESS',
      'ASSOCIATED PRESS',
      '[Photo: RADsan/iStock]',
      'SIA/EFAK/YPPOA',
    ]
    expect(texts([PARAGRAPH, ...credits, SECOND].join('\n\n'))).toEqual([PARAGRAPH, SECOND])
  })

  it('keeps a caption’s words and drops its credit, glued or in brackets', () => {
    const captions = [
      'Police use a water cannon on protesters last week. Photograph: Jane Roe/Reuters',
      'The mayor speaks near the synagogue on Sunday. (John Doe/AFP/Getty Images)',
      'The ambassador was found sleeping in a doorway of a bar.Credit...John Doe/The Daily Paper',
      'A protester is escorted from the police station on June 18, 2015. Jane Roe/AP hide caption toggle caption A protester is escorted from the police station on June 18, 2015. Jane Roe/AP',
    ]
    expect(texts([PARAGRAPH, ...captions, SECOND].join('\n\n'))).toEqual([
      PARAGRAPH,
      'Police use a water cannon on protesters last week.',
      'The mayor speaks near the synagogue on Sunday.',
      'The ambassador was found sleeping in a doorway of a bar.',
      'A protester is escorted from the police station on June 18, 2015.',
      SECOND,
    ])
  })

  it('keeps a caption the widget labelled as a sentence, not a heading', () => {
    expect(texts(`${PARAGRAPH}\n\nImage caption The manager has worked with many singers during his career\n\n${SECOND}`)).toEqual([
      PARAGRAPH,
      'The manager has worked with many singers during his career.',
      SECOND,
    ])
  })

  it('keeps prose with slashes and capitals', () => {
    const prose = 'The Russia/Ukraine talks resumed on Monday, and the and/or clause in the draft was struck out by the negotiators.'
    expect(texts(`${PARAGRAPH}\n${prose}`)).toEqual([PARAGRAPH, prose])
  })

  it('removes media widgets: lone Image and Photo headings, players, transcripts, deleted embeds', () => {
    const widgets = ['Image', 'Photo', 'Video transcript', '0:00/0:45', '-0:00 transcript', 'Slideshow ( 3 images )', 'Tweet may have been deleted (opens in a new tab)']
    expect(texts([PARAGRAPH, ...widgets, SECOND].join('\n\n'))).toEqual([PARAGRAPH, SECOND])
  })

  it('removes print-edition notes and rows of page actions', () => {
    const lines = [
      'A version of this article appears in print on Sept. 20, 2016, on Page A1 of the New York edition with the headline: Suspect Is Held.',
      '*This article appears in the September 5, 2016 issue of New York Magazine.',
      'Order Reprints | Today’s Paper | Subscribe',
      'Page: 1 2 3 Next →',
    ]
    expect(texts([PARAGRAPH, ...lines, SECOND].join('\n\n'))).toEqual([PARAGRAPH, SECOND])
  })

  it('removes newsletter and subscription pitches, in English and French', () => {
    const pitches = [
      'Sign up to the Weekly Brief here for news and analysis on business, tech and innovation in your inbox',
      'Want more updates from Sam? Sign up for his newsletter, Spam Stein.',
      'Join the Orbital Transmission mailing list to get weekly updates delivered to your inbox.',
      'Get top stories and blog posts emailed to me each day. Newsletters may offer personalized content or advertisements.',
      'Subscribe now Free for 30 days',
      'Cet article est paru dans notre newsletter « La lettre éco ». Si vous êtes abonné, vous pouvez vous inscrire à cette lettre quotidienne.',
      'Like this story? Share it with a friend!',
      'Follow Newsbeat on Instagram, Facebook, Twitter and YouTube.',
      'CLICK HERE TO GET THE NEWS APP',
      'We are a participant in the Amazon Services LLC Associates Program, an affiliate advertising program designed to provide a means for us to earn fees by linking to Amazon.com.',
    ]
    expect(texts([PARAGRAPH, ...pitches, SECOND].join('\n\n'))).toEqual([PARAGRAPH, SECOND])
  })

  it('keeps sentences that report on newsletters and subscriptions', () => {
    const prose = 'The company said its newsletter business had grown to 50,000 subscribers, and that readers who subscribe pay for the podcast too.'
    expect(texts(`${PARAGRAPH}\n${prose}`)).toEqual([PARAGRAPH, prose])
  })

  it('removes repeated datelines and date stamps wherever they stand, after reading the date at the top', () => {
    const body = `Published: 22 Dec 2016\n${PARAGRAPH}\n22 Dec, 2016 22 Dec, 2016\n${SECOND}\nCNNMoney (New York) First published November 29, 2016: 3:33 AM ET`
    const { blocks, meta } = cleanArticle(body)
    expect(blocks.map((block) => block.text)).toEqual([PARAGRAPH, SECOND])
    expect(meta.date).toEqual({ iso: '2016-12-22', precision: 'day' })
  })

  it('keeps a month heading of a timeline', () => {
    expect(cleanArticle(`${PARAGRAPH}\nMay 2019\n${SECOND}`).blocks.map((block) => block.section)).toContain('May 2019')
  })

  it('removes related-story pointers and a reading time run into the byline', () => {
    const body = `By Jane Doe 5 minute Read\n${PARAGRAPH}\nRELATED PHOTOS: A Beautiful Backyard Wedding\n- SEE ALSO: How to Let Your Employees Work From the Beach\nFor more, read: This Resort Is Installing Speakers in Every Room\n${SECOND}`
    const { blocks, meta } = cleanArticle(body)
    expect(blocks.map((block) => block.text)).toEqual([PARAGRAPH, SECOND])
    expect(meta.author).toBe('Jane Doe')
  })

  it('removes the known title repeated at the end of the body', () => {
    expect(texts(`${PARAGRAPH}\n${SECOND}\nRoad Building in the North`, 'Road Building in the North')).toEqual([PARAGRAPH, SECOND])
  })

  it('removes copyright lines in other languages and comment moderation notes', () => {
    const lines = [
      "저작권자 ⓒ '대중문화컨텐츠 전문가그룹' 엔터미디어(www.entermedia.co.kr), 무단전재 및 재배포금지",
      'Copyright © 2010 AUTORACING. Todos os direitos reservados.',
      'ATENÇÃO: Comentários com textos ininteligíveis ou que faltem com respeito ao usuário não serão aprovados pelo moderador.',
    ]
    expect(texts([PARAGRAPH, ...lines, SECOND].join('\n\n'))).toEqual([PARAGRAPH, SECOND])
  })
})

describe('cleanArticle: language', () => {
  it('states the language the words are in', () => {
    expect(cleanArticle(`${PARAGRAPH}\n${SECOND}`).meta.language).toBe('en')
  })

  it('states nothing for a text too short to tell', () => {
    expect(cleanArticle('Kabul, Dushanbe, Tashkent.').meta.language).toBeUndefined()
  })
})

describe('detectLanguage', () => {
  const samples: Record<string, string> = {
    en: 'The minister said that the new road would be finished before the winter, and that it was paid for by the state.',
    fr: 'Le ministre a dit que la nouvelle route sera terminée avant l’hiver, et qu’elle est payée par l’État pour les habitants de la région.',
    de: 'Der Minister sagte, dass die neue Straße vor dem Winter fertig sein wird und dass sie vom Staat bezahlt wird, auch für die Bauern.',
    es: 'El ministro dijo que la nueva carretera estará terminada antes del invierno y que la paga el Estado para los vecinos de la región.',
    it: 'Il ministro ha detto che la nuova strada sarà finita prima dell’inverno e che è pagata dallo Stato per gli abitanti della regione.',
    pt: 'O ministro disse que a nova estrada estará pronta antes do inverno e que é paga pelo Estado para os moradores da região, com mais vagas.',
    nl: 'De minister zei dat de nieuwe weg voor de winter klaar zal zijn en dat die door de staat wordt betaald, ook voor de boeren van het dorp.',
    ru: 'Министр сказал, что новая дорога будет закончена до зимы и что её оплачивает государство, а не жители, как это было раньше.',
    ja: '大臣は、新しい道路は冬の前に完成し、費用は国が負担すると述べました。',
    ko: '장관은 새 도로가 겨울 전에 완공될 것이며 비용은 국가가 부담한다고 말했다.',
  }

  it.each(Object.entries(samples))('tells %s from its words or script', (language, sentence) => {
    expect(detectLanguage(`${sentence} ${sentence}`)).toMatchObject({ language, confident: true })
  })

  it('says nothing confident about a list of names', () => {
    expect(detectLanguage('Emomali Rahmon, Vladimir Putin, Shavkat Mirziyoyev, Kassym-Jomart Tokayev, Sadyr Japarov')?.confident ?? false).toBe(false)
  })
})
