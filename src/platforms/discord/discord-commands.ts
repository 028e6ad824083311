// The slash commands, mirroring the conversation core's commands: their definitions (for
// `herald discord register`), the translation of a command's options into the core's
// command and arguments, and autocomplete for countries, languages and time zones.
import { ApplicationCommandOptionType as O, ApplicationIntegrationType, ChannelType, InteractionContextType, type ApplicationCommandOptionAllowedChannelType, type APIApplicationCommandInteractionDataOption, type RESTPutAPIApplicationCommandsJSONBody } from 'discord-api-types/v10';
import type { Catalog } from '../../core/catalog/catalog.ts';
import { timezoneSuggestions } from '../../core/conversation/timezone-input.ts';

type Definition = RESTPutAPIApplicationCommandsJSONBody[number];
type Option = APIApplicationCommandInteractionDataOption;

const CHANNEL_TYPES: ApplicationCommandOptionAllowedChannelType[] = [ChannelType.GuildText, ChannelType.GuildAnnouncement, ChannelType.AnnouncementThread, ChannelType.PublicThread, ChannelType.PrivateThread];

/** The command list, with category choices from the catalog (autocomplete when there are more than 25). */
export function commandDefinitions(catalog: Catalog): Definition[] {
  const categories = [...catalog.categories, ...(catalog.allCategory ? [catalog.allCategory] : [])];
  const category = {
    type: O.String,
    name: 'category',
    description: 'Which category',
    required: true,
    ...(categories.length <= 25 ? { choices: categories.map((c) => ({ name: c.name, value: c.slug })) } : { autocomplete: true }),
  } as const;
  const channel = { type: O.Channel, name: 'channel', description: 'Another channel of this server (default: this one)', channel_types: CHANNEL_TYPES } as const;
  const country = (description: string, required = false) => ({ type: O.String, name: 'country', description, autocomplete: true, required }) as const;
  const plain = (name: string, description: string): Definition => ({ name, description });
  // Installed in servers; usable there and in a DM with the bot (not in group DMs).
  const where = { integration_types: [ApplicationIntegrationType.GuildInstall], contexts: [InteractionContextType.Guild, InteractionContextType.BotDM] };
  return withContexts(where, [
    plain('start', 'Choose your country, language, sources and digests'),
    {
      name: 'setcountry',
      description: 'Your primary country and others',
      options: [
        country('A country (leave empty for the menu)'),
        { type: O.String, name: 'mode', description: 'Make it primary (default), or add or remove it as another country', choices: ['primary', 'add', 'remove'].map((v) => ({ name: v, value: v })) },
      ],
    },
    {
      name: 'setlanguage',
      description: 'Languages per country',
      options: [
        { type: O.String, name: 'language', description: 'Primary language for your primary country', autocomplete: true },
        country('Show the languages of this country'),
      ],
    },
    { name: 'sources', description: 'Sources per country', options: [country('Show the sources of this country')] },
    plain('categories', 'Which daily digests you get'),
    {
      name: 'digest',
      description: 'Digest time, time zone, or the digest now',
      options: [
        { type: O.Subcommand, name: 'now', description: 'The digest of the last 24 hours, now' },
        { type: O.Subcommand, name: 'time', description: 'When the daily digest arrives', options: [{ type: O.String, name: 'time', description: 'HH:MM, e.g. 07:30', required: true }] },
        { type: O.Subcommand, name: 'timezone', description: 'Your time zone', options: [{ type: O.String, name: 'zone', description: 'e.g. Europe/Berlin', required: true, autocomplete: true }] },
      ],
    },
    { name: 'breaking', description: 'Breaking news on or off', options: [{ type: O.String, name: 'state', description: 'on or off', required: true, choices: [{ name: 'on', value: 'on' }, { name: 'off', value: 'off' }] }] },
    { name: 'quiet', description: 'Quiet hours for breaking news', options: [{ type: O.String, name: 'hours', description: 'HH:MM-HH:MM, or off', required: true }] },
    { name: 'subscribe', description: 'Subscribe this channel (or another) to a category', options: [category, channel] },
    { name: 'unsubscribe', description: 'Unsubscribe this channel (or another) from a category', options: [category, channel] },
    plain('settings', 'Everything at a glance'),
    plain('stop', 'Stop and delete your data'),
    plain('help', 'What I can do'),
  ]);
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
      return [...catalog.categories, ...(catalog.allCategory ? [catalog.allCategory] : [])].filter((c) => match(c.name, c.slug)).map((c) => ({ name: c.name, value: c.slug }));
    default:
      return [];
  }
}
