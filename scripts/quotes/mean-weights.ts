/**
 * The mean of several averaged-perceptron weight tables (one per shuffle of the
 * training examples): one run's weights depend on its example order, their mean
 * is steadier. Rounded to 4 decimals; weights smaller than `prune` are dropped.
 * Keys keep their first-seen order (the model files list rows in that order).
 */
export function meanWeights(runs: ReadonlyArray<ReadonlyMap<string, number>>, prune: number): Map<string, number> {
  const sum = new Map<string, number>();
  for (const run of runs) for (const [f, v] of run) sum.set(f, (sum.get(f) ?? 0) + v / runs.length);
  const out = new Map<string, number>();
  for (const [f, v] of sum) {
    const rounded = Math.round(v * 10000) / 10000;
    if (Math.abs(rounded) >= prune) out.set(f, rounded);
  }
  return out;
}
