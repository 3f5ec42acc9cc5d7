// One writer at a time per index, across processes: a lease document in the meta index, created only if
// absent (or taken over once expired), renewed while held, deleted on release. A process that dies holding it
// blocks writers for at most the lease's length.
import { hostname } from 'node:os'
import type { GetAnswer } from './answers.ts'
import type { OpenSearchHttp } from './client.ts'

type LeaseAnswer = GetAnswer<{ body: { holder: string; expiresAt: number } }>

/** How long a lease lasts without renewal, and how often a holder renews it. */
const LEASE_MS = 120_000
const RENEW_MS = 30_000

export class WriterLease {
  private timer: NodeJS.Timeout | undefined
  private lost: Error | undefined

  private constructor(
    private readonly http: OpenSearchHttp,
    private readonly index: string,
    private readonly id: string,
    private readonly holder: string,
  ) {}

  static async acquire(http: OpenSearchHttp, metaIndex: string, alias: string): Promise<WriterLease> {
    const holder = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 10)}`
    const lease = new WriterLease(http, metaIndex, `lock:${alias}`, holder)
    await lease.take()
    lease.timer = setInterval(() => {
      lease.renew().catch((error: unknown) => {
        lease.lost = error as Error
      })
    }, RENEW_MS)
    lease.timer.unref()
    return lease
  }

  private path(query = ''): string {
    return `/${this.index}/_doc/${encodeURIComponent(this.id)}${query}`
  }

  private body() {
    return { kind: 'lock', body: { holder: this.holder, expiresAt: Date.now() + LEASE_MS } }
  }

  private async take(): Promise<void> {
    const created = await this.http.request('PUT', this.path('?op_type=create&refresh=false'), this.body(), { ignore: [409] })
    if (created.status !== 409) return
    const { status, body } = await this.http.request<LeaseAnswer>('GET', this.path(), undefined, { ignore: [404] })
    if (status === 404 || !body._source) return this.take()
    const held = body._source.body
    if (held.expiresAt > Date.now()) {
      throw new Error(`Clippings: another writer (${held.holder}) is changing this OpenSearch index; try again when it has finished`)
    }
    // Expired: taken over, unless another process took it over first.
    const taken = await this.http.request('PUT', this.path(`?if_seq_no=${body._seq_no}&if_primary_term=${body._primary_term}`), this.body(), { ignore: [409] })
    if (taken.status === 409) throw new Error('Clippings: another writer took over this OpenSearch index just now; try again when it has finished')
  }

  private async renew(): Promise<void> {
    const { status, body } = await this.http.request<LeaseAnswer>('GET', this.path(), undefined, { ignore: [404] })
    if (status === 404 || body._source?.body?.holder !== this.holder) throw new Error('Clippings: this writer lost its lease on the OpenSearch index')
    await this.http.request('PUT', this.path(`?if_seq_no=${body._seq_no}&if_primary_term=${body._primary_term}`), this.body())
  }

  /** Throws if the lease was lost (another writer may have taken over): a flush must not go ahead then. */
  async check(): Promise<void> {
    if (this.lost) throw this.lost
    await this.renew()
  }

  async release(): Promise<void> {
    if (this.timer) clearInterval(this.timer)
    this.timer = undefined
    const { status, body } = await this.http.request<LeaseAnswer>('GET', this.path(), undefined, { ignore: [404] })
    if (status !== 404 && body._source?.body?.holder === this.holder) {
      await this.http.request('DELETE', this.path(`?if_seq_no=${body._seq_no}&if_primary_term=${body._primary_term}`), undefined, { ignore: [404, 409] })
    }
  }
}
