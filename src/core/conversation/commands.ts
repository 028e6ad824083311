// The command catalogue, written once: every command's name, what it takes, whether it only
// reads, and its words (from the message catalogue). Telegram's command menu, Discord's slash
// commands and /help are all made from it.
import { LOCALES } from '../i18n/locales.ts';
import { en } from '../i18n/messages.ts';

type Words = typeof en.commands;
export type OptionWords = keyof Words['options'];

export interface CommandOption {
  name: string;
  words: OptionWords;
  /** A word, a channel of the chat's server, or a sub-command with options of its own. */
  kind: 'text' | 'channel' | 'subcommand';
  required?: boolean;
  /** Fixed choices, or the catalog's categories. */
  choices?: readonly string[] | 'categories';
  /** Suggestions while typing, from the catalog (or the time zones). */
  suggest?: 'country' | 'language' | 'zone' | 'category';
  options?: readonly CommandOption[];
}

export interface CommandSpec {
  name: Exclude<keyof Words, 'options' | 'optionNames' | 'choices'>;
  /**
   * How it is typed after its name, for /help: "[{country}]". Keywords (add, now, on…) are the
   * command's own, typed alike in every language; {option} is that option's name in the
   * reader's language (commands.optionNames).
   */
  usage?: string;
  /** Changes nothing: anyone in a chat may use it (the others need the chat's admins). */
  readOnly?: boolean;
  options?: readonly CommandOption[];
  /** Words it takes as typed, beyond its options' choices ("/mute source NDTV"). */
  keywords?: readonly string[];
  /** The platforms that have what it sets (threads are Discord's); every platform when unset. */
  platforms?: readonly string[];
}

const country = (words: OptionWords, required = false): CommandOption => ({ name: 'country', words, kind: 'text', suggest: 'country', required });
const category: CommandOption = { name: 'category', words: 'category', kind: 'text', required: true, choices: 'categories', suggest: 'category' };
const channel: CommandOption = { name: 'channel', words: 'channel', kind: 'channel' };

export const COMMANDS: readonly CommandSpec[] = [
  { name: 'start' },
  {
    name: 'setcountry',
    usage: '[{country} | add {country} | remove {country}]',
    options: [country('country'), { name: 'mode', words: 'countryMode', kind: 'text', choices: ['primary', 'add', 'remove'] }],
  },
  {
    name: 'setlanguage',
    usage: '[{language} | {country}]',
    options: [{ name: 'language', words: 'language', kind: 'text', suggest: 'language' }, country('languagesOf')],
  },
  { name: 'sources', usage: '[{country}]', options: [country('sourcesOf')] },
  { name: 'categories' },
  {
    name: 'digest',
    usage: 'now | time HH:MM | timezone {zone} | <{category}> daily|twice|weekdays|weekly …',
    options: [
      { name: 'now', words: 'digestNow', kind: 'subcommand' },
      { name: 'time', words: 'digestTime', kind: 'subcommand', options: [{ name: 'time', words: 'time', kind: 'text', required: true }] },
      {
        name: 'timezone',
        words: 'digestTimezone',
        kind: 'subcommand',
        options: [{ name: 'zone', words: 'zone', kind: 'text', required: true, suggest: 'zone' }],
      },
      {
        name: 'rhythm',
        words: 'digestRhythm',
        kind: 'subcommand',
        options: [
          { ...category },
          { name: 'rhythm', words: 'rhythmKind', kind: 'text', required: true, choices: ['daily', 'twice', 'weekdays', 'weekly'] },
          { name: 'time', words: 'time', kind: 'text', required: true },
          { name: 'second', words: 'secondTime', kind: 'text' },
          { name: 'day', words: 'rhythmDay', kind: 'text' },
        ],
      },
    ],
  },
  {
    name: 'breaking',
    usage: 'on | off | all | big <{number}> | cap <{number}>|off',
    options: [
      { name: 'state', words: 'breakingState', kind: 'text', required: true, choices: ['on', 'off', 'all', 'big', 'cap'] },
      { name: 'number', words: 'breakingNumber', kind: 'text' },
    ],
  },
  { name: 'quiet', usage: 'HH:MM-HH:MM | off', options: [{ name: 'hours', words: 'quietHours', kind: 'text', required: true }] },
  {
    name: 'sound',
    usage: 'digests on|off | breaking on|off',
    options: [
      { name: 'what', words: 'soundWhat', kind: 'text', required: true, choices: ['digests', 'breaking'] },
      { name: 'state', words: 'soundState', kind: 'text', required: true, choices: ['on', 'off'] },
    ],
  },
  { name: 'previews', usage: 'on | off', options: [{ name: 'state', words: 'previewsState', kind: 'text', required: true, choices: ['on', 'off'] }] },
  {
    name: 'threads',
    usage: 'on | off',
    platforms: ['discord'],
    options: [{ name: 'state', words: 'threadsState', kind: 'text', required: true, choices: ['on', 'off'] }],
  },
  {
    name: 'mute',
    usage: '<{words}> | source <{source}>',
    keywords: ['source'],
    options: [
      { name: 'words', words: 'filterWords', kind: 'text' },
      { name: 'source', words: 'filterSource', kind: 'text' },
    ],
  },
  {
    name: 'only',
    usage: '[{category}] <{words}>',
    options: [
      { name: 'words', words: 'filterWords', kind: 'text', required: true },
      { name: 'category', words: 'onlyCategory', kind: 'text', choices: 'categories', suggest: 'category' },
    ],
  },
  {
    name: 'unmute',
    usage: '<{words}> | source <{source}>',
    keywords: ['source'],
    options: [
      { name: 'words', words: 'filterWords', kind: 'text' },
      { name: 'source', words: 'filterSource', kind: 'text' },
    ],
  },
  { name: 'why', usage: '<{story}>', readOnly: true, options: [{ name: 'story', words: 'whyStory', kind: 'text', required: true }] },
  { name: 'suggest', usage: '<{url}>', readOnly: true, options: [{ name: 'url', words: 'suggestUrl', kind: 'text', required: true }] },
  { name: 'filters', usage: '[test]', options: [{ name: 'mode', words: 'filtersMode', kind: 'text', choices: ['test'] }] },
  { name: 'subscribe', usage: '<{category}> [@{channel}]', options: [category, channel] },
  { name: 'unsubscribe', usage: '<{category}> [@{channel}]', options: [category, channel] },
  { name: 'story', usage: '<{number}>', readOnly: true, options: [{ name: 'number', words: 'storyNumber', kind: 'text', required: true }] },
  { name: 'settings', readOnly: true },
  {
    name: 'language',
    usage: '[en | hi | ar | de | zh | fr]',
    options: [{ name: 'locale', words: 'locale', kind: 'text', choices: LOCALES }],
  },
  { name: 'stop' },
  { name: 'help', readOnly: true },
];

/**
 * The words a command takes as typed ("now" in /digest now, "add", "on"): the command's own
 * language, typed alike whatever language Herald speaks (as command names are), so usage and
 * messages keep them literal.
 */
const wordsOf = (o: CommandOption): string[] => [
  ...(o.kind === 'subcommand' ? [o.name] : []),
  ...(Array.isArray(o.choices) ? o.choices : []),
  ...(o.options ?? []).flatMap(wordsOf),
];
export const COMMAND_WORDS: ReadonlySet<string> = new Set([
  ...COMMANDS.flatMap((c) => c.options ?? []).flatMap(wordsOf),
  ...COMMANDS.flatMap((c) => c.keywords ?? []),
]);

/** The commands a platform offers (its menu, its slash commands, its /help). */
export const commandsOn = (platform: string): CommandSpec[] => COMMANDS.filter((c) => !c.platforms || c.platforms.includes(platform));

/** Commands anyone in a chat may use. */
export const READ_ONLY_COMMANDS: ReadonlySet<string> = new Set(COMMANDS.filter((c) => c.readOnly).map((c) => c.name));

export const describeCommand = (c: CommandSpec, words: Words = en.commands): string => words[c.name];
export const describeOption = (o: CommandOption, words: Words = en.commands): string => words.options[o.words];

/** A command's usage with its options named in the reader's language: "[land | add land | remove land]". */
const usageIn = (usage: string, words: Words) =>
  usage.replace(/\{(\w+)\}/g, (_, name: string) => words.optionNames[name as keyof Words['optionNames']] ?? name);

/** /help's lines on a platform: each command as it is typed, and what it does. */
export function helpLines(platform: string, words: Words = en.commands): string[] {
  return commandsOn(platform).map((c) => `/${c.name}${c.usage ? ` ${usageIn(c.usage, words)}` : ''}: ${describeCommand(c, words)}`);
}
