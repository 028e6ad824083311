// A story's full coverage: every outlet that reports it, each with its own headline, link and
// time, as one view every platform shows (/story <id>). A digest or a breaking message shows
// one report; this is where a reader checks that all its sources tell the same event.
import type { Catalog } from '../catalog/catalog.ts';
import { en } from '../i18n/messages.ts';
import { reportCard, type StoryCard } from '../message/story-card.ts';
import { view, type Button, type View } from '../message/view.ts';

export interface CoverageReport {
  /** Null for an operator's story with no outlet. */
  sourceId: string | null;
  title: string;
  url: string;
  summary: string;
  publishedAt: Date;
  languageCode?: string;
  imageUrl?: string | null;
}

export interface StoryCoverage {
  id: number;
  /** Every report, oldest first (an outlet may have several). */
  reports: CoverageReport[];
}

export interface CoverageSource {
  coverage(storyId: number): Promise<StoryCoverage | null>;
}

/** Each outlet once, with its first report, in the order they reported. */
function outletReports(coverage: StoryCoverage): CoverageReport[] {
  const seen = new Set<string | null>();
  return [...coverage.reports]
    .sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime())
    .filter((r) => (seen.has(r.sourceId) ? false : (seen.add(r.sourceId), true)));
}

/** Every outlet's report, each with its time on the reader's clock (`time`). */
export function coverageView(coverage: StoryCoverage, catalog: Catalog, msg: typeof en.conversation, time: (at: Date) => string): View {
  const reports = outletReports(coverage);
  const outletName = (r: CoverageReport) => (r.sourceId ? (catalog.source(r.sourceId)?.name ?? r.sourceId) : 'Herald');
  const cards: StoryCard[] = reports.map((r) => ({
    headline: r.title,
    url: r.url,
    ...(r.summary ? { summary: r.summary } : {}),
    outlet: outletName(r),
    moreOutlets: 0,
    time: r.publishedAt,
    when: time(r.publishedAt),
    storyId: coverage.id,
  }));
  const lines = reports.flatMap((r) => [`• ${outletName(r)} (${time(r.publishedAt)}): ${r.title}`, `  ${r.url}`]);
  return { ...view(lines, [], msg.coverageTitle({ count: reports.length })), cards };
}

/** The button that opens a story's every outlet, when it has more than one. */
export function sourcesButtons(storyId: number, outlets: number, msg = en.conversation): Button[][] {
  return outlets > 1 ? [[{ label: msg.sourcesButton({ count: outlets }), action: { kind: 'sources', story: storyId } }]] : [];
}

/**
 * One story as its card, told by its first report in one of `languages` (the reader's), with
 * the button to every outlet: where "back" from the sources goes.
 */
export function storyView(coverage: StoryCoverage, catalog: Catalog, msg: typeof en.conversation, time: (at: Date) => string, languages: string[]): View {
  const reports = outletReports(coverage);
  const lead = reports.find((r) => r.languageCode && languages.includes(r.languageCode)) ?? reports[0]!;
  const outlet = lead.sourceId ? (catalog.source(lead.sourceId)?.name ?? lead.sourceId) : 'Herald';
  const card = reportCard(lead, outlet, reports.length - 1, lead.publishedAt, coverage.id, msg, time);
  const lines = [`${lead.title} (${[outlet, card.more, card.when].filter(Boolean).join(', ')})`, ...(lead.url ? [lead.url] : [])];
  return { ...view(lines, sourcesButtons(coverage.id, reports.length, msg)), cards: [card] };
}
