// The labelled story set (test/fixtures/stories/labelled.jsonl), in publication order.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface LabelledItem {
  id: string;
  story: string;
  title: string;
  summary: string;
  url: string;
  source: string;
  publishedAt: string;
  language: string;
}

export function labelledSet(): LabelledItem[] {
  return readFileSync(join(import.meta.dirname, '..', 'fixtures', 'stories', 'labelled.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as LabelledItem)
    .sort((a, b) => a.publishedAt.localeCompare(b.publishedAt) || a.id.localeCompare(b.id));
}
