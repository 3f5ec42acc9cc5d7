import { parseHTML } from 'linkedom'
import { describe, expect, it } from 'vitest'
import { readHtml } from '../../src/ingest/read/html.ts'
import { readPageMeta, stripSiteName, type HtmlDocument } from '../../src/ingest/read/html-meta.ts'

const BODY_TEXT = `<p>${'Remittances from migrants working abroad rose again this year, the central bank of Tajikistan reported on Monday. '.repeat(3)}</p>`
const page = ({ head = '', body = '', lang = '' } = {}) =>
  `<!doctype html><html${lang ? ` lang="${lang}"` : ''}><head>${head}</head><body>${body}</body></html>`
const metaOf = (html: string) => readPageMeta(parseHTML(html).document as unknown as HtmlDocument).meta
const meta = (attribute: string, key: string, content: string) => `<meta ${attribute}="${key}" content="${content}">`
const jsonLd = (data: unknown) => `<script type="application/ld+json">${JSON.stringify(data)}</script>`

describe('readPageMeta: the publication date, in its documented order', () => {
  const sources = {
    jsonLd: jsonLd({ '@type': 'NewsArticle', datePublished: '2019-11-01T10:00:00Z' }),
    openGraph: meta('property', 'article:published_time', '2019-11-02T10:00:00+00:00'),
    microdata: '<span itemprop="datePublished" content="2019-11-03">3 November 2019</span>',
    named: meta('name', 'pdate', '20191104'),
    headerTime: '<article><header><time datetime="2019-11-05T08:00:00-05:00">Nov. 5</time></header><p>Text.</p></article>',
  }

  it('reads JSON-LD first, then Open Graph, microdata, named meta tags and the header <time>', () => {
    const all = Object.values(sources).join('')
    expect(metaOf(page({ head: all })).date).toEqual({ iso: '2019-11-01', precision: 'day' })
    const order = Object.keys(sources) as (keyof typeof sources)[]
    order.forEach((source, index) => {
      const rest = order.slice(index).map((key) => sources[key]).join('')
      expect(metaOf(page({ head: rest.includes('<article>') ? '' : rest, body: rest.includes('<article>') ? rest : '' })).date?.iso, source).toBe(`2019-11-0${index + 1}`)
    })
  })

  it('reads article:publicationdate, og:article:published_time and date meta tags', () => {
    expect(metaOf(page({ head: meta('name', 'article:publicationdate', '2016-12-22') })).date?.iso).toBe('2016-12-22')
    expect(metaOf(page({ head: meta('property', 'og:article:published_time', '2019-05-07T11:59:43+00:00') })).date?.iso).toBe('2019-05-07')
    expect(metaOf(page({ head: meta('name', 'date', '2016-11-29 03:33:08') })).date?.iso).toBe('2016-11-29')
  })

  it('keeps the day the page states, whatever its time zone', () => {
    expect(metaOf(page({ head: meta('property', 'article:published_time', '2016-11-28 22:23:00 -0500') })).date?.iso).toBe('2016-11-28')
  })

  it('passes over a value that is not a real date and reads the next source', () => {
    const head = jsonLd({ '@type': 'NewsArticle', datePublished: '0001-01-01T00:00:00Z' }) + meta('name', 'pdate', '20190919')
    expect(metaOf(page({ head })).date?.iso).toBe('2019-09-19')
  })

  it('reads microdata from the text when its attribute is garbled', () => {
    expect(metaOf(page({ body: '<span itemprop="datePublished" content="2018-10-29T10:15-5:0x">October 29, 2018</span>' })).date?.iso).toBe('2018-10-29')
  })

  it('reads a <time> in the article before its first paragraph, but not one labelled as an update', () => {
    const header = (label: string) =>
      page({ body: `<article><h1>Headline here</h1><div class="meta">${label}<time datetime="2020-02-24T16:26:29Z">February 24, 2020</time></div>${BODY_TEXT}<time datetime="2021-01-01">later</time></article>` })
    expect(metaOf(header('Published ')).date?.iso).toBe('2020-02-24')
    expect(metaOf(header('Last updated ')).date).toBeUndefined()
  })

  it('reads a date written out between the headline and the first paragraph', () => {
    const html = page({ body: `<h1>Insiders: the debate</h1><p class="meta">By <a>Matthew Digby</a>, <a>Minh Do</a> <span>on Monday, November 18th, 2019 at 11:08 a.m.</span></p>${BODY_TEXT}` })
    expect(metaOf(html).date).toEqual({ iso: '2019-11-18', precision: 'day' })
    expect(metaOf(page({ body: `<h1>A review of the album</h1><div>Reviewed: June 7, 2019</div>${BODY_TEXT}` })).date?.iso).toBe('2019-06-07')
  })

  it('never dates a page from a date inside its running text', () => {
    expect(metaOf(page({ body: `<h1>Headline of the story</h1>${BODY_TEXT}<p>On June 7, 2019 the dam opened.</p>` })).date).toBeUndefined()
  })

  it('forgives a trailing comma in JSON-LD', () => {
    const head = `<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Plague cases", "datePublished": "2019-11-18T16:06:51-05:00", "keywords": ["a", "b", ],}</script>`
    expect(metaOf(page({ head }))).toMatchObject({ title: 'Plague cases', date: { iso: '2019-11-18' } })
  })
})

describe('readPageMeta: titles without the site name', () => {
  it('cuts a suffix that repeats og:site_name', () => {
    expect(metaOf(page({ head: `<title>Taylor Swift row ends - BBC News</title>${meta('property', 'og:site_name', 'BBC News')}` })).title).toBe('Taylor Swift row ends')
    expect(metaOf(page({ head: `<title>Standing Rock protesters hold out | US news | The Guardian</title>${meta('property', 'og:site_name', 'the Guardian')}` })).title).toBe(
      'Standing Rock protesters hold out | US news',
    )
  })

  it('cuts a suffix that names the URL’s host', () => {
    const head = `<title>Atendimento registra arrombamento - Entermedia</title><link rel="canonical" href="http://www.entermedia.co.kr/news/1">`
    expect(metaOf(page({ head })).title).toBe('Atendimento registra arrombamento')
  })

  it('cuts a suffix two different headlines of the page share', () => {
    const head = `${meta('property', 'og:title', 'Mangos are dearer now – Morning Courier')}<title>Why mangos and papayas cost more – Morning Courier</title>`
    expect(metaOf(page({ head })).title).toBe('Mangos are dearer now')
  })

  it('takes the visible headline when the title is it plus a section or site name', () => {
    const head = meta('property', 'og:title', 'Opinion | Enough platitudes: Let’s name names')
    expect(metaOf(page({ head, body: '<h1>Enough platitudes: Let’s name names</h1>' })).title).toBe('Enough platitudes: Let’s name names')
  })

  it('drops an archive note ("(Published 2016)")', () => {
    expect(metaOf(page({ head: meta('property', 'og:title', 'Ahmad Khan Rahami Is Arrested (Published 2016)') })).title).toBe('Ahmad Khan Rahami Is Arrested')
  })

  it('keeps a title whose segments name no site, and a headline that only starts with the site’s name', () => {
    expect(stripSiteName('Affaire KPMG : un juge se récuse', ['Radio-Canada.ca'])).toBe('Affaire KPMG : un juge se récuse')
    expect(stripSiteName('CNN anchor quits - Business', ['CNN'])).toBe('CNN anchor quits - Business')
    expect(stripSiteName('Why Trump won’t change | CNN Politics', ['CNN'])).toBe('Why Trump won’t change')
  })
})

describe('readPageMeta: authors', () => {
  it('passes over an author tag that is a profile URL and reads the next one', () => {
    const head = meta('property', 'article:author', 'https://www.nytimes.com/by/marc-santora') + meta('name', 'byl', 'By Marc Santora, William K. Rashbaum and Al Baker')
    expect(metaOf(page({ head })).author).toBe('Marc Santora, William K. Rashbaum, Al Baker')
  })

  it('prefers article:author over an author tag naming the publisher', () => {
    const head = meta('name', 'author', 'Condé Nast') + meta('property', 'article:author', 'Larry Fitzmaurice')
    expect(metaOf(page({ head })).author).toBe('Larry Fitzmaurice')
  })

  it('leaves out organisations: JSON-LD organisations and names that are the site’s own', () => {
    const organisation = jsonLd({ '@type': 'NewsArticle', author: { '@type': 'NewsMediaOrganization', name: 'BBC News' } })
    expect(metaOf(page({ head: organisation })).author).toBeUndefined()
    expect(metaOf(page({ head: meta('property', 'og:site_name', 'The Telegraph') + meta('name', 'author', 'Telegraph Sport') })).author).toBeUndefined()
  })

  it('cleans a byline: the outlet after a comma, a handle, a "Twitter" link, a full stop before the outlet', () => {
    expect(metaOf(page({ head: meta('name', 'author', 'Victor Tangermann, Futurism') })).author).toBe('Victor Tangermann')
    expect(metaOf(page({ head: meta('name', 'author', 'Mike Cason | mcason@al.com') })).author).toBe('Mike Cason')
    expect(metaOf(page({ head: meta('name', 'author', 'Finian Cunningham. Sputnik International') })).author).toBe('Finian Cunningham')
  })

  it('reads every author link of the byline', () => {
    const body = '<p class="byline"><a rel="author" href="/a">Julia Carrie Wong</a> and <a rel="author" href="/b">Sam Levin</a></p>'
    expect(metaOf(page({ body })).author).toBe('Julia Carrie Wong, Sam Levin')
  })

  it('reads a "By" line, also when the name is a link after it', () => {
    expect(metaOf(page({ body: `<h1>Headline</h1><div>By <span>Yomi Kazeem</span></div>${BODY_TEXT}` })).author).toBe('Yomi Kazeem')
  })

  it('reads an element the page names as the author’s', () => {
    expect(metaOf(page({ body: `<div class="article-author"><h3 class="article-author__name">Tom Gillespie</h3><p>News reporter</p></div>${BODY_TEXT}` })).author).toBe('Tom Gillespie')
  })
})

describe('readHtml: language', () => {
  const spanish = `<p>${'El gobierno de la ciudad anunció que los precios del transporte público no van a subir este año, según el alcalde, que habló con los vecinos. '.repeat(3)}</p>`

  it('takes <html lang> or content-language', () => {
    const read = (html: string) => ('article' in readHtml(html, 'a.html') ? (readHtml(html, 'a.html') as { article: { meta: { language?: string } } }).article.meta.language : 'skipped')
    expect(read(page({ lang: 'en-GB', body: BODY_TEXT }))).toBe('en-GB')
    expect(read(page({ head: '<meta http-equiv="content-language" content="en">', body: BODY_TEXT }))).toBe('en')
  })

  it('trusts the text over a template’s lang="en" when the words are plainly another language', () => {
    const outcome = readHtml(page({ lang: 'en', body: spanish }), 'a.html')
    expect('article' in outcome && outcome.article.meta.language).toBe('es')
  })

  it('states no language when the page does not, leaving it to the text', () => {
    const outcome = readHtml(page({ body: spanish }), 'a.html')
    expect('article' in outcome && outcome.article.meta.language).toBeUndefined()
  })
})

describe('readHtml: the body', () => {
  it('drops a block that only repeats the author’s name', () => {
    const outcome = readHtml(page({ head: meta('name', 'author', 'Valentina Palladino'), body: `<article><h2>Valentina Palladino</h2>${BODY_TEXT}</article>` }), 'a.html')
    expect('article' in outcome && outcome.article.body).not.toContain('Valentina Palladino')
  })

  it('does not take a Japanese article for a stub', () => {
    const japanese = `<p>${'東京の中心部で新しい美術館が開館し、多くの人々が初日に訪れました。'.repeat(4)}</p>`
    expect('article' in readHtml(page({ body: `<article>${japanese}</article>` }), 'a.html')).toBe(true)
  })
})
