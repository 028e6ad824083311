// The labelled story set (test/fixtures/stories/labelled.jsonl), in publication order. Its
// German story s016 reports the same event as the English s013 (its README): labelled apart
// when stories stayed within one language, it shares s013's label here now that one story
// spans languages.
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
    .map((item) => (item.story === 's016' ? { ...item, story: 's013' } : item))
    .sort((a, b) => a.publishedAt.localeCompare(b.publishedAt) || a.id.localeCompare(b.id));
}
