// The demo news (demo/news.yaml) as a catalog and as feeds: one feed per outlet and category,
// whose items appear at their time relative to the start, so a newcomer sees a backlog at
// once and a story break a few minutes later. Fictional.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import type { Catalog } from '../../core/catalog/catalog.ts';
import { validateCatalog } from '../../core/catalog/catalog-validate.ts';
import { projectRoot } from '../../core/project-root.ts';

const DEMO_NEWS_FILE = join(projectRoot, 'demo', 'news.yaml');
const CATEGORIES = ['national', 'international', 'business', 'entertainment', 'sports', 'special'] as const;

const newsSchema = z.strictObject({
  countries: z.array(z.strictObject({ code: z.string(), name: z.string(), timezone: z.string() })).min(1),
  outlets: z.array(z.strictObject({ id: z.string(), name: z.string(), country: z.string() })).min(1),
  stories: z.array(
    z
      .strictObject({
        category: z.enum(CATEGORIES),
        ago: z.number().min(0).optional(),
        at: z.number().min(0).optional(),
        summary: z.string(),
        reports: z.record(z.string(), z.string()),
      })
      .refine((s) => (s.ago === undefined) !== (s.at === undefined), 'a story needs either ago or at'),
  ),
});

export type DemoNews = z.infer<typeof newsSchema>;

export async function loadDemoNews(file = DEMO_NEWS_FILE): Promise<DemoNews> {
  return newsSchema.parse(parse(await readFile(file, 'utf8')));
}

const feedId = (outlet: string, category: string) => `${outlet}-en-${category}`;

/** The demo catalog, with feeds at `origin` (the demo feed server). */
export function demoCatalog(news: DemoNews, origin: string): Catalog {
  const file = {
    languages: [{ code: 'en', name: 'English', native: 'English' }],
    categories: [...CATEGORIES.map((slug) => ({ slug, name: slug[0]!.toUpperCase() + slug.slice(1) })), { slug: 'all', name: 'All Categories', union: true }],
    countries: news.countries.map((c) => ({ code: c.code, name: c.name, primaryLanguage: 'en', otherLanguages: [], timezone: c.timezone })),
    sources: news.outlets.map((o) => ({
      id: o.id,
      name: o.name,
      homepage: `${origin}/`,
      editions: [{ country: o.country, languages: ['en'] }],
      feeds: CATEGORIES.map((category) => ({ id: feedId(o.id, category), url: `${origin}/feeds/${feedId(o.id, category)}.xml`, language: 'en', category })),
    })),
  };
  const result = validateCatalog(file);
  if (!result.ok) throw new Error(`demo/news.yaml makes an invalid catalog: ${result.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  return result.catalog;
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const COLOURS: Record<string, string> = {
  national: '#1d4ed8',
  international: '#047857',
  business: '#b45309',
  entertainment: '#be185d',
  sports: '#15803d',
  special: '#6d28d9',
};

/** A demo story's picture: a card in its category's colour with its number, as SVG; null for an unknown story. */
export function demoImage(news: DemoNews, n: number): string | null {
  const story = news.stories[n - 1];
  if (!story) return null;
  const colour = COLOURS[story.category] ?? '#334155';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360" viewBox="0 0 640 360"><rect width="640" height="360" fill="${colour}"/><circle cx="520" cy="90" r="60" fill="#ffffff" fill-opacity="0.25"/><text x="40" y="300" font-family="sans-serif" font-size="48" fill="#ffffff">Demo ${n}</text></svg>`;
}

/** The RSS of one demo feed at `now`, for a server started at `start`; null for an unknown feed. */
export function demoFeed(news: DemoNews, origin: string, id: string, start: Date, now: Date): string | null {
  const outlet = news.outlets.find((o) => id.startsWith(`${o.id}-en-`));
  if (!outlet) return null;
  const category = id.slice(`${outlet.id}-en-`.length);
  if (!CATEGORIES.includes(category as (typeof CATEGORIES)[number])) return null;
  const items = news.stories
    .map((s, index) => ({ s, index, at: new Date(start.getTime() + (s.at ?? -(s.ago ?? 0)) * 60_000 + news.outlets.indexOf(outlet) * 20_000) }))
    .filter(({ s, at }) => s.category === category && s.reports[outlet.id] && at <= now)
    .sort((a, b) => b.at.getTime() - a.at.getTime());
  const entries = items.map(({ s, index, at }) => {
    const link = `${origin}/stories/${index + 1}/${outlet.id}`;
    // Each story has a picture, served on loopback too: images show offline (the web chat's cards).
    const image = `<enclosure url="${xml(`${origin}/images/${index + 1}.svg`)}" type="image/svg+xml" length="0"/>`;
    return `<item><title>${xml(s.reports[outlet.id]!)}</title><link>${xml(link)}</link><guid isPermaLink="false">${outlet.id}-${index + 1}</guid><pubDate>${at.toUTCString()}</pubDate><description>${xml(s.summary)}</description>${image}</item>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>${xml(`${outlet.name}: ${category}`)}</title><link>${xml(origin)}/</link><description>Demo news for Herald (fictional)</description>
${entries.join('\n')}
</channel></rss>`;
}
