// Breaking news out: each story that turned breaking becomes one outbox row per matching
// target with breaking on ("breaking:<story id>", so a repeated run adds nothing). A target
// in its quiet hours gets the row held until they end; one over its hourly cap gets it
// folded (never sent; its next digest carries the story first). Held rows whose time has
// come are merged into one message per target. Stories are marked fanned out after their
// rows are written, so a crash in between only repeats harmless inserts.
import type { Clock } from '../clock.ts';
import { categoryLabel, type Messages } from '../i18n/messages.ts';
import { storyTime } from '../i18n/reader-time.ts';
import { localized, readerClock, readerKey } from '../i18n/target-language.ts';
import type { Preferences } from '../preferences/preferences.ts';
import type { Logger } from '../logger.ts';
import {
  bigEnough,
  breakingBlockedBy,
  leadFor,
  storyMatches,
  type AudienceMember,
  type AudienceRepository,
  type BreakingSource,
  type BreakingStory,
  type StoryLead,
} from './audience.ts';
import { inQuietHours, quietEnd } from './local-time.ts';
import type { OutgoingMessage } from '../message/outgoing.ts';
import { reportCard, type StoryCard } from '../message/story-card.ts';
import type { NewOutboxRow, OutboxRepository } from './outbox.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { sourcesButtons } from '../stories/coverage.ts';

export interface FanoutOptions {
  /** Breaking messages per target per hour; more are folded into the next digest. */
  capPerHour: number;
  /** A story that broke longer ago than this is no longer news: marked, not sent. */
  maxAgeMs: number;
}

/** A breaking story older than this is no longer news. */
const MAX_AGE_MS = 6 * 3600_000;
const PAGE = 10_000; // targets with their preferences per query

export class BreakingFanout {
  readonly #options: FanoutOptions;
  constructor(
    private readonly deps: {
      stories: BreakingSource;
      audience: AudienceRepository;
      outbox: OutboxRepository;
      catalog: Catalog;
      logger: Logger;
      clock: Clock;
      onQueued?: (ids: number[]) => void;
    },
    /** The cap comes from the configuration (BREAKING_CAP_PER_HOUR). */
    options: Pick<FanoutOptions, 'capPerHour'> & Partial<FanoutOptions>,
  ) {
    this.#options = { maxAgeMs: MAX_AGE_MS, ...options };
  }

  /** Fans out every breaking story waiting; returns the rows by status. */
  async run(): Promise<{ stories: number; pending: number; held: number; folded: number }> {
    const result = { stories: 0, pending: 0, held: 0, folded: 0 };
    const stories = await this.deps.stories.awaitingFanout(50);
    if (stories.length === 0) return result;
    const audience = await this.#audience();
    for (const story of stories) {
      const now = this.deps.clock();
      if (now.getTime() - story.breakingAt.getTime() <= this.#options.maxAgeMs) {
        const r = await this.#fanOut(story, audience, now);
        result.pending += r.pending;
        result.held += r.held;
        result.folded += r.folded;
      }
      await this.deps.stories.markFannedOut(story.id, now, story.outlets);
      result.stories++;
    }
    this.deps.logger.info({ ...result }, 'breaking stories fanned out');
    return result;
  }

  async #audience(): Promise<AudienceMember[]> {
    const all: AudienceMember[] = [];
    for (let after = 0; ;) {
      const page = await this.deps.audience.breakingAudience(after, PAGE);
      all.push(...page);
      if (page.length < PAGE) return all;
      after = page.at(-1)!.targetId;
    }
  }

  async #fanOut(story: BreakingStory, audience: AudienceMember[], now: Date): Promise<{ pending: number; held: number; folded: number }> {
    const matching = audience.filter((m) => storyMatches(story, m.prefs) && bigEnough(story, m.prefs) && !breakingBlockedBy(story, m.prefs));
    const counts = await this.deps.outbox.breakingCounts(
      matching.map((m) => m.targetId),
      new Date(now.getTime() - 3600_000),
    );
    // Readers with a daily limit: their alerts of the last 24 hours.
    const limited = matching.filter((m) => m.prefs.breakingDailyCap !== null).map((m) => m.targetId);
    const daily = limited.length > 0 ? await this.deps.outbox.breakingCounts(limited, new Date(now.getTime() - 24 * 3600_000)) : new Map<number, number>();
    // One message per report shown: a story told in several languages leads, for each reader,
    // with the report in that reader's language.
    const messages = new Map<string, OutgoingMessage>();
    const messageFor = (lead: StoryLead, member: AudienceMember) => {
      const { prefs } = member;
      const key = `${readerKey(member)}\u0000${prefs.breakingSound}\u0000${prefs.linkPreviews}\u0000${prefs.breakingThreads}\u0000${lead.url}`;
      let message = messages.get(key);
      if (!message) {
        const words = localized(member);
        const clock = readerClock(member, prefs);
        messages.set(key, (message = breakingMessage(story, lead, this.deps.catalog, words, (at) => storyTime(at, now, clock, words), prefs)));
      }
      return message;
    };
    const out = { pending: 0, held: 0, folded: 0 };
    const rows: NewOutboxRow[] = matching.map((m) => {
      const message = messageFor(leadFor(story, m.prefs), m);
      const row: NewOutboxRow = { targetId: m.targetId, dedupeKey: `breaking:${story.id}`, kind: 'breaking', message };
      const zone = m.prefs.timezone;
      // An operator's story is never folded: it has no items for a digest to carry, and the operator meant it.
      const overDaily = m.prefs.breakingDailyCap !== null && (daily.get(m.targetId) ?? 0) >= m.prefs.breakingDailyCap;
      if (story.reason !== 'operator' && ((counts.get(m.targetId) ?? 0) >= this.#options.capPerHour || overDaily)) row.status = 'folded';
      else if (m.prefs.quietHours && inQuietHours(m.prefs.quietHours, zone, now)) {
        row.status = 'held';
        row.notBefore = quietEnd(m.prefs.quietHours, zone, now);
      }
      out[row.status ?? 'pending']++;
      return row;
    });
    const added = await this.deps.outbox.add(rows);
    if (added.length > 0) this.deps.onQueued?.(added);
    return out;
  }

  /**
   * Merges each target's held rows whose quiet hours ended into one message, as its
   * preferences are now: breaking turned off folds them into the next digest; quiet hours
   * moved hold them until the new end.
   */
  async releaseHeld(): Promise<number> {
    const now = this.deps.clock();
    const held = await this.deps.outbox.heldDue(now, 20_000);
    const byTarget = new Map<number, typeof held>();
    for (const h of held) byTarget.set(h.targetId, [...(byTarget.get(h.targetId) ?? []), h]);
    const members = await this.deps.audience.members([...byTarget.keys()]);
    const added: number[] = [];
    for (const [targetId, rows] of byTarget) {
      const member = members.get(targetId);
      const prefs = member?.prefs;
      const ids = rows.map((r) => r.id);
      if (!prefs?.breaking) {
        await this.deps.outbox.foldHeld(ids);
        continue;
      }
      if (prefs.quietHours && inQuietHours(prefs.quietHours, prefs.timezone, now)) {
        await this.deps.outbox.holdUntil(ids, quietEnd(prefs.quietHours, prefs.timezone, now));
        continue;
      }
      // Keyed by the first held row: the merge of the same rows has the same key.
      const id = await this.deps.outbox.mergeHeld(
        targetId,
        rows.map((r) => r.id),
        `held:${rows[0]!.id}`,
        (messages) => combineHeld(messages, localized(member!)),
      );
      if (id !== undefined) added.push(id);
    }
    if (added.length > 0) this.deps.onQueued?.(added);
    return added.length;
  }
}

/**
 * The alert of `story` as told by `lead`, with its time on the reader's clock (`time`), with a
 * sound and its link's preview unless the reader turned them off, opening a thread for what
 * follows where the reader asked for one.
 */
function breakingMessage(
  story: BreakingStory,
  lead: StoryLead,
  catalog: Catalog,
  words: Messages,
  time: (at: Date) => string,
  choices: Pick<Preferences, 'breakingSound' | 'linkPreviews' | 'breakingThreads'>,
): OutgoingMessage {
  const category = catalog.categories.find((c) => story.categories.includes(c.slug));
  const outlet = lead.sourceId ? (catalog.source(lead.sourceId)?.name ?? lead.sourceId) : 'Herald';
  const more = Math.max(0, story.outlets.length - 1);
  const coverage = more > 0 ? words.conversation.coverageHint({ id: story.id }) : undefined;
  const card: StoryCard = {
    ...reportCard(lead, outlet, more, story.breakingAt, story.id, words.conversation, time),
    ...(category ? { category: category.slug, section: categoryLabel(words, category.slug, category.name) } : {}),
    ...(coverage ? { coverage } : {}),
  };
  const sources = [outlet, more > 0 ? words.conversation.moreSources({ count: more }) : '', time(story.breakingAt), coverage ?? ''].filter(Boolean).join(', ');
  return {
    title: words.delivery.breakingTitle,
    lines: [`${lead.title} (${sources})`, ...(lead.url ? [lead.url] : [])],
    cards: [card],
    buttons: sourcesButtons(story.id, story.outlets.length, words.conversation),
    ...(choices.breakingSound ? {} : { silent: true }),
    ...(choices.linkPreviews && lead.url ? { preview: lead.url } : {}),
    // Named by its headline, so that a channel's list of threads reads as the stories in it.
    ...(choices.breakingThreads ? { openThread: lead.title } : {}),
  };
}

/** Held breaking messages as one: every story, in the order they broke. */
function combineHeld(messages: OutgoingMessage[], words: Messages): OutgoingMessage {
  if (messages.length === 1) return messages[0]!;
  return {
    title: words.delivery.heldTitle({ count: messages.length }),
    lines: messages.flatMap((m, i) => [...(i > 0 ? [''] : []), ...m.lines]),
    cards: messages.flatMap((m) => m.cards ?? []),
  };
}
