// The demo news (every demo/*.yaml file) read and checked, and made into a catalog: one source
// per outlet with an edition in each of its countries, a feed per category in its language.
// Fictional.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import type { Catalog } from '../../core/catalog/catalog.ts';
import { validateCatalog } from '../../core/catalog/catalog-validate.ts';
import { projectRoot } from '../../core/project-root.ts';

const DEMO_DIR = join(projectRoot, 'demo');
export const CATEGORIES = ['national', 'international', 'business', 'entertainment', 'sports', 'special'] as const;

const language = z.strictObject({ code: z.string(), name: z.string(), native: z.string(), notice: z.string() });
const country = z.strictObject({
  code: z.string(),
  name: z.string(),
  primaryLanguage: z.string(),
  otherLanguages: z.array(z.string()),
  timezone: z.string(),
});
const outlet = z.strictObject({ id: z.string(), name: z.string(), countries: z.array(z.string()).min(1), language: z.string() });
const story = z
  .strictObject({
    category: z.enum(CATEGORIES),
    ago: z.number().min(0).optional(),
    at: z.number().min(0).optional(),
    /** In its reports' language, or one per language when outlets in several report it. */
    summary: z.union([z.string(), z.record(z.string(), z.string())]),
    /** outlet id → its headline */
    reports: z.record(z.string(), z.string()),
  })
  .refine((s) => (s.ago === undefined) !== (s.at === undefined), 'a story needs either ago or at');

// One file may hold any of the parts; the demo is all of them together.
const part = z.strictObject({
  languages: z.array(language).optional(),
  countries: z.array(country).optional(),
  outlets: z.array(outlet).optional(),
  stories: z.array(story).optional(),
});

export interface DemoNews {
  languages: z.infer<typeof language>[];
  countries: z.infer<typeof country>[];
  outlets: z.infer<typeof outlet>[];
  stories: DemoStory[];
}
export type DemoOutlet = z.infer<typeof outlet>;
export type DemoStory = z.infer<typeof story>;

/** The demo in `dir`: its *.yaml files in name order (stories are numbered in that order). */
export async function loadDemoNews(dir = DEMO_DIR): Promise<DemoNews> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.yaml')).sort();
  const news: DemoNews = { languages: [], countries: [], outlets: [], stories: [] };
  for (const file of files) {
    const parsed = part.safeParse(parse(await readFile(join(dir, file), 'utf8')));
    if (!parsed.success) throw new Error(`demo/${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    for (const key of ['languages', 'countries', 'outlets', 'stories'] as const) (news[key] as unknown[]).push(...(parsed.data[key] ?? []));
  }
  const problems = check(news);
  if (problems.length > 0) throw new Error(`the demo news is inconsistent: ${problems.join('; ')}`);
  return news;
}

/** What the catalog's validation cannot see: every report by a known outlet, with a summary in its language. */
function check(news: DemoNews): string[] {
  const problems: string[] = [];
  news.stories.forEach((s, i) => {
    const languages = new Set<string>();
    for (const id of Object.keys(s.reports)) {
      const o = outletById(news, id);
      if (!o) problems.push(`story ${i + 1}: unknown outlet "${id}"`);
      else languages.add(o.language);
    }
    if (typeof s.summary === 'string' && languages.size > 1)
      problems.push(`story ${i + 1}: reported in ${[...languages].join(', ')}: give a summary per language`);
    if (typeof s.summary !== 'string') for (const l of languages) if (!s.summary[l]) problems.push(`story ${i + 1}: no summary in "${l}"`);
  });
  return problems;
}

export const outletById = (news: DemoNews, id: string): DemoOutlet | undefined => news.outlets.find((o) => o.id === id);

/** A story's summary as `outlet` reports it. */
export const summaryFor = (s: DemoStory, o: DemoOutlet): string => (typeof s.summary === 'string' ? s.summary : (s.summary[o.language] ?? ''));

/** The line that says the news is fictional, in a language. */
export const noticeIn = (news: DemoNews, code: string): string => news.languages.find((l) => l.code === code)?.notice ?? 'Demo news for Herald: fictional.';

export const feedId = (o: DemoOutlet, category: string) => `${o.id}-${o.language}-${category}`;

/** The demo catalog, with feeds at `origin` (the demo feed server). */
export function demoCatalog(news: DemoNews, origin: string): Catalog {
  const file = {
    languages: news.languages.map(({ code, name, native }) => ({ code, name, native })),
    categories: [...CATEGORIES.map((slug) => ({ slug, name: slug[0]!.toUpperCase() + slug.slice(1) })), { slug: 'all', name: 'All Categories', union: true }],
    countries: news.countries,
    sources: news.outlets.map((o) => ({
      id: o.id,
      name: o.name,
      homepage: `${origin}/`,
      editions: o.countries.map((c) => ({ country: c, languages: [o.language] })),
      feeds: CATEGORIES.map((category) => ({ id: feedId(o, category), url: `${origin}/feeds/${feedId(o, category)}.xml`, language: o.language, category })),
    })),
  };
  const result = validateCatalog(file);
  if (!result.ok) throw new Error(`the demo news makes an invalid catalog: ${result.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  return result.catalog;
}
