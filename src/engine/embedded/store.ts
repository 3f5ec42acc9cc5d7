// The passages and articles an embedded index holds, by passage number. Numbers are given in order as
// passages are added and never reused; a removed passage leaves a gap (dead), so every column keyed by
// passage number stays valid without renumbering until the index is next written whole.
import type { ArticleRecord, Passage } from '../../model.ts'

export class PassageStore {
  /** Passage number → passage; undefined once removed. */
  readonly passages: (Passage | undefined)[] = []
  /** 1 for a live passage, 0 for a removed one. */
  live: Uint8Array = new Uint8Array(16)
  liveCount = 0
  readonly articles = new Map<string, ArticleRecord>()
  /** Article id → its passages' numbers in position order. */
  private readonly docsByArticle = new Map<string, number[]>()
  private liveList: Uint32Array | undefined
  /** Passage id → number, built on first lookup: at a million passages it costs a second a cold start need not pay. */
  private byId: Map<string, number> | undefined

  get count(): number {
    return this.passages.length
  }

  /** Appends an article's passages, numbered from `count`; returns the first number. */
  add(article: ArticleRecord, passages: readonly Passage[]): number {
    const first = this.passages.length
    this.ensureCapacity(first + passages.length)
    const docs: number[] = []
    passages.forEach((passage, i) => {
      this.passages.push(passage)
      this.live[first + i] = 1
      docs.push(first + i)
      this.byId?.set(passage.id, first + i)
    })
    this.liveCount += passages.length
    this.liveList = undefined
    this.articles.set(article.id, article)
    this.docsByArticle.set(article.id, docs)
    return first
  }

  /** Removes an article and its passages; returns the numbers of the passages removed (with the passages). */
  remove(articleId: string): { doc: number; passage: Passage }[] {
    const docs = this.docsByArticle.get(articleId)
    if (!docs) return []
    const removed: { doc: number; passage: Passage }[] = []
    for (const doc of docs) {
      const passage = this.passages[doc]
      if (!passage || this.live[doc] === 0) continue
      this.live[doc] = 0
      this.passages[doc] = undefined
      this.byId?.delete(passage.id)
      removed.push({ doc, passage })
    }
    this.liveCount -= removed.length
    this.liveList = undefined
    this.articles.delete(articleId)
    this.docsByArticle.delete(articleId)
    return removed
  }

  isLive(doc: number): boolean {
    return this.live[doc] === 1
  }

  /** The live passage numbered `doc` (callers only ask for live ones). */
  passage(doc: number): Passage {
    return this.passages[doc]!
  }

  docOf(passageId: string): number | undefined {
    if (!this.byId) {
      const byId = new Map<string, number>()
      this.passages.forEach((passage, doc) => {
        if (passage) byId.set(passage.id, doc)
      })
      this.byId = byId
    }
    return this.byId.get(passageId)
  }

  articlePassages(articleId: string): Passage[] {
    return (this.docsByArticle.get(articleId) ?? []).map((doc) => this.passages[doc]).filter((p): p is Passage => p !== undefined)
  }

  articleDocs(articleId: string): readonly number[] {
    return this.docsByArticle.get(articleId) ?? []
  }

  /** Live passage numbers, ascending (kept until the next change; callers never write to it). */
  liveDocs(): Uint32Array {
    if (!this.liveList) {
      const docs = new Uint32Array(this.liveCount)
      let n = 0
      for (let doc = 0; doc < this.passages.length; doc++) if (this.live[doc] === 1) docs[n++] = doc
      this.liveList = docs
    }
    return this.liveList
  }

  private ensureCapacity(passages: number): void {
    if (passages <= this.live.length) return
    const grown = new Uint8Array(Math.max(passages, Math.ceil(this.live.length * 1.5)))
    grown.set(this.live)
    this.live = grown
  }
}
