// A search's budget: a deadline and a client that may hang up. Matching, phrase checks and scans look at it
// every few thousand passages and stop when it is spent, so no single search holds the event loop for
// long whatever it asks for; the search then answers what it has, marked partial.

/**
 * Matching may use this share of a search's time; the rest is kept for making the answer from what was
 * found (ranking, counts, notices, snippets). With all of it for matching, the worst queries we could
 * write took up to 274 ms at 131k passages and 353 ms at 1M on a 250 ms budget.
 */
const MATCHING_SHARE = 0.6

export class Budget {
  private readonly deadline: number
  private readonly sliceEnd: number
  private spent = false

  /**
   * `ms`: the time the whole search may take from now (Infinity for none), of which matching gets
   * MATCHING_SHARE; `signal`: aborted when the client is gone;
   * `contended` and `sliceMs`: stop after the slice when others are waiting.
   */
  constructor(
    ms: number,
    private readonly signal?: AbortSignal,
    private readonly contended?: () => boolean,
    sliceMs = Number.POSITIVE_INFINITY,
  ) {
    const now = performance.now()
    this.deadline = now + ms * MATCHING_SHARE
    this.sliceEnd = now + sliceMs
  }

  static unlimited(): Budget {
    return new Budget(Number.POSITIVE_INFINITY)
  }

  /** Whether the search must stop now. Once true, stays true. */
  exceeded(): boolean {
    if (this.spent) return true
    const now = performance.now()
    if (now > this.deadline || this.signal?.aborted || (now > this.sliceEnd && this.contended?.())) this.spent = true
    return this.spent
  }

  /** Whether the budget ran out at some point (without looking at the clock again). */
  get wasExceeded(): boolean {
    return this.spent
  }
}
