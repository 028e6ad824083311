// One item as a JSON line, as `herald stories cluster` and `stories explain --stdin` read it.
import { z } from 'zod';

export const itemLineSchema = z.object({
  id: z.union([z.string(), z.number()]).optional(),
  title: z.string().min(1),
  summary: z.string().default(''),
  url: z.string().min(1),
  source: z.string().min(1),
  // A date and time with its offset, or a date alone (ISO 8601), which means that day (UTC).
  publishedAt: z.union([z.iso.datetime({ offset: true }), z.iso.date()], { error: 'an ISO 8601 date, or date and time (2026-11-30 or 2026-11-30T10:00:00Z)' }),
  language: z.string().min(2),
});

export type ItemLine = z.infer<typeof itemLineSchema>;

/** A line parsed, or why not, in one line. */
export function parseItemLine(line: string): { item: ItemLine } | { error: string } {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return { error: 'not JSON' };
  }
  const parsed = itemLineSchema.safeParse(json);
  return parsed.success ? { item: parsed.data } : { error: parsed.error.issues.map((i) => `${i.path.join('.') || '(line)'}: ${i.message}`).join('; ') };
}
