// The p-th percentile of a sample (nearest rank, no interpolation), as every bench prints it;
// NaN for an empty sample.
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}
