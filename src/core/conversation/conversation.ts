// Command logic, written once for every platform: a command or a button press comes in with
// its target and what the sender may do; a View goes out. Preferences change only through
// PreferenceRules, and are saved when they changed.
import { chooseLocale, localeMenu } from './locale-menu.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { localized, readerClock, sessionLanguage } from '../i18n/target-language.ts';
import { storyTime, type ReaderClock } from '../i18n/reader-time.ts';
import { parseTimeOfDay, type PreferenceRules } from '../preferences/preference-rules.ts';
import type { PreferencesRepository } from '../preferences/preferences.repository.ts';
import type { Target, TargetRepository } from '../targets/target.ts';
import { composeDigest, digestMessage, inLanguage, type DigestSource } from '../digest/digest-composer.ts';
import { helpLines, READ_ONLY_COMMANDS } from './commands.ts';
import type { WhySource } from '../delivery/why.ts';
import { whyView } from './why-view.ts';
import { isRhythm, rhythmCommand } from './rhythm-view.ts';
import { filterCommand, filtersList, filtersTest, removeFilter } from './filters-view.ts';
import { apply, categoryMenu, countryMenu, languageMenu, sourceMenu } from './menus.ts';
import { onboardingAction, startView } from './onboarding.ts';
import { categoryName, categoryNamed, countryName, type Session, timeOf } from './session.ts';
import { nextDigestLines, settingsLines } from './settings.ts';
import { parseTimezone } from './timezone-input.ts';
import { decodeAction, readOnlyAction, type Action } from '../message/action.ts';
import { errorView, view, type View } from '../message/view.ts';
import { systemClock, type Clock } from '../clock.ts';
import { coverageView, storyView, type CoverageSource } from '../stories/coverage.ts';
import { suggest } from '../suggestions/suggest.ts';
import type { SuggestionRepository } from '../suggestions/suggestion.ts';

/** Whether the sender may change this target (a group's admins; anyone in a private chat). */
export interface Actor {
  canConfigure: boolean;
  /** Who is asking, as the platform names the person ("telegram:123"), when it does: /suggest counts per reader. */
  reader?: string | undefined;
  /** Why not, in words the sender can act on ("Only this group's admins can…"). */
  refusal?: string;
}

/** What a person typed is read (and echoed in answers) up to this long, as the web chat takes it. */
export const MAX_INPUT = 500;
/** Telegram's own limit for a command's name. */
const MAX_COMMAND = 32;
const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

export class Conversation {
  constructor(
    private readonly deps: {
      catalog: Catalog;
      rules: PreferenceRules;
      preferences: PreferencesRepository;
      targets: TargetRepository;
      /** Stories for `/digest now`; without it the command says digests are not available. */
      digests?: DigestSource;
      /** Stories a digest shows at most (DIGEST_CAP): `/digest now` shows what the daily one would. */
      digestCap: number;
      /** Every outlet's report of a story, for /story; without it the command says so. */
      coverage?: CoverageSource;
      /** What happened to a story here, for /why; without it the command says so. */
      why?: WhySource;
      /** Readers' suggestions, for /suggest; without it the command says they are not taken. */
      suggestions?: { repository: SuggestionRepository; isPublicUrl: (url: string) => boolean };
      clock?: Clock;
    },
  ) {}

  async command(target: Target, actor: Actor, name: string, args = ''): Promise<View> {
    // Input of any size may arrive (a forged update, a long paste); answers echo it, capped.
    const command = clip(name, MAX_COMMAND).toLowerCase();
    args = clip(args.trim(), MAX_INPUT);
    if (!READ_ONLY_COMMANDS.has(command) && !actor.canConfigure) return errorView(actor.refusal ?? localized(target).conversation.notAllowedDefault);
    // /suggest reads no preferences and saves none: a reader in anyone's chat may suggest.
    if (command === 'suggest') return this.#suggest(target, actor, args);
    const s = await this.#session(target);
    const result = await this.#command(s, command, args);
    await this.#save(s);
    return result;
  }

  async #suggest(target: Target, actor: Actor, args: string): Promise<View> {
    const w = localized(target).suggest;
    if (!this.deps.suggestions) return view([w.unavailable]);
    const { repository, isPublicUrl } = this.deps.suggestions;
    const reader = actor.reader ? `${target.platform}:${actor.reader}` : `${target.platform}:chat:${target.id}`;
    const now = (this.deps.clock ?? systemClock)();
    const outcome = await suggest(args, { reader, targetId: target.id }, { catalog: this.deps.catalog, suggestions: repository, isPublicUrl, now });
    switch (outcome.kind) {
      case 'usage':
        return errorView(w.usage);
      case 'invalid':
        return errorView(w.invalid({ input: outcome.input }));
      case 'private':
        return errorView(w.private({ url: outcome.url }));
      case 'known':
        return view([w.known({ outlet: outcome.outlet })]);
      case 'again':
        return view([w.again({ url: outcome.url })]);
      case 'decided':
        return view([w.decided({ url: outcome.url })]);
      case 'tooMany':
        return errorView(w.tooMany({ max: outcome.max }));
      case 'recorded':
        return view([w.recorded({ url: outcome.url })]);
    }
  }

  /**
   * A new forum topic starts from its group's choices (countries, languages, sources, times)
   * with no category yet: what is subscribed inside it is what arrives there. Nothing when the
   * topic has preferences already.
   */
  async adoptTopic(topic: Target, group: Target): Promise<void> {
    if (await this.deps.preferences.load(topic.id)) return;
    const base = (await this.deps.preferences.load(group.id)) ?? this.deps.rules.initial();
    await this.deps.preferences.save(topic.id, { ...base, subscriptions: [] });
  }

  /** The target's clock (language, zone, country), for a platform that draws times itself (the web chat). */
  async clockOf(target: Target): Promise<ReaderClock> {
    return readerClock(target, await this.deps.preferences.load(target.id));
  }

  /** A button pressed: `data` is its action's wire form, as the platform hands it back. */
  async action(target: Target, actor: Actor, data: string): Promise<View> {
    const action = decodeAction(data);
    if (!action) return errorView(localized(target).conversation.expired);
    if (!actor.canConfigure && !readOnlyAction(action)) return errorView(actor.refusal ?? localized(target).conversation.notAllowedDefault);
    const s = await this.#session(target);
    const result = await this.#action(s, action);
    await this.#save(s);
    return result;
  }

  // eslint-disable-next-line max-lines-per-function -- one switch over the command catalogue, a case per command
  async #command(s: Session, command: string, args: string): Promise<View> {
    const words = args.split(/\s+/).filter(Boolean);
    const first = words[0]?.toLowerCase();
    const rest = words.slice(1).join(' ');
    switch (command) {
      case 'start':
        return startView(s);
      case 'help':
        return view(helpLines(s.target.platform, s.messages.commands), [], s.msg.helpTitle);
      case 'settings':
        // Nothing stored: the defaults are not this chat's, and nothing arrives. Say so.
        if (s.isNew) return view([s.msg.settingsNothing], [], s.msg.settingsTitle);
        return view(settingsLines(s), [], s.msg.settingsTitle);
      case 'setcountry':
        if (!args) return countryMenu(s);
        if (first === 'add')
          return (
            apply(s, s.rules.addCountry(s.prefs, rest)) ?? countryMenu(s, s.msg.countryAdded({ country: countryName(s, s.catalog.findCountry(rest)!.code) }))
          );
        if (first === 'remove')
          return (
            apply(s, s.rules.removeCountry(s.prefs, rest)) ??
            countryMenu(s, s.msg.countryRemoved({ country: countryName(s, s.catalog.findCountry(rest)!.code) }))
          );
        return this.#setPrimaryCountry(s, args);
      case 'setlanguage': {
        const country = args ? s.catalog.findCountry(args) : undefined;
        if (!args || country) return languageMenu(s, country?.code ?? s.prefs.countries[0].country);
        const primary = s.prefs.countries[0].country;
        return apply(s, s.rules.setPrimaryLanguage(s.prefs, primary, args)) ?? languageMenu(s, primary);
      }
      case 'sources': {
        const country = args ? s.catalog.findCountry(args) : undefined;
        if (args && !country) return apply(s, s.rules.setPrimaryCountry(s.prefs, args)) ?? countryMenu(s); // refusal names the valid countries
        return sourceMenu(s, country?.code ?? s.prefs.countries[0].country);
      }
      case 'categories':
        return categoryMenu(s);
      case 'subscribe':
      case 'unsubscribe': {
        const categories = [...s.catalog.categories, ...(s.catalog.allCategory ? [s.catalog.allCategory] : [])];
        if (!args) return errorView(s.msg.subscribeUsage({ valid: categories.map((c) => categoryName(s, c.slug)) }));
        const slug = categoryNamed(s, args)?.slug ?? args;
        const refused = apply(s, command === 'subscribe' ? s.rules.subscribe(s.prefs, slug) : s.rules.unsubscribe(s.prefs, slug));
        if (refused) return refused;
        const name = categoryName(s, s.catalog.findCategory(slug)!.slug);
        return view([
          command === 'subscribe' ? s.msg.subscribed({ category: name, time: timeOf(s, s.prefs.digestTime) }) : s.msg.unsubscribed({ category: name }),
        ]);
      }
      case 'digest':
        if (first === 'now') return this.#digestNow(s);
        if (first === 'time' && rest)
          return (
            apply(s, s.rules.setDigestTime(s.prefs, rest)) ??
            view([s.msg.digestTimeSet({ time: timeOf(s, parseTimeOfDay(rest)!), timezone: s.prefs.timezone })])
          );
        if (first === 'timezone' && rest) {
          const zone = parseTimezone(rest);
          return apply(s, s.rules.setTimezone(s.prefs, zone ?? rest)) ?? view([s.msg.timezoneSet({ timezone: s.prefs.timezone })]);
        }
        if (isRhythm(words)) return rhythmCommand(s, words);
        if (!first && !s.isNew) return view([...nextDigestLines(s), '', s.msg.digestUsage], [], s.msg.nextDigestsTitle);
        return errorView(s.msg.digestUsage);
      case 'breaking':
        return this.#breaking(s, first, words[1]?.toLowerCase());
      case 'sound': {
        const state = words[1]?.toLowerCase();
        if ((first !== 'digests' && first !== 'breaking') || (state !== 'on' && state !== 'off')) return errorView(s.msg.soundUsage);
        apply(s, s.rules.setSound(s.prefs, first, state === 'on'));
        return view([s.msg.soundSet({ digests: s.prefs.digestSound, breaking: s.prefs.breakingSound })]);
      }
      case 'previews':
        if (first !== 'on' && first !== 'off') return errorView(s.msg.previewsUsage);
        apply(s, s.rules.setLinkPreviews(s.prefs, first === 'on'));
        return view([s.msg.previewsSet({ on: s.prefs.linkPreviews })]);
      case 'threads':
        // A thread opens under a message in a server's channel: Discord's, and not in a DM.
        if (s.target.platform !== 'discord' || s.target.kind === 'dm') return errorView(s.msg.threadsWhere);
        if (first !== 'on' && first !== 'off') return errorView(s.msg.threadsUsage);
        apply(s, s.rules.setBreakingThreads(s.prefs, first === 'on'));
        return view([s.msg.threadsSet({ on: s.prefs.breakingThreads })]);
      case 'quiet': {
        if (first === 'off') return apply(s, s.rules.setQuietHours(s.prefs, null)) ?? view([s.msg.quietOff]);
        const m = /^(\d{1,2}:\d{2})\s*[-–]\s*(\d{1,2}:\d{2})$/.exec(args);
        if (!m) return errorView(s.msg.quietUsage);
        return apply(s, s.rules.setQuietHours(s.prefs, { start: m[1]!, end: m[2]! })) ?? view([s.msg.quietSet(s.prefs.quietHours!)]);
      }
      case 'story':
        return this.#story(s, args);
      case 'stop':
        return view(
          [s.msg.stopConfirm],
          [
            [
              { label: s.msg.stopYes, action: { kind: 'stop', confirm: true } },
              { label: s.msg.stopNo, action: { kind: 'stop', confirm: false } },
            ],
          ],
        );
      case 'language':
        return args ? chooseLocale(s, this.deps.targets, args) : localeMenu(s);
      case 'mute':
      case 'unmute':
      case 'only':
        return filterCommand(s, command, args);
      case 'why':
        if (!this.deps.why) return view([s.msg.digestNowUnavailable]);
        return whyView(s, this.deps.why, args);
      case 'filters':
        if (!first) return filtersList(s);
        if (first !== 'test') return errorView(s.messages.filters.usage);
        return this.#filtersTest(s);
      default:
        return errorView(s.msg.unknownCommand({ command }));
    }
  }

  async #action(s: Session, a: Action): Promise<View> {
    switch (a.kind) {
      case 'onboard':
        return onboardingAction(s, a.step, a.value);
      case 'country': {
        // A new target's defaults were never chosen: the first choice replaces them; later ones keep the old primary.
        if (a.op === 'primary') return apply(s, s.rules.setPrimaryCountry(s.prefs, a.country, s.isNew)) ?? countryMenu(s);
        const chosen = s.prefs.countries.some((x) => x.country === a.country);
        return apply(s, chosen ? s.rules.removeCountry(s.prefs, a.country) : s.rules.addCountry(s.prefs, a.country)) ?? countryMenu(s);
      }
      case 'language': {
        const { country, change } = a;
        if (!change) return languageMenu(s, country);
        if (change.op === 'primary') return apply(s, s.rules.setPrimaryLanguage(s.prefs, country, change.language)) ?? languageMenu(s, country);
        const chosen = s.prefs.countries.find((x) => x.country === country)?.otherLanguages.includes(change.language);
        return (
          apply(s, chosen ? s.rules.removeLanguage(s.prefs, country, change.language) : s.rules.addLanguage(s.prefs, country, change.language)) ??
          languageMenu(s, country)
        );
      }
      case 'source': {
        const { country, page, change } = a;
        if (!change) return sourceMenu(s, country, page);
        if (change.op === 'primary') return apply(s, s.rules.setPrimarySource(s.prefs, country, change.source)) ?? sourceMenu(s, country, page);
        const chosen = s.prefs.countries.find((x) => x.country === country)?.otherSources.includes(change.source);
        return (
          apply(s, chosen ? s.rules.removeSource(s.prefs, country, change.source) : s.rules.addSource(s.prefs, country, change.source)) ??
          sourceMenu(s, country, page)
        );
      }
      case 'category':
        return apply(s, s.rules.toggleCategory(s.prefs, a.category)) ?? categoryMenu(s);
      case 'locale':
        return chooseLocale(s, this.deps.targets, a.locale);
      case 'sources':
        return this.#sources(s, a.story, a.back === true);
      case 'unfilter':
        return removeFilter(s, a.key);
      case 'stop':
        if (a.confirm) {
          await this.deps.targets.delete(s.target.id);
          s.changed = false; // nothing left to save
          return view([s.msg.stopped]);
        }
        return view([s.msg.notStopped]);
    }
  }

  /** Every outlet's report of one story. */
  async #story(s: Session, args: string): Promise<View> {
    const id = /^#?(\d{1,9})$/.exec(args)?.[1];
    if (!id || !this.deps.coverage) return errorView(s.msg.storyUsage);
    const coverage = await this.deps.coverage.coverage(Number(id));
    if (!coverage) return errorView(s.msg.storyNotFound({ id: Number(id) }));
    const clock = readerClock(s.target, s.prefs);
    const now = (this.deps.clock ?? systemClock)();
    return coverageView(coverage, this.deps.catalog, s.msg, (at) => storyTime(at, now, clock, s.messages));
  }

  /** A story's every outlet, with a way back; or back: the story, with the way to its outlets. */
  async #sources(s: Session, storyId: number, back: boolean): Promise<View> {
    const coverage = await this.deps.coverage?.coverage(storyId);
    if (!coverage) return errorView(s.msg.storyNotFound({ id: storyId }));
    const clock = readerClock(s.target, s.prefs);
    const now = (this.deps.clock ?? systemClock)();
    const time = (at: Date) => storyTime(at, now, clock, s.messages);
    if (back) {
      const languages = s.prefs.countries.flatMap((c) => [c.primaryLanguage, ...c.otherLanguages]);
      return storyView(coverage, this.deps.catalog, s.msg, time, languages);
    }
    return {
      ...coverageView(coverage, this.deps.catalog, s.msg, time),
      buttons: [[{ label: s.msg.previous, action: { kind: 'sources', story: storyId, back: true } }]],
    };
  }

  /** /breaking on|off, big <outlets>, all, cap <alerts a day>|off. */
  #breaking(s: Session, what: string | undefined, value: string | undefined): View {
    const count = value !== undefined && /^\d{1,3}$/.test(value) ? Number(value) : undefined;
    switch (what) {
      case 'on':
      case 'off':
        apply(s, s.rules.setBreaking(s.prefs, what === 'on'));
        return view([what === 'on' ? s.msg.breakingOn : s.msg.breakingOff]);
      case 'all':
        return apply(s, s.rules.setBreakingMinOutlets(s.prefs, 1)) ?? view([s.msg.breakingAll]);
      case 'big':
        if (value === undefined) return errorView(s.msg.breakingUsage);
        return apply(s, s.rules.setBreakingMinOutlets(s.prefs, count ?? NaN)) ?? view([count === 1 ? s.msg.breakingAll : s.msg.breakingBig({ count: count! })]);
      case 'cap':
        if (value === 'off') return apply(s, s.rules.setBreakingDailyCap(s.prefs, null)) ?? view([s.msg.breakingCapOff]);
        if (value === undefined) return errorView(s.msg.breakingUsage);
        return apply(s, s.rules.setBreakingDailyCap(s.prefs, count ?? NaN)) ?? view([s.msg.breakingCapSet({ count: count! })]);
      default:
        return errorView(s.msg.breakingUsage);
    }
  }

  /**
   * /setcountry <country>: the new primary country; the old one stays among the others (said
   * so), unless the target never chose one (its defaults are replaced).
   */
  #setPrimaryCountry(s: Session, input: string): View {
    const old = s.prefs.countries[0].country;
    const refused = apply(s, s.rules.setPrimaryCountry(s.prefs, input, s.isNew));
    if (refused) return refused;
    const country = countryName(s, s.prefs.countries[0].country);
    const kept = s.prefs.countries.some((c) => c.country === old);
    return countryMenu(s, kept ? s.msg.primaryCountryKept({ country, old: countryName(s, old) }) : s.msg.primaryCountrySet({ country }));
  }

  /** What the last 24 hours would have brought with and without the filters. */
  async #filtersTest(s: Session): Promise<View> {
    if (!this.deps.digests) return view([s.msg.digestNowUnavailable]);
    const now = (this.deps.clock ?? systemClock)();
    return filtersTest(s, await this.deps.digests.storiesSince(new Date(now.getTime() - 24 * 3600_000), 2000));
  }

  /** The digest of the last 24 hours, now; says so when there is nothing new. */
  async #digestNow(s: Session): Promise<View> {
    if (!this.deps.digests) return view([s.msg.digestNowUnavailable]);
    const now = (this.deps.clock ?? systemClock)();
    const stories = await this.deps.digests.storiesSince(new Date(now.getTime() - 24 * 3600_000), 2000);
    const digest = inLanguage(composeDigest(this.deps.catalog, s.prefs, stories, this.deps.digestCap), s.messages);
    if (digest.total === 0) return view([s.msg.digestNothingNew]);
    const clock = readerClock(s.target, s.prefs);
    const message = digestMessage(digest, s.msg.digestTitle, s.msg, (at) => storyTime(at, now, clock, s.messages));
    return { ...view(message.lines, [], message.title), ...(message.cards ? { cards: message.cards } : {}) };
  }

  async #session(target: Target): Promise<Session> {
    const stored = await this.deps.preferences.load(target.id);
    return {
      target,
      prefs: stored ?? this.deps.rules.initial(),
      isNew: stored === null,
      now: (this.deps.clock ?? systemClock)(),
      changed: false,
      rules: this.deps.rules,
      catalog: this.deps.catalog,
      ...sessionLanguage(target),
    };
  }

  async #save(s: Session): Promise<void> {
    if (s.changed) await this.deps.preferences.save(s.target.id, s.prefs);
  }
}
