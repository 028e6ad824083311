// The baseline for story grouping: NewsBlur's title clustering (its tier 1, 2026), rewritten
// here from its description. Two stories from different feeds join when their normalised
// titles are equal, or when each title has at least 5 significant words, they share at
// least 3, and the overlap coefficient (shared ÷ the smaller set) is at least 0.6; joins are
// transitive (union-find). A word shared by more than 50 titles is not used to find pairs,
// titles under 10 characters are never grouped, and a group needs two feeds. NewsBlur also
// caps a cluster at 10 stories; this does not, which can only help the baseline's recall.

const STOPWORDS = new Set(
  (
    'a an the and or but in on at to for of is it by with from as be was were are this that have has had do does did will would could ' +
    'should may might can shall not no its his her their our your my been being he she so up if me we am us go oh ok'
  ).split(' '),
);
const MIN_TITLE = 10;
const MIN_WORDS = 5;
const MIN_SHARED = 3;
const MIN_OVERLAP = 0.6;
const MAX_POSTINGS = 50;

export function normalizeTitle(title: string): string {
  return title
    .toLowerCase()
    .trim()
    .replace(/[-/]/g, ' ')
    .replace(/[^\p{L}\p{N}_\s]/gu, '')
    .replace(/\s+/g, ' ');
}

const stem = (w: string) => (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w);

export function significantWords(title: string): Set<string> {
  return new Set(
    normalizeTitle(title)
      .split(' ')
      .filter((w) => w.length > 1 && !STOPWORDS.has(w) && !/^\d+$/.test(w))
      .map(stem),
  );
}

/** A cluster label per item (an item left alone is its own cluster). `feeds[i]` is item i's feed. */
export function newsBlurClusters(titles: string[], feeds: string[]): string[] {
  const parent = titles.map((_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]!]!;
    return x;
  };
  const union = (a: number, b: number) => {
    parent[find(a)] = find(b);
  };
  const norm = titles.map(normalizeTitle);
  const valid = norm.map((n) => n.length >= MIN_TITLE);
  const byTitle = new Map<string, number[]>();
  norm.forEach((n, i) => valid[i] && byTitle.set(n, [...(byTitle.get(n) ?? []), i]));
  for (const group of byTitle.values()) if (new Set(group.map((i) => feeds[i])).size >= 2) for (const i of group.slice(1)) union(group[0]!, i);

  const words = titles.map((t, i) => (valid[i] ? significantWords(t) : new Set<string>()));
  const postings = new Map<string, number[]>();
  words.forEach((ws, i) => ws.size >= MIN_WORDS && ws.forEach((w) => postings.set(w, [...(postings.get(w) ?? []), i])));
  const seen = new Set<string>();
  for (const list of postings.values()) {
    if (list.length > MAX_POSTINGS) continue;
    for (let x = 0; x < list.length; x++)
      for (let y = x + 1; y < list.length; y++) {
        const a = list[x]!;
        const b = list[y]!;
        const key = `${a}:${b}`;
        if (seen.has(key) || feeds[a] === feeds[b]) continue;
        seen.add(key);
        let shared = 0;
        for (const w of words[a]!) if (words[b]!.has(w)) shared++;
        if (shared >= MIN_SHARED && shared / Math.min(words[a]!.size, words[b]!.size) >= MIN_OVERLAP) union(a, b);
      }
  }
  // A group whose items all come from one feed is no group.
  const feedsOf = new Map<number, Set<string>>();
  titles.forEach((_, i) => feedsOf.set(find(i), (feedsOf.get(find(i)) ?? new Set()).add(feeds[i]!)));
  return titles.map((_, i) => (feedsOf.get(find(i))!.size >= 2 ? `g${find(i)}` : `s${i}`));
}
