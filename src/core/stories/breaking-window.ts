// When a story breaks by its outlets: the most distinct outlets in any span of T that
// includes a report. Reports arrive late and out of order, so the span may lie before or
// after it; a feed's backlog never counts. Pure.

interface Report {
  source: string;
  publishedAt: Date;
  backlog: boolean;
}

/** The most distinct outlets among `reports` in any span of `windowMs` that includes `item`. */
export function outletsWithin(reports: readonly Report[], item: Pick<Report, 'publishedAt'>, windowMs: number): number {
  const t = item.publishedAt.getTime();
  const near = reports
    .filter((i) => !i.backlog && Math.abs(i.publishedAt.getTime() - t) <= windowMs)
    .sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime());
  let best = 0;
  for (const start of near) {
    const from = start.publishedAt.getTime();
    if (from > t) break;
    if (from + windowMs < t) continue;
    best = Math.max(best, new Set(near.filter((i) => i.publishedAt.getTime() >= from && i.publishedAt.getTime() <= from + windowMs).map((i) => i.source)).size);
  }
  return best;
}
