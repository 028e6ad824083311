// An operator's breaking story (POST /hooks/breaking): cleaned and validated (text that chats
// can show, see core/text/clean-text.ts), resolved against the catalog as people name things
// (a country, category or language by code or name, a source by id or by the outlet's name,
// in any case; an unknown one gets the nearest names), stored as a story that is breaking at
// once (reason "operator"), and fanned out like any other. The same URL pushed twice is the
// same story: the second push changes nothing.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Catalog } from '../catalog/catalog.ts';
import { cleanString, optionalCleanString } from '../text/clean-text.ts';
import { nearest } from '../text/nearest.ts';

const httpUrl = z.url({ protocol: /^https?$/, error: 'an http or https URL' }).max(2000);
const name = z.string().trim().min(1).max(100);

export const operatorBreakingSchema = z.object({
  title: cleanString(300),
  url: httpUrl,
  summary: optionalCleanString(2000),
  source: cleanString(100).optional(),
  imageUrl: httpUrl.optional(),
  countries: z.array(name).min(1).max(50),
  categories: z.array(name).min(1).max(20),
  language: name,
});

export type OperatorBreakingInput = z.infer<typeof operatorBreakingSchema>;

/** A push resolved against the catalog: codes, slugs and ids. */
export interface OperatorBreaking {
  title: string;
  url: string;
  summary: string | undefined;
  sourceId: string | undefined;
  imageUrl: string | undefined;
  countries: string[];
  categories: string[];
  language: string;
}

export interface OperatorStoryRepository {
  /** Creates the story under `key` unless it exists; returns its id and whether it was created. */
  createOperatorStory(story: {
    key: string;
    headline: string;
    url: string;
    summary: string;
    imageUrl: string | null;
    sourceId: string | null;
    countries: string[];
    categories: string[];
    language: string;
    at: Date;
  }): Promise<{ id: number; created: boolean }>;
}

const unknown = (what: string, input: string, names: string[]) => {
  const near = nearest(input, names);
  return `unknown ${what} ${JSON.stringify(input)}${near.length > 0 ? `; did you mean ${near.join(', ')}?` : ''}`;
};

/** The push with catalog codes, or every field error ("path: message"). */
export function resolveOperatorBreaking(input: OperatorBreakingInput, catalog: Catalog): { story: OperatorBreaking } | { errors: string[] } {
  const errors: string[] = [];
  const countries = input.countries.map((c, i) => {
    if (c.toUpperCase() === 'WORLD') return 'WORLD';
    const found = catalog.findCountry(c);
    if (!found)
      errors.push(
        `countries.${i}: ${unknown(
          'country',
          c,
          catalog.countries.flatMap((x) => [x.name, x.code]),
        )}`,
      );
    return found?.code ?? c;
  });
  const categories = input.categories.map((c, i) => {
    const found = catalog.findCategory(c);
    if (!found || found.slug === catalog.allCategory?.slug)
      errors.push(
        `categories.${i}: ${unknown(
          'category',
          c,
          catalog.categories.map((x) => x.slug),
        )}`,
      );
    return found?.slug ?? c;
  });
  const language = catalog.findLanguage(input.language);
  if (!language)
    errors.push(
      `language: ${unknown(
        'language',
        input.language,
        catalog.languages.flatMap((l) => [l.name, l.code]),
      )}`,
    );
  const source = input.source === undefined ? undefined : catalog.findSourceAnywhere(input.source);
  if (input.source !== undefined && !source)
    errors.push(
      `source: ${unknown(
        'source',
        input.source,
        catalog.sources.map((s) => s.name),
      )}`,
    );
  if (errors.length > 0) return { errors };
  return {
    story: {
      title: input.title,
      url: input.url,
      summary: input.summary,
      sourceId: source?.id,
      imageUrl: input.imageUrl,
      countries: [...new Set(countries)],
      categories: [...new Set(categories)],
      language: language!.code,
    },
  };
}

export async function pushOperatorBreaking(repo: OperatorStoryRepository, input: OperatorBreaking, at: Date): Promise<{ id: number; created: boolean }> {
  return repo.createOperatorStory({
    key: `hook:${createHash('sha256').update(input.url).digest('hex').slice(0, 40)}`,
    headline: input.title,
    url: input.url,
    summary: input.summary ?? '',
    imageUrl: input.imageUrl ?? null,
    sourceId: input.sourceId ?? null,
    countries: input.countries,
    categories: input.categories,
    language: input.language,
    at,
  });
}
