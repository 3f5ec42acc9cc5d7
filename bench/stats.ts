// Summaries of repeated measurements: min / median / max, and nearest-rank percentiles of latencies.

export interface Spread {
  min: number
  median: number
  max: number
}

/** Nearest-rank percentile (`p` from 0 to 100) of values sorted ascending. */
export function percentile(sortedValues: readonly number[], p: number): number {
  if (sortedValues.length === 0) return NaN
  const rank = Math.ceil((p / 100) * sortedValues.length)
  return sortedValues[Math.min(sortedValues.length - 1, Math.max(0, rank - 1))]
}

export function spread(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b)
  return { min: sorted[0] ?? NaN, median: percentile(sorted, 50), max: sorted.at(-1) ?? NaN }
}

export interface LatencySummary {
  p50: number
  p95: number
  p99: number
  mean: number
}

export function summarizeLatencies(values: readonly number[]): LatencySummary {
  const sorted = [...values].sort((a, b) => a - b)
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    mean: sorted.reduce((sum, v) => sum + v, 0) / sorted.length,
  }
}

/** Count, median, 99th percentile and maximum: the figures the update, attack and load rows give. */
export function latencyFigures(values: readonly number[]): { count: number; p50: number; p99: number; max: number } {
  const summary = summarizeLatencies(values)
  return { count: values.length, p50: summary.p50, p99: summary.p99, max: values.length ? values.reduce((a, b) => Math.max(a, b), -Infinity) : NaN }
}
