// Daily digests, at each subscription's local time. Every tick (each minute) looks at the
// distinct (time zone, time) slots; a slot whose latest occurrence is recent and later than a
// subscription's last digest makes that subscription due. A target's subscriptions due at
// the same occurrence go out as one message with a section each. The message becomes an
// outbox row keyed by the occurrence ("digest:2026-11-21T08:00"), so a repeated tick or a
// second scheduler adds nothing; the slot's subscriptions are marked after all are written.
// Targets with the same preferences (and the same stories pinned) share one composition. Targets
// that differ only in their filters share the list of stories their digest may carry, and a
// filtered digest that ends up with the same stories as another shares its message.
import type { Catalog } from '../catalog/catalog.ts';
import type { Clock } from '../clock.ts';
import type { AudienceMember, AudienceRepository, DueSubscription } from '../delivery/audience.ts';
import { lastOccurrence } from '../delivery/local-time.ts';
import type { OutgoingMessage } from '../message/outgoing.ts';
import type { NewOutboxRow, OutboxRepository } from '../delivery/outbox.ts';
import { localized, readerClock, readerKey } from '../i18n/target-language.ts';
import { storyTime } from '../i18n/reader-time.ts';
import { filtersKey } from '../filters/filters.ts';
import { isoWeekday, lookbackMs } from './rhythm.ts';
import type { Logger } from '../logger.ts';
import { categoryLabel } from '../i18n/messages.ts';
import {
  candidateOf,
  composeDigest,
  digestCandidates,
  digestMessage,
  inLanguage,
  pickDigest,
  type Alerted,
  type Candidate,
  type Digest,
  type DigestSource,
  type DigestStory,
} from './digest-composer.ts';

export interface DigestSchedulerOptions {
  /** A missed occurrence (Herald was down) is still sent within this long; older ones are skipped. */
  catchUpMs: number;
  cap: number;
  /** How far back a first digest (or one after a long pause) looks. */
  maxLookbackMs: number;
}

const CATCH_UP_MS = 6 * 3600_000;
const MAX_LOOKBACK_MS = 24 * 3600_000;

export interface DigestTickResult {
  due: number;
  queued: number;
  empty: number;
  /** Digest messages composed (targets that read alike share one). */
  compositions: number;
  /** Time spent choosing stories and composing messages, in milliseconds (the rest is the database). */
  composeMs: number;
}

// Due subscriptions per page: smaller pages hold less memory, more pages cost time (100,000
// targets, with compositions' payloads stored once per tick: 5,000 → 8.6 s and 584 MiB peak;
// 2,000 → 9.4 s and 484 MiB; in bench/README).
const BATCH = 2_000;

/** What one tick composes and reads once for all its pages: compositions by profile, stories by window. */
interface TickCache {
  compositions: Map<string, OutgoingMessage | null>;
  stories: Map<number, Promise<DigestStory[]>>;
  /** The candidates of a profile without its filters, best first. */
  candidates: Map<string, Candidates>;
  /** Each story's place in the list it was read in (what a profile's rest refers to). */
  places: Map<DigestStory[], Map<DigestStory, number>>;
}

/**
 * A profile's candidates: the best (enough for the cap several times over) as they are, the
 * rest only as their stories' places in the tick's list and their categories (a few bytes each:
 * 1,000 profiles hold little), made into candidates again for the filters that need them.
 */
interface Candidates {
  head: Candidate[];
  rest?: { stories: Int32Array; categories: Uint8Array };
}

/** The candidates kept whole per profile, as a multiple of the cap. */
const CANDIDATES_KEPT = 8;

export class DigestScheduler {
  readonly #options: DigestSchedulerOptions;
  constructor(
    private readonly deps: {
      audience: AudienceRepository;
      outbox: OutboxRepository;
      stories: DigestSource;
      catalog: Catalog;
      logger: Logger;
      clock: Clock;
      onQueued?: (ids: number[]) => void;
    },
    /** The cap comes from the configuration (DIGEST_CAP). */
    options: Pick<DigestSchedulerOptions, 'cap'> & Partial<DigestSchedulerOptions>,
  ) {
    this.#options = { catchUpMs: CATCH_UP_MS, maxLookbackMs: MAX_LOOKBACK_MS, ...options };
  }

  async tick(): Promise<DigestTickResult> {
    const now = this.deps.clock();
    const total: DigestTickResult = { due: 0, queued: 0, empty: 0, compositions: 0, composeMs: 0 };
    // Shared by every page of this tick: the same preferences compose once, a window is read once.
    const tick: TickCache = { compositions: new Map(), stories: new Map(), candidates: new Map(), places: new Map() };
    for (const slot of await this.deps.audience.scheduleSlots()) {
      let occurrence;
      try {
        occurrence = lastOccurrence(slot.digestTime, slot.timezone, now);
      } catch {
        continue; // a zone this runtime does not know: nothing can be scheduled there
      }
      if (now.getTime() - occurrence.at.getTime() > this.#options.catchUpMs) continue;
      // The local day of the occurrence: weekday and weekly digests come on theirs only.
      const weekday = isoWeekday(occurrence.date);
      // Page by target; the slot is marked once every page is written. A crash in between
      // only repeats inserts the outbox ignores.
      let any = false;
      for (let after = 0; ;) {
        let due = await this.deps.audience.dueSubscriptions(slot.timezone, slot.digestTime, occurrence.at, weekday, after, BATCH);
        if (due.length === 0) break;
        any = true;
        const full = due.length === BATCH;
        // A page ends between targets: a target's categories due together go out together.
        if (full) {
          const last = due.at(-1)!.targetId;
          const trimmed = due.filter((d) => d.targetId !== last);
          if (trimmed.length > 0) due = trimmed;
        }
        const r = await this.#send(due, `digest:${occurrence.date}T${slot.digestTime}`, occurrence.at, tick);
        for (const k of Object.keys(total) as (keyof DigestTickResult)[]) total[k] += r[k];
        after = due.at(-1)!.targetId;
        if (!full) break;
      }
      if (any) await this.deps.audience.markSlotDigested(slot.timezone, slot.digestTime, occurrence.at, weekday);
    }
    if (total.due > 0) this.deps.logger.info({ ...total, composeMs: Math.round(total.composeMs) }, 'digests queued');
    return total;
  }

  /** Composes and queues the digests of these due subscriptions, then marks them digested. */
  async #send(due: DueSubscription[], dedupeKey: string, occurrence: Date, tick: TickCache): Promise<DigestTickResult> {
    const { compositions } = tick;
    const byTarget = new Map<number, { categories: string[]; since: Date }>();
    // A weekly digest reads the week, a weekday one the weekend too; a daily one a day at most.
    const floorOf = (d: DueSubscription) => occurrence.getTime() - Math.max(this.#options.maxLookbackMs, lookbackMs(d.rhythm));
    const floor = Math.min(...due.map(floorOf), occurrence.getTime() - this.#options.maxLookbackMs);
    for (const d of due) {
      const own = floorOf(d);
      const since = new Date(Math.max(own, d.lastDigestAt?.getTime() ?? own));
      const t = byTarget.get(d.targetId);
      if (t) {
        t.categories.push(d.category);
        if (since < t.since) t.since = since;
      } else byTarget.set(d.targetId, { categories: [d.category], since });
    }
    const ids = [...byTarget.keys()];
    const members = await this.deps.audience.members(ids);
    const folded = await this.deps.audience.foldedSince(ids, new Date(floor));
    const alerted = await this.deps.audience.alertedSince(ids, new Date(floor));
    // The stories of one window are read once per tick, however many pages share them.
    let read = tick.stories.get(floor);
    if (!read) tick.stories.set(floor, (read = this.deps.stories.storiesSince(new Date(floor), 10_000)));
    const stories = await read;
    const order = this.deps.catalog.categories.map((c) => c.slug);
    let placeOf = tick.places.get(stories);
    if (!placeOf) tick.places.set(stories, (placeOf = new Map(stories.map((s, i) => [s, i]))));
    const rows: NewOutboxRow[] = [];
    let empty = 0;
    let composed = 0;
    const started = performance.now();
    for (const [targetId, want] of byTarget) {
      const member = members.get(targetId);
      if (!member) continue;
      const pinned = folded.get(targetId) ?? [];
      const sent = alerted.get(targetId);
      const key = profileKey(member, want.categories, want.since, pinned, sent);
      let message = compositions.get(key);
      if (message === undefined) {
        const window = () => stories.filter((s) => s.lastUpdatedAt >= want.since);
        // The unfiltered profile's candidates, read once; each target's filters pick from them.
        const baseKey =
          member.prefs.filters.length === 0
            ? key
            : profileKey({ ...member, prefs: { ...member.prefs, filters: [] } }, want.categories, want.since, pinned, sent);
        let base = tick.candidates.get(baseKey);
        if (!base) {
          const list = digestCandidates(member.prefs, order, window(), want.categories, new Set(pinned), sent);
          const kept = this.#options.cap * CANDIDATES_KEPT;
          const rest = list.slice(kept);
          base = { head: list.slice(0, kept) };
          if (rest.length > 0)
            base.rest = { stories: Int32Array.from(rest, (c) => placeOf.get(c.story)!), categories: Uint8Array.from(rest, (c) => order.indexOf(c.category)) };
          tick.candidates.set(baseKey, base);
        }
        let digest = pickDigest(this.deps.catalog, member.prefs, base.head, this.#options.cap, want.categories);
        // Filters that kept out nearly all the best: the rest, made into candidates as they are read.
        if (digest.total < this.#options.cap && base.rest) {
          digest = pickDigest(
            this.deps.catalog,
            member.prefs,
            allOf(base, stories, order, candidateOf(member.prefs, new Set(pinned), sent)),
            this.#options.cap,
            want.categories,
          );
        }
        // The same stories told by the same reports: the same message as another target's.
        const outcome = `${baseKey}@${digest.sections.flatMap((s) => s.entries.map((e) => e.url)).join(' ')}`;
        message = compositions.get(outcome);
        if (message === undefined) {
          compositions.set(outcome, (message = this.message(member, want.categories, digest)));
          composed++;
        }
        compositions.set(key, message);
      }
      if (message) rows.push({ targetId, dedupeKey, kind: 'digest', message });
      else empty++;
    }
    const composeMs = performance.now() - started;
    const added = await this.deps.outbox.add(rows);
    if (added.length > 0) this.deps.onQueued?.(added);
    return { due: byTarget.size, queued: added.length, empty, compositions: composed, composeMs };
  }

  /** The digest message for a member's categories from these stories; null when nothing is new. */
  compose(member: AudienceMember, categories: string[], stories: DigestStory[], pinned?: ReadonlySet<number>, alerted?: Alerted): OutgoingMessage | null {
    return this.message(member, categories, composeDigest(this.deps.catalog, member.prefs, stories, this.#options.cap, categories, pinned, alerted));
  }

  /** A composed digest as the member's message, in its language and on its clock; null when it is empty. */
  message(member: AudienceMember, categories: string[], composed: Digest): OutgoingMessage | null {
    const words = localized(member);
    const digest = inLanguage(composed, words);
    if (digest.total === 0) return null;
    const title = categories.length === 1 ? words.delivery.digestTitleOne({ category: categoryLabel(words, categories[0]!) }) : words.delivery.digestTitle;
    const clock = readerClock(member, member.prefs);
    const now = this.deps.clock();
    return digestMessage(digest, title, words.conversation, (at) => storyTime(at, now, clock, words), !member.prefs.digestSound);
  }
}

/** Every candidate of a profile, best first: the head as kept, then the rest made again from the stories. */
function* allOf(base: Candidates, stories: DigestStory[], order: string[], of: ReturnType<typeof candidateOf>): Generator<Candidate> {
  yield* base.head;
  const rest = base.rest!;
  for (let i = 0; i < rest.stories.length; i++) {
    const c = of(stories[rest.stories[i]!]!, order[rest.categories[i]!]!);
    if (c) yield c;
  }
}

/**
 * What decides a digest's content: interface language, clock (zone and primary country), sound,
 * filters, sources, languages, categories, the window, pinned and alerted stories.
 */
function profileKey(member: AudienceMember, categories: string[], since: Date, pinned: number[], alerted?: Alerted): string {
  // Plain concatenation: this runs once per target (100,000 a tick), JSON.stringify cost twice as much.
  let key = `${readerKey(member)}:${member.prefs.digestSound ? 's' : ''}:${member.prefs.filters.length > 0 ? filtersKey(member.prefs.filters) : ''}:`;
  for (const c of member.prefs.countries)
    key += `${c.primaryLanguage},${c.otherLanguages.join(',')}|${c.primarySource},${c.otherSources.length > 1 ? [...c.otherSources].sort().join(',') : c.otherSources.join(',')};`;
  return `${key}#${categories.length > 1 ? [...categories].sort().join(',') : categories.join(',')}#${since.getTime()}#${pinned.join(',')}#${alerted ? [...alerted].map(([id, what]) => `${id}${what[0]}`).join(',') : ''}`;
}
