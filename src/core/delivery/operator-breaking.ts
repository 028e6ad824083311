// An operator's breaking story (POST /hooks/breaking): validated against the catalog, stored
// as a story that is breaking at once (reason "operator"), and fanned out like any other. The
// same URL pushed twice is the same story: the second push changes nothing.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Catalog } from '../catalog/catalog.ts';

export const operatorBreakingSchema = z.object({
  title: z.string().trim().min(1).max(300),
  url: z.url({ protocol: /^https?$/ }).max(2000),
  summary: z.string().trim().max(2000).optional(),
  source: z.string().trim().min(1).max(100).optional(),
  countries: z.array(z.string().regex(/^([A-Z]{2}|WORLD)$/, 'an ISO 3166 alpha-2 code or WORLD')).min(1).max(50),
  categories: z.array(z.string().regex(/^[a-z0-9-]+$/, 'a lowercase slug such as national')).min(1).max(20),
  language: z.string().regex(/^[a-z]{2}$/, 'an ISO 639-1 code such as en'),
});

export type OperatorBreaking = z.infer<typeof operatorBreakingSchema>;

export interface OperatorStoryRepository {
  /** Creates the story under `key` unless it exists; returns its id and whether it was created. */
  createOperatorStory(story: { key: string; headline: string; url: string; summary: string; sourceId: string | null; countries: string[]; categories: string[]; language: string; at: Date }): Promise<{ id: number; created: boolean }>;
}

/** Field errors against the catalog (unknown countries, categories, language, source), as "path: message". */
export function catalogErrors(input: OperatorBreaking, catalog: Catalog): string[] {
  const errors: string[] = [];
  input.countries.forEach((c, i) => {
    if (c !== 'WORLD' && !catalog.country(c)) errors.push(`countries.${i}: unknown country ${c}`);
  });
  input.categories.forEach((c, i) => {
    if (!catalog.category(c)) errors.push(`categories.${i}: unknown category ${c}`);
  });
  if (!catalog.language(input.language)) errors.push(`language: unknown language ${input.language}`);
  if (input.source && !catalog.source(input.source)) errors.push(`source: unknown source ${input.source}`);
  return errors;
}

export async function pushOperatorBreaking(repo: OperatorStoryRepository, input: OperatorBreaking, at: Date): Promise<{ id: number; created: boolean }> {
  return repo.createOperatorStory({
    key: `hook:${createHash('sha256').update(input.url).digest('hex').slice(0, 40)}`,
    headline: input.title,
    url: input.url,
    summary: input.summary ?? '',
    sourceId: input.source ?? null,
    countries: input.countries,
    categories: input.categories,
    language: input.language,
    at,
  });
}
