// Picking the best k of n matches without sorting all n: a bounded heap keeps the k best seen so far,
// so a page of a million matches costs n·log k comparisons instead of n·log n.

/** Orders two items: negative when `a` comes first. */
export type Compare = (a: number, b: number) => number

/** The items 0..count-1 ranked by `compare`, best first, keeping only the first `k`. */
export function topK(count: number, k: number, compare: Compare): number[] {
  if (k <= 0 || count === 0) return []
  if (count <= 2048 || k * 4 >= count) {
    const all = Array.from({ length: count }, (_, i) => i)
    return all.sort(compare).slice(0, k)
  }
  // A max-heap on `compare`: its root is the worst of the best k so far.
  const heap: number[] = []
  const siftUp = (i: number) => {
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (compare(heap[i], heap[parent]) <= 0) break
      ;[heap[i], heap[parent]] = [heap[parent], heap[i]]
      i = parent
    }
  }
  const siftDown = (i: number) => {
    for (;;) {
      const left = 2 * i + 1
      const right = left + 1
      let worst = i
      if (left < heap.length && compare(heap[left], heap[worst]) > 0) worst = left
      if (right < heap.length && compare(heap[right], heap[worst]) > 0) worst = right
      if (worst === i) return
      ;[heap[i], heap[worst]] = [heap[worst], heap[i]]
      i = worst
    }
  }
  for (let item = 0; item < count; item++) {
    if (heap.length < k) {
      heap.push(item)
      siftUp(heap.length - 1)
    } else if (compare(item, heap[0]) < 0) {
      heap[0] = item
      siftDown(0)
    }
  }
  return heap.sort(compare)
}
