// The slash commands, made from the one command catalogue: their definitions (for
// `herald discord register`), the translation of a command's options into the core's
// command and arguments, and autocomplete for countries, languages and time zones.
import {
  ApplicationCommandOptionType as O,
  ApplicationIntegrationType,
  ChannelType,
  InteractionContextType,
  type ApplicationCommandOptionAllowedChannelType,
  type APIApplicationCommandInteractionDataOption,
  type APIApplicationCommandOption,
  type RESTPutAPIApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { Catalog } from '../../core/catalog/catalog.ts';
import type { Locale } from '../../core/i18n/locales.ts';
import { messagesFor, type Messages } from '../../core/i18n/messages.ts';
import { COMMANDS, describeCommand, describeOption, type CommandOption } from '../../core/conversation/commands.ts';
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

/** A description in each of Discord's locales Herald speaks. */
function localizations(describe: (words: Messages['commands']) => string): { description_localizations: Record<string, string> } {
  const out: Record<string, string> = {};
  for (const [locale, discord] of Object.entries(DISCORD_LOCALES)) out[discord] = describe(messagesFor(locale as Locale).commands);
  return { description_localizations: out };
}

/** One option of the catalogue as Discord's: category choices from the catalog (autocomplete past 25). */
function optionOf(o: CommandOption, catalog: Catalog): APIApplicationCommandOption {
  const description = describeOption(o);
  const localized = localizations((words) => describeOption(o, words));
  if (o.kind === 'subcommand')
    return { type: O.Subcommand, name: o.name, description, ...localized, options: (o.options ?? []).map((x) => optionOf(x, catalog)) } as never;
  if (o.kind === 'channel')
    return { type: O.Channel, name: o.name, description, ...localized, channel_types: CHANNEL_TYPES, ...(o.required ? { required: true } : {}) } as never;
  const listed =
    o.choices === 'categories'
      ? [...catalog.categories, ...(catalog.allCategory ? [catalog.allCategory] : [])].map((c) => ({ name: c.name, value: c.slug }))
      : o.choices?.map((v) => ({ name: v, value: v }));
  const choices = listed && listed.length <= 25 ? { choices: listed } : o.suggest ? { autocomplete: true } : {};
  return { type: O.String, name: o.name, description, ...localized, ...(o.required ? { required: true } : {}), ...choices } as never;
}

/** The slash commands: the command catalogue (core/conversation/commands.ts) as Discord's definitions. */
export function commandDefinitions(catalog: Catalog): Definition[] {
  // Installed in servers; usable there and in a DM with the bot (not in group DMs).
  const where = { integration_types: [ApplicationIntegrationType.GuildInstall], contexts: [InteractionContextType.Guild, InteractionContextType.BotDM] };
  return withContexts(
    where,
    COMMANDS.map((c) => ({
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
      return { name, args: [sub.name, value(sub.options, 'time') ?? value(sub.options, 'zone') ?? ''].join(' ').trim() };
    }
    case 'breaking':
      return { name, args: value(options, 'state') ?? '' };
    case 'quiet':
      return { name, args: value(options, 'hours') ?? '' };
    case 'subscribe':
    case 'unsubscribe': {
      const channelId = value(options, 'channel');
      return { name, args: value(options, 'category') ?? '', ...(channelId ? { channelId } : {}) };
    }
    default:
      return { name, args: '' };
  }
}

/** Up to 25 choices for the option being typed. */
export function autocomplete(catalog: Catalog, option: string, typed: string): { name: string; value: string }[] {
  return choicesFor(catalog, option, typed).slice(0, 25);
}

function choicesFor(catalog: Catalog, option: string, typed: string): { name: string; value: string }[] {
  const q = typed.trim().toLowerCase();
  const match = (...names: string[]) => q === '' || names.some((n) => n.toLowerCase().includes(q));
  switch (option) {
    case 'country':
      return catalog.countries.filter((c) => match(c.name, c.code)).map((c) => ({ name: c.name, value: c.code }));
    case 'language':
      return catalog.languages.filter((l) => match(l.name, l.code)).map((l) => ({ name: l.name, value: l.code }));
    case 'zone':
      return timezoneSuggestions(typed).map((z) => ({ name: z, value: z }));
    case 'category':
      return [...catalog.categories, ...(catalog.allCategory ? [catalog.allCategory] : [])]
        .filter((c) => match(c.name, c.slug))
        .map((c) => ({ name: c.name, value: c.slug }));
    default:
      return [];
  }
}
