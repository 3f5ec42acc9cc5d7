import { describe, it, expect } from 'vitest'
import { deriveTitle, resolveArticle, slugify, sourceFromUrl, type CleanedText } from '../../src/ingest/metadata.ts'
import type { RawArticle } from '../../src/ingest/read/types.ts'
import type { ArticleMeta } from '../../src/model.ts'

const raw = (meta: ArticleMeta = {}, file = 'a.txt'): RawArticle => ({ file, format: 'txt', body: 'Body text.', meta })
const cleaned = (meta: ArticleMeta = {}, texts = ['The first paragraph says something about the world at some length, more than ten words.']): CleanedText => ({
  blocks: texts.map((text) => ({ text })),
  meta,
  removed: [],
})

describe('sourceFromUrl', () => {
  it('names the publication by its host without "www."', () => {
    expect(sourceFromUrl('https://www.asiatimes.com/2019/05/x/')).toBe('asiatimes.com')
    expect(sourceFromUrl('https://en.orda.kz/x-8746')).toBe('en.orda.kz')
  })

  it('gives nothing for a string that is not a URL', () => {
    expect(sourceFromUrl('not a url')).toBeUndefined()
    expect(sourceFromUrl('')).toBeUndefined()
  })
})

describe('slugify', () => {
  it('makes a lowercase ascii slug with hyphens, apostrophes dropped', () => {
    expect(slugify('Power Transition in Tajikistan: Rahmon’s Failed Mission')).toBe('power-transition-in-tajikistan-rahmons-failed-mission')
    expect(slugify('Émigrés in Zürich')).toBe('emigres-in-zurich')
  })

  it('cuts a long title at a word boundary within 80 characters', () => {
    const slug = slugify('word '.repeat(40) + 'end')
    expect(slug.length).toBeLessThanOrEqual(80)
    expect(slug.endsWith('-')).toBe(false)
    expect(slug.split('-').every((part) => part === 'word')).toBe(true)
  })
})

describe('resolveArticle', () => {
  it('prefers format metadata over what the text states', () => {
    const article = resolveArticle(
      raw({ title: 'Meta title', author: 'Meta Author', date: { iso: '2025-10', precision: 'month' } }),
      cleaned({ title: 'Text title', author: 'Text Author', authorRole: 'Editor', date: { iso: '2025-10-28', precision: 'day' } }),
    )
    expect(article).toMatchObject({ title: 'Meta title', titleOrigin: 'metadata', author: 'Meta Author', date: { iso: '2025-10', precision: 'month' } })
    // The role was stated for someone else, so it is not pinned on the metadata's author.
    expect(article.authorRole).toBeUndefined()
  })

  it('takes what the text states when metadata is silent', () => {
    const article = resolveArticle(raw(), cleaned({ title: 'Text title', author: 'Jane Doe', authorRole: 'Chair', place: 'Amsterdam', date: { iso: '2025-10-28', precision: 'day' } }))
    expect(article).toMatchObject({ title: 'Text title', titleOrigin: 'text', author: 'Jane Doe', authorRole: 'Chair', place: 'Amsterdam', date: { iso: '2025-10-28', precision: 'day' } })
  })

  it('keeps the text’s author role when metadata names the same author', () => {
    const article = resolveArticle(raw({ author: 'Jane Doe' }), cleaned({ author: 'Jane  Doe', authorRole: 'Chair' }))
    expect(article.authorRole).toBe('Chair')
    const maidenName = resolveArticle(raw({ author: 'Evgeniya Makhmutova' }), cleaned({ author: 'Evgeniya Makhmutova (Voyko)', authorRole: 'Associate Professor' }))
    expect(maidenName).toMatchObject({ author: 'Evgeniya Makhmutova', authorRole: 'Associate Professor' })
  })

  it('leaves an article undated when neither metadata nor the text states a date', () => {
    const article = resolveArticle(raw(), cleaned({}, ['On 28 October 2025 the talks in Moscow began, and in 2019 they had stalled.']))
    expect(article.date).toBeUndefined()
  })

  it('derives a title from the first sentence, marked as derived', () => {
    const article = resolveArticle(raw(), cleaned({}, ['Showers continued throughout the week in the Bahia cocoa zone, alleviating the drought. More text.']))
    expect(article.title).toBe('Showers continued throughout the week in the Bahia cocoa zone…')
    expect(article.titleOrigin).toBe('derived')
  })

  it('keeps a short first sentence whole as a derived title', () => {
    expect(deriveTitle([{ text: 'Markets rallied strongly. Then they fell.' }])).toBe('Markets rallied strongly')
  })

  it('does not end a derived title at an abbreviation’s full stop', () => {
    expect(deriveTitle([{ text: 'U.S. exports rose in January. More text follows here.' }])).toBe('U.S. exports rose in January')
    expect(deriveTitle([{ text: 'Talks with Acme Corp. Ltd. resumed on Monday. More text.' }])).toBe('Talks with Acme Corp. Ltd. resumed on Monday')
  })

  it('names the source by the URL’s host only when no site name is given', () => {
    expect(resolveArticle(raw({ url: 'https://www.asiatimes.com/x' }), cleaned()).source).toBe('asiatimes.com')
    expect(resolveArticle(raw({ url: 'https://www.asiatimes.com/x', source: 'Asia Times' }), cleaned()).source).toBe('Asia Times')
    expect(resolveArticle(raw(), cleaned()).source).toBe('unknown')
  })

  it('takes the language the format states, else the one the text shows, else "und", never a default of English', () => {
    expect(resolveArticle(raw({ language: 'ru' }), cleaned({ language: 'en' })).language).toBe('ru')
    expect(resolveArticle(raw(), cleaned({ language: 'es' })).language).toBe('es')
    expect(resolveArticle(raw(), cleaned()).language).toBe('und')
  })

  it('gives a colliding slug a short stable hash of the file path', () => {
    const takenIds = new Set<string>()
    const first = resolveArticle(raw({ title: 'Same Title' }, 'a.txt'), cleaned(), { takenIds })
    const second = resolveArticle(raw({ title: 'Same Title' }, 'b.txt'), cleaned(), { takenIds })
    const again = resolveArticle(raw({ title: 'Same Title' }, 'b.txt'), cleaned(), { takenIds: new Set(['same-title']) })
    expect(first.id).toBe('same-title')
    expect(second.id).toMatch(/^same-title-[0-9a-f]{7}$/)
    expect(again.id).toBe(second.id)
  })

  it('gives a title without ascii letters an id from its file path', () => {
    const article = resolveArticle(raw({ title: 'Таджикистан' }, 'ru.txt'), cleaned())
    expect(article.id).toMatch(/^article-[0-9a-f]{7}$/)
  })
})
