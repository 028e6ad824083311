// Developing stories: a breaking story that readers already have and that more outlets have
// reported since gets one follow-up per reader ("3 more outlets now report this: …"), never a
// second breaking alert. Only readers whose alert was sent get one, while breaking is still on
// for them; in their quiet hours it waits with their other held news. Each story is followed
// up once ("followup:<story id>" per target, and the story marked after its rows are written).
import type { Catalog } from '../catalog/catalog.ts';
import { sourcesButtons } from '../stories/coverage.ts';
import type { Clock } from '../clock.ts';
import { categoryLabel, type Messages } from '../i18n/messages.ts';
import { storyTime } from '../i18n/reader-time.ts';
import { localized, readerClock, readerKey } from '../i18n/target-language.ts';
import type { Logger } from '../logger.ts';
import type { OutgoingMessage } from '../message/outgoing.ts';
import { reportCard, type StoryCard } from '../message/story-card.ts';
import { breakingBlockedBy, leadFor, type AudienceMember, type AudienceRepository, type BreakingStory } from './audience.ts';
import { inQuietHours, quietEnd } from './local-time.ts';
import type { NewOutboxRow, OutboxRepository } from './outbox.ts';

/** A breaking story as it is now, with the outlets it had when its alert went out. */
export interface DevelopingStory extends Pick<BreakingStory, 'id' | 'outlets' | 'categories' | 'lead' | 'leads'> {
  fanoutOutlets: string[];
}

export interface FollowUpSource {
  /** Stories fanned out since `since` whose follow-ups are not written yet, oldest first. */
  awaitingFollowUp(since: Date): Promise<DevelopingStory[]>;
  /** Targets whose breaking alert of this story was sent, by id after `afterTargetId`. */
  alerted(storyId: number, afterTargetId: number, limit: number): Promise<number[]>;
  markFollowedUp(storyId: number, at: Date): Promise<void>;
}

export interface FollowUpOptions {
  /** New outlets since the alert that make a follow-up; 0 turns follow-ups off. */
  minNewOutlets: number;
  /** A story fanned out longer ago than this gets no follow-up any more. */
  maxAgeMs: number;
}

const MAX_AGE_MS = 24 * 3600_000;
const PAGE = 10_000;

export class FollowUps {
  readonly #options: FollowUpOptions;
  constructor(
    private readonly deps: {
      stories: FollowUpSource;
      audience: Pick<AudienceRepository, 'members'>;
      outbox: OutboxRepository;
      catalog: Catalog;
      logger: Logger;
      clock: Clock;
      onQueued?: (ids: number[]) => void;
    },
    options: Pick<FollowUpOptions, 'minNewOutlets'> & Partial<FollowUpOptions>,
  ) {
    this.#options = { maxAgeMs: MAX_AGE_MS, ...options };
  }

  /** Writes the follow-ups of every story that has grown enough; returns the counts. */
  async run(): Promise<{ stories: number; queued: number; held: number }> {
    const result = { stories: 0, queued: 0, held: 0 };
    if (this.#options.minNewOutlets <= 0) return result;
    const now = this.deps.clock();
    const stories = await this.deps.stories.awaitingFollowUp(new Date(now.getTime() - this.#options.maxAgeMs));
    for (const story of stories) {
      const fresh = newOutlets(story);
      if (fresh.length < this.#options.minNewOutlets) continue;
      // One message per report shown, interface language and clock, made when a reader of it is
      // first met: the report is in the reader's language where the story has one (as the alert's).
      const messages = new Map<string, OutgoingMessage>();
      const messageIn = (member: AudienceMember) => {
        const lead = leadFor(story, member.prefs);
        const key = `${readerKey(member)}\u0000${member.prefs.breakingThreads}\u0000${lead.url}`;
        let message = messages.get(key);
        if (!message) {
          const words = localized(member);
          const clock = readerClock(member, member.prefs);
          message = followUpMessage({ ...story, lead }, fresh, this.deps.catalog, words, (at) => storyTime(at, now, clock, words));
          // Into the alert's thread, for a reader who has them (delivery finds the alert).
          if (member.prefs.breakingThreads) message = { ...message, inThread: true };
          messages.set(key, message);
        }
        return message;
      };
      for (let after = 0; ;) {
        const ids = await this.deps.stories.alerted(story.id, after, PAGE);
        if (ids.length === 0) break;
        const r = await this.#queue(story, ids, messageIn, now);
        result.queued += r.queued;
        result.held += r.held;
        after = ids.at(-1)!;
        if (ids.length < PAGE) break;
      }
      await this.deps.stories.markFollowedUp(story.id, now);
      result.stories++;
    }
    if (result.stories > 0) this.deps.logger.info({ ...result }, 'developing stories followed up');
    return result;
  }

  async #queue(
    story: DevelopingStory,
    targetIds: number[],
    messageIn: (member: AudienceMember) => OutgoingMessage,
    now: Date,
  ): Promise<{ queued: number; held: number }> {
    const members = await this.deps.audience.members(targetIds);
    const rows: NewOutboxRow[] = [];
    let held = 0;
    for (const id of targetIds) {
      const member = members.get(id);
      const prefs = member?.prefs;
      // Breaking turned off (or the target gone) since the alert, or a filter added since that
      // keeps the story out: no follow-up either.
      if (!member || !prefs?.breaking || breakingBlockedBy(story, prefs)) continue;
      const row: NewOutboxRow = { targetId: id, dedupeKey: `followup:${story.id}`, kind: 'followup', message: messageIn(member) };
      if (prefs.quietHours && inQuietHours(prefs.quietHours, prefs.timezone, now)) {
        row.status = 'held';
        row.notBefore = quietEnd(prefs.quietHours, prefs.timezone, now);
        held++;
      }
      rows.push(row);
    }
    const added = await this.deps.outbox.add(rows);
    if (added.length > 0) this.deps.onQueued?.(added);
    return { queued: added.length, held };
  }
}

/** Outlets reporting the story now that had not when its alert went out. */
export function newOutlets(story: Pick<DevelopingStory, 'outlets' | 'fanoutOutlets'>): string[] {
  const before = new Set(story.fanoutOutlets);
  return story.outlets.filter((o) => !before.has(o));
}

/** The follow-up of `story` as told by its `lead`, with times on the reader's clock (`time`). */
function followUpMessage(story: DevelopingStory, fresh: string[], catalog: Catalog, words: Messages, time: (at: Date) => string): OutgoingMessage {
  const name = (id: string) => catalog.source(id)?.name ?? id;
  const line = words.delivery.followUpLine({ count: fresh.length, outlets: fresh.map(name) });
  const category = catalog.categories.find((c) => story.categories.includes(c.slug));
  const coverage = words.conversation.coverageHint({ id: story.id });
  const outlet = story.lead.sourceId ? name(story.lead.sourceId) : 'Herald';
  const card: StoryCard = {
    ...reportCard(story.lead, outlet, Math.max(0, story.outlets.length - 1), story.lead.publishedAt, story.id, words.conversation, time),
    note: line,
    ...(category ? { category: category.slug, section: categoryLabel(words, category.slug, category.name) } : {}),
    coverage,
  };
  // A follow-up adds to news the reader already had: it arrives without a sound.
  return {
    title: words.delivery.followUpTitle,
    silent: true,
    lines: [`${story.lead.title} (${card.outlet}, ${time(story.lead.publishedAt)})`, `${line} (${coverage})`, ...(story.lead.url ? [story.lead.url] : [])],
    cards: [card],
    buttons: sourcesButtons(story.id, story.outlets.length, words.conversation),
  };
}
