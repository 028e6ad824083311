// The demo's RSS, one feed per outlet and category, whose items appear at their time relative
// to the start, so a newcomer sees a backlog at once and a story break a few minutes later;
// and the short page a story's link leads to. Each says, in its own language, that it is fictional.
import { CATEGORIES, feedId, noticeIn, outletById, summaryFor, type DemoNews } from './demo-news.ts';

export const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Seconds between two outlets' reports of one story: they do not all land in the same instant. */
const OUTLET_STAGGER_MS = 15_000;

/** The RSS of one demo feed at `now`, for a server started at `start`; null for an unknown feed. */
export function demoFeed(news: DemoNews, origin: string, id: string, start: Date, now: Date): string | null {
  const outlet = news.outlets.find((o) => CATEGORIES.some((c) => feedId(o, c) === id));
  if (!outlet) return null;
  const category = CATEGORIES.find((c) => feedId(outlet, c) === id)!;
  const stagger = news.outlets.indexOf(outlet) * OUTLET_STAGGER_MS;
  const items = news.stories
    .map((s, index) => ({ s, index, at: new Date(start.getTime() + (s.at ?? -(s.ago ?? 0)) * 60_000 + stagger) }))
    .filter(({ s, at }) => s.category === category && s.reports[outlet.id] && at <= now)
    .sort((a, b) => b.at.getTime() - a.at.getTime());
  const entries = items.map(({ s, index, at }) => {
    const link = `${origin}/stories/${index + 1}/${outlet.id}`;
    // Each report has a picture with its own headline, served on loopback too: images show
    // offline (the web chat's cards), and in the reader's language.
    const image = `<enclosure url="${xml(`${origin}/images/${index + 1}/${outlet.id}.svg`)}" type="image/svg+xml" length="0"/>`;
    return `<item><title>${xml(s.reports[outlet.id]!)}</title><link>${xml(link)}</link><guid isPermaLink="false">${outlet.id}-${index + 1}</guid><pubDate>${at.toUTCString()}</pubDate><description>${xml(summaryFor(s, outlet))}</description>${image}</item>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>${xml(`${outlet.name}: ${category}`)}</title><link>${xml(origin)}/</link><language>${outlet.language}</language><description>${xml(noticeIn(news, outlet.language))}</description>
${entries.join('\n')}
</channel></rss>`;
}

/** The plain-text page of story `n` as `outletId` reports it; null when it does not. */
export function demoStoryPage(news: DemoNews, n: number, outletId: string): string | null {
  const story = news.stories[n - 1];
  const outlet = outletById(news, outletId);
  const headline = story?.reports[outletId];
  if (!story || !outlet || headline === undefined) return null;
  return `${headline}\n\n${summaryFor(story, outlet)}\n\n(${noticeIn(news, outlet.language)})\n`;
}
