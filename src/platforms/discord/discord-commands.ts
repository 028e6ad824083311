// The slash commands, made from the one command catalogue: their definitions (for
// `herald discord register`) with descriptions, option names and choices in every language
// Discord and Herald share, the translation of a command's options into the core's command and
// arguments, and autocomplete for countries, languages and time zones in the user's language.
import {
  ApplicationCommandOptionType as O,
  ApplicationIntegrationType,
  ChannelType,
  InteractionContextType,
  type ApplicationCommandOptionAllowedChannelType,
  type APIApplicationCommandInteractionDataOption,
  type APIApplicationCommandOption,
  type APIApplicationCommandOptionChoice,
  type RESTPutAPIApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { Catalog } from '../../core/catalog/catalog.ts';
import { DEFAULT_LOCALE, LOCALES, localeName, type Locale } from '../../core/i18n/locales.ts';
import { en, messagesFor, type Messages } from '../../core/i18n/messages.ts';
import { categoryNameIn, countryNameIn, languageNameIn } from '../../core/i18n/names.ts';
import { commandsOn, describeCommand, describeOption, type CommandOption } from '../../core/conversation/commands.ts';
import { timezoneSuggestions } from '../../core/conversation/timezone-input.ts';

type Definition = RESTPutAPIApplicationCommandsJSONBody[number];
type Option = APIApplicationCommandInteractionDataOption;

const CHANNEL_TYPES: ApplicationCommandOptionAllowedChannelType[] = [
  ChannelType.GuildText,
  ChannelType.GuildAnnouncement,
  ChannelType.AnnouncementThread,
  ChannelType.PublicThread,
  ChannelType.PrivateThread,
];

/**
 * Discord's locales for Herald's interface languages. Discord has no Arabic locale: Arabic
 * users see the English descriptions (Herald still answers them in Arabic).
 */
const DISCORD_LOCALES: Partial<Record<Locale, string>> = { hi: 'hi', de: 'de', fr: 'fr', zh: 'zh-CN' };

/** A field in each of Discord's locales Herald speaks (`description_localizations`, `name_localizations`). */
function inLocales(say: (locale: Locale) => string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [locale, discord] of Object.entries(DISCORD_LOCALES)) {
    const said = say(locale as Locale);
    if (said) out[discord] = said;
  }
  return out;
}

/** A description in each of Discord's locales Herald speaks. */
function localizations(describe: (words: Messages['commands']) => string): { description_localizations: Record<string, string> } {
  return { description_localizations: inLocales((locale) => describe(messagesFor(locale).commands)) };
}

// What Discord accepts as an option's name: one lowercase word (its rule, from the API docs).
const OPTION_NAME = /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const optionName = (name: string) => (OPTION_NAME.test(name) && name === name.toLocaleLowerCase() ? name : undefined);

/** An option's name in each locale (interactions still carry its own name). */
function nameLocalizations(o: CommandOption): { name_localizations?: Record<string, string> } {
  const key = o.name as keyof Messages['commands']['optionNames'];
  if (!(key in en.commands.optionNames)) return {};
  return { name_localizations: inLocales((locale) => optionName(messagesFor(locale).commands.optionNames[key])) };
}

/** An option's fixed choices, each named in every locale: categories, interface languages (each in its own name), words. */
function choicesOf(o: CommandOption, catalog: Catalog): APIApplicationCommandOptionChoice<string>[] | undefined {
  if (o.choices === 'categories')
    return [...catalog.categories, ...(catalog.allCategory ? [catalog.allCategory] : [])].map((c) => ({
      name: c.name,
      value: c.slug,
      name_localizations: inLocales((locale) => categoryNameIn(locale, catalog, c.slug)),
    }));
  return o.choices?.map((v) => {
    if ((LOCALES as readonly string[]).includes(v)) return { name: localeName(v as Locale), value: v };
    const key = v as keyof Messages['commands']['choices'];
    return { name: en.commands.choices[key] ?? v, value: v, name_localizations: inLocales((locale) => messagesFor(locale).commands.choices[key]) };
  });
}

/** One option of the catalogue as Discord's: category choices from the catalog (autocomplete past 25). */
function optionOf(o: CommandOption, catalog: Catalog): APIApplicationCommandOption {
  const description = describeOption(o);
  const localized = localizations((words) => describeOption(o, words));
  if (o.kind === 'subcommand')
    return { type: O.Subcommand, name: o.name, description, ...localized, options: (o.options ?? []).map((x) => optionOf(x, catalog)) } as never;
  const named = { name: o.name, ...nameLocalizations(o), description, ...localized };
  if (o.kind === 'channel') return { type: O.Channel, ...named, channel_types: CHANNEL_TYPES, ...(o.required ? { required: true } : {}) } as never;
  const listed = choicesOf(o, catalog);
  const choices = listed && listed.length <= 25 ? { choices: listed } : o.suggest ? { autocomplete: true } : {};
  return { type: O.String, ...named, ...(o.required ? { required: true } : {}), ...choices } as never;
}

/** The slash commands: the command catalogue (core/conversation/commands.ts) as Discord's definitions. */
export function commandDefinitions(catalog: Catalog): Definition[] {
  // Installed in servers; usable there and in a DM with the bot (not in group DMs).
  const where = { integration_types: [ApplicationIntegrationType.GuildInstall], contexts: [InteractionContextType.Guild, InteractionContextType.BotDM] };
  return withContexts(
    where,
    commandsOn('discord').map((c) => ({
      name: c.name,
      description: describeCommand(c),
      ...localizations((words) => describeCommand(c, words)),
      ...(c.options ? { options: c.options.map((o) => optionOf(o, catalog)) } : {}),
    })),
  );
}

const withContexts = (where: Partial<Definition>, list: Definition[]): Definition[] => list.map((d) => ({ ...d, ...where }) as Definition);

const value = (options: Option[] | undefined, name: string): string | undefined => {
  const o = options?.find((x) => x.name === name);
  return o && 'value' in o && o.value !== undefined ? String(o.value) : undefined;
};

/** A slash command's options as the core's command name and argument text. */
export function toConversation(name: string, options: Option[] | undefined): { name: string; args: string; channelId?: string } {
  switch (name) {
    case 'setcountry': {
      const country = value(options, 'country');
      const mode = value(options, 'mode');
      return { name, args: country ? (mode && mode !== 'primary' ? `${mode} ${country}` : country) : '' };
    }
    case 'setlanguage':
      return { name, args: value(options, 'language') ?? value(options, 'country') ?? '' };
    case 'sources':
      return { name, args: value(options, 'country') ?? '' };
    case 'digest': {
      const sub = options?.[0];
      if (!sub || sub.type !== O.Subcommand) return { name, args: '' };
      // A rhythm as typed on Telegram: "sports weekly sunday 10", "sports twice 7 19".
      if (sub.name === 'rhythm') {
        const parts = ['category', 'rhythm', 'day', 'time', 'second'].map((o) => value(sub.options, o));
        return { name, args: parts.filter(Boolean).join(' ') };
      }
      return { name, args: [sub.name, value(sub.options, 'time') ?? value(sub.options, 'zone') ?? ''].join(' ').trim() };
    }
    case 'breaking':
      return { name, args: [value(options, 'state'), value(options, 'number')].filter(Boolean).join(' ') };
    case 'quiet':
      return { name, args: value(options, 'hours') ?? '' };
    case 'sound':
      return { name, args: [value(options, 'what'), value(options, 'state')].filter(Boolean).join(' ') };
    case 'previews':
    case 'threads':
      return { name, args: value(options, 'state') ?? '' };
    case 'story':
      return { name, args: value(options, 'number') ?? '' };
    case 'mute':
    case 'unmute': {
      // An outlet, or words: "/mute source NDTV" as typed on Telegram.
      const source = value(options, 'source');
      return { name, args: source ? `source ${source}` : (value(options, 'words') ?? '') };
    }
    case 'only':
      return { name, args: [value(options, 'category'), value(options, 'words')].filter(Boolean).join(' ') };
    case 'filters':
      return { name, args: value(options, 'mode') ?? '' };
    case 'why':
      return { name, args: value(options, 'story') ?? '' };
    case 'suggest':
      return { name, args: value(options, 'url') ?? '' };
    case 'language':
      return { name, args: value(options, 'locale') ?? '' };
    case 'subscribe':
    case 'unsubscribe': {
      const channelId = value(options, 'channel');
      return { name, args: value(options, 'category') ?? '', ...(channelId ? { channelId } : {}) };
    }
    default:
      return { name, args: '' };
  }
}

/** Up to 25 choices for the option being typed, named in `locale` (matched in it, in English, or by code). */
export function autocomplete(catalog: Catalog, option: string, typed: string, locale: Locale = DEFAULT_LOCALE): { name: string; value: string }[] {
  return choicesFor(catalog, option, typed, locale).slice(0, 25);
}

function choicesFor(catalog: Catalog, option: string, typed: string, locale: Locale): { name: string; value: string }[] {
  const q = typed.trim().toLocaleLowerCase();
  const match = (...names: string[]) => q === '' || names.some((n) => n.toLocaleLowerCase().includes(q));
  const named = (name: string, value: string, ...also: string[]) => (match(name, ...also) ? [{ name, value }] : []);
  switch (option) {
    case 'country':
      return catalog.countries.flatMap((c) => named(countryNameIn(locale, catalog, c.code), c.code, c.name, c.code));
    case 'language':
      return catalog.languages.flatMap((l) => named(languageNameIn(locale, catalog, l.code), l.code, l.name, l.code));
    case 'zone':
      return timezoneSuggestions(typed).map((z) => ({ name: z, value: z }));
    case 'category':
      return [...catalog.categories, ...(catalog.allCategory ? [catalog.allCategory] : [])].flatMap((c) =>
        named(categoryNameIn(locale, catalog, c.slug), c.slug, c.name, c.slug),
      );
    default:
      return [];
  }
}
