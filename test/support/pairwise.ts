// Pairwise precision and recall of a clustering against labels: over all pairs of items,
// how many pairs put together belong together (precision), and how many that belong
// together were put together (recall).
export interface PairwiseScore {
  precision: number;
  recall: number;
  f1: number;
  truePairs: number;
  predictedPairs: number;
  correctPairs: number;
}

const pairs = (n: number) => (n * (n - 1)) / 2;

export function pairwiseScore(items: { id: string; label: string; cluster: string }[]): PairwiseScore {
  const byLabel = new Map<string, number>();
  const byCluster = new Map<string, number>();
  const byBoth = new Map<string, number>();
  for (const i of items) {
    byLabel.set(i.label, (byLabel.get(i.label) ?? 0) + 1);
    byCluster.set(i.cluster, (byCluster.get(i.cluster) ?? 0) + 1);
    const both = `${i.label}\u0000${i.cluster}`;
    byBoth.set(both, (byBoth.get(both) ?? 0) + 1);
  }
  const sum = (m: Map<string, number>) => [...m.values()].reduce((a, n) => a + pairs(n), 0);
  const truePairs = sum(byLabel);
  const predictedPairs = sum(byCluster);
  const correctPairs = sum(byBoth);
  const precision = predictedPairs === 0 ? 1 : correctPairs / predictedPairs;
  const recall = truePairs === 0 ? 1 : correctPairs / truePairs;
  return { precision, recall, f1: (2 * precision * recall) / (precision + recall || 1), truePairs, predictedPairs, correctPairs };
}
