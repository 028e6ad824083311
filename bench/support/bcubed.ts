// B-cubed precision and recall of a clustering against labels: per item, the share of its
// cluster that shares its label (precision) and the share of its label's items in its cluster
// (recall), averaged over items. Unlike pairwise scores, large clusters do not dominate.
export function bcubedScore(items: { label: string; cluster: string }[]): { precision: number; recall: number; f1: number } {
  const count = (key: (i: { label: string; cluster: string }) => string) => {
    const m = new Map<string, number>();
    for (const i of items) m.set(key(i), (m.get(key(i)) ?? 0) + 1);
    return m;
  };
  const byCluster = count((i) => i.cluster);
  const byLabel = count((i) => i.label);
  const byBoth = count((i) => `${i.label}\u0000${i.cluster}`);
  let p = 0;
  let r = 0;
  for (const i of items) {
    const both = byBoth.get(`${i.label}\u0000${i.cluster}`)!;
    p += both / byCluster.get(i.cluster)!;
    r += both / byLabel.get(i.label)!;
  }
  const precision = items.length ? p / items.length : 1;
  const recall = items.length ? r / items.length : 1;
  return { precision, recall, f1: (2 * precision * recall) / (precision + recall || 1) };
}
