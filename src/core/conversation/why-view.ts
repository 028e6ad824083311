// /why <story number or link>: what happened to a story in this chat, in the reader's words
// and on the reader's clock, from core/delivery/why.ts.
import type { Why, WhySource } from '../delivery/why.ts';
import { explain } from '../delivery/why.ts';
import { readerClock } from '../i18n/target-language.ts';
import { storyTime } from '../i18n/reader-time.ts';
import { errorView, view, type View } from '../message/view.ts';
import { filterLabel } from './filters-view.ts';
import { categoryName, languageName, sourceName, type Session } from './session.ts';
import { nextDigestLines } from './settings.ts';

export async function whyView(s: Session, source: WhySource, input: string): Promise<View> {
  const w = s.messages.why;
  if (!input) return errorView(w.usage);
  const story = await source.story(input);
  if (!story) return errorView(w.notFound({ input }));
  const prefs = s.isNew ? null : s.prefs;
  const why = explain(story, prefs, await source.rows(s.target.id, story));
  return view([story.headline, reason(s, why)], [], w.title({ id: story.id }));
}

function reason(s: Session, why: Why): string {
  const w = s.messages.why;
  const at = (d: Date) => storyTime(d, s.now, readerClock(s.target, s.prefs), s.messages);
  switch (why.kind) {
    case 'delivered':
      return w.delivered({ as: why.as, when: at(why.at) });
    case 'waiting':
      return w.waiting({ as: why.as });
    case 'held':
      return w.held({ until: at(why.until) });
    case 'folded':
      return w.folded;
    case 'failed':
      return w.failed({ error: why.error });
    case 'category':
      return w.category({ categories: why.categories.map((c) => categoryName(s, c)) });
    case 'language':
      return w.language({ languages: why.languages.map((l) => languageName(s, l)) });
    case 'outlet':
      return w.outlet({ outlets: why.outlets.map((o) => sourceName(s, o)) });
    case 'filter':
      return w.filter({ filter: filterLabel(s, why.filter) });
    case 'breakingOff':
      return w.breakingOff;
    case 'tooSmall':
      return w.tooSmall({ outlets: why.outlets, wanted: why.wanted });
    case 'neverBroke':
      return w.neverBroke({ next: nextDigestLines(s)[0] ?? s.msg.noDigests });
    case 'notYet':
      return w.notYet;
    case 'noPreferences':
      return w.noPreferences;
  }
}
