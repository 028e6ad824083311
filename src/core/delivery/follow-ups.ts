// Developing stories: a breaking story that readers already have and that more outlets have
// reported since gets one follow-up per reader ("3 more outlets now report this: …"), never a
// second breaking alert. Only readers whose alert was sent get one, while breaking is still on
// for them; in their quiet hours it waits with their other held news. Each story is followed
// up once ("followup:<story id>" per target, and the story marked after its rows are written).
import type { Catalog } from '../catalog/catalog.ts';
import type { Clock } from '../clock.ts';
import { en } from '../i18n/messages.en.ts';
import type { Logger } from '../logger.ts';
import type { OutgoingMessage } from '../message/outgoing.ts';
import type { StoryCard } from '../message/story-card.ts';
import type { AudienceRepository, BreakingStory } from './audience.ts';
import { inQuietHours, quietEnd } from './local-time.ts';
import type { NewOutboxRow, OutboxRepository } from './outbox.ts';

/** A breaking story as it is now, with the outlets it had when its alert went out. */
export interface DevelopingStory extends Pick<BreakingStory, 'id' | 'outlets' | 'categories' | 'lead'> {
  fanoutOutlets: string[];
  fanoutAt: Date;
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
      const message = followUpMessage(story, fresh, this.deps.catalog);
      for (let after = 0; ;) {
        const ids = await this.deps.stories.alerted(story.id, after, PAGE);
        if (ids.length === 0) break;
        const r = await this.#queue(story.id, ids, message, now);
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

  async #queue(storyId: number, targetIds: number[], message: OutgoingMessage, now: Date): Promise<{ queued: number; held: number }> {
    const members = await this.deps.audience.members(targetIds);
    const rows: NewOutboxRow[] = [];
    let held = 0;
    for (const id of targetIds) {
      const prefs = members.get(id)?.prefs;
      // Breaking turned off (or the target gone) since the alert: no follow-up either.
      if (!prefs?.breaking) continue;
      const row: NewOutboxRow = { targetId: id, dedupeKey: `followup:${storyId}`, kind: 'followup', message };
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

function followUpMessage(story: DevelopingStory, fresh: string[], catalog: Catalog): OutgoingMessage {
  const name = (id: string) => catalog.source(id)?.name ?? id;
  const outlets = fresh.map(name).join(', ');
  const line = en.delivery.followUpLine({ count: fresh.length, outlets });
  const category = catalog.categories.find((c) => story.categories.includes(c.slug));
  const coverage = en.conversation.coverageHint({ id: story.id });
  const card: StoryCard = {
    headline: story.lead.title,
    url: story.lead.url,
    ...(story.lead.summary ? { summary: story.lead.summary } : {}),
    note: line,
    outlet: story.lead.sourceId ? name(story.lead.sourceId) : 'Herald',
    moreOutlets: Math.max(0, story.outlets.length - 1),
    time: story.lead.publishedAt,
    ...(category ? { category: category.slug, section: category.name } : {}),
    storyId: story.id,
    coverage,
  };
  return {
    title: en.delivery.followUpTitle,
    lines: [story.lead.title, `${line} (${coverage})`, ...(story.lead.url ? [story.lead.url] : [])],
    cards: [card],
  };
}
