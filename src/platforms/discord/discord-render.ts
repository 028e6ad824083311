// Neutral views and messages → Discord: markdown content, buttons (or select menus when a view
// has more choices than Discord's 5×5 buttons), and story cards as embeds (headline linking to
// the story, summary, outlets, time, a colour per category), split within Discord's limits.
// Every payload carries `allowed_mentions: { parse: [] }` so no feed text can ping anyone.
import {
  ButtonStyle,
  ComponentType,
  MessageFlags,
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type RESTPostAPIChannelMessageJSONBody,
} from 'discord-api-types/v10';
import { encodeAction } from '../../core/message/action.ts';
import { markedLabel, type Button, type View } from '../../core/message/view.ts';
import type { OutgoingMessage } from '../../core/message/outgoing.ts';
import type { StoryCard } from '../../core/message/story-card.ts';

export const LIMITS = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  footer: 2048,
  author: 256,
  total: 6000,
  buttonLabel: 80,
  optionLabel: 100,
  rows: 5,
  perRow: 5,
  options: 25,
};
export const NO_MENTIONS = { parse: [] as never[] };

const COLOURS: Record<string, number> = {
  national: 0x1f6feb,
  international: 0x8957e5,
  business: 0x2da44e,
  entertainment: 0xbf3989,
  sports: 0xd4a72c,
  special: 0xcf222e,
};

/** A category's colour; an operator's own category gets a stable one from its name. */
function colourOf(category: string | undefined): number {
  if (!category) return 0x57606a;
  if (COLOURS[category] !== undefined) return COLOURS[category];
  let h = 0;
  for (const ch of category) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h & 0xffffff;
}

/** Escapes Discord markdown in text from outside (feed titles, names); URLs are left whole. */
function escapeMarkdown(text: string): string {
  return text
    .split(/(\s+)/)
    .map((word) => (/^https?:\/\//.test(word) ? word : word.replace(/([\\*_~`|[\]])/g, '\\$1')))
    .join('')
    .replace(/^([#>-])/, '\\$1');
}

const cut = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

function renderContent(message: { title?: string; lines: string[] }): string {
  return [...(message.title ? [`**${escapeMarkdown(message.title)}**`] : []), ...message.lines.map(escapeMarkdown)].join('\n');
}

/**
 * Buttons as Discord components: rows of buttons when they fit (5 rows of 5); otherwise
 * select menus of 25 options, each option named with its row's first label for context.
 * `choose` is the menus' placeholder in the reader's language; without it Discord shows its own,
 * in the reader's.
 */
function renderComponents(buttons: Button[][] | undefined, choose?: string): APIActionRowComponent<APIComponentInMessageActionRow>[] {
  if (!buttons || buttons.length === 0) return [];
  if (buttons.length <= LIMITS.rows && buttons.every((row) => row.length <= LIMITS.perRow)) {
    return buttons.map((row) => ({
      type: ComponentType.ActionRow,
      components: row.map((b) => ({
        type: ComponentType.Button,
        style: b.selected ? ButtonStyle.Success : ButtonStyle.Secondary,
        label: cut(b.label, LIMITS.buttonLabel),
        custom_id: encodeAction(b.action),
      })),
    }));
  }
  // An option's label names what it belongs to (the row's first button: "The Hindu: ➕ other"),
  // with its choice drawn from `selected` (a single-choice menu takes one default at most).
  const options = buttons.flatMap((row) =>
    row.map((b, i) => ({ label: cut(i > 0 ? `${row[0]!.label}: ${markedLabel(b)}` : markedLabel(b), LIMITS.optionLabel), value: encodeAction(b.action) })),
  );
  const menus: APIActionRowComponent<APIComponentInMessageActionRow>[] = [];
  for (let i = 0; i < options.length && menus.length < LIMITS.rows; i += LIMITS.options) {
    menus.push({
      type: ComponentType.ActionRow,
      components: [
        {
          type: ComponentType.StringSelect,
          custom_id: `menu:${menus.length}`,
          ...(choose ? { placeholder: choose } : {}),
          options: options.slice(i, i + LIMITS.options),
        },
      ],
    });
  }
  return menus;
}

type AnswerBody = RESTPostAPIChannelMessageJSONBody & { flags?: number };

/**
 * A view as the messages of an interaction's answer, split as delivery splits a message (the
 * same renderMessages): the first part answers the interaction, the others follow it up.
 * Ephemeral parts are seen only by whoever used the command.
 */
export function renderAnswer(v: View, ephemeral: boolean, choose: string): AnswerBody[] {
  return renderMessages(v, choose).map((part) => (ephemeral ? { ...part, flags: MessageFlags.Ephemeral } : part));
}

const isWebImage = (url: string | undefined): url is string => !!url && /^https?:\/\//i.test(url);

/**
 * A story as an embed: the outlet as its author, the headline linking to the report, what
 * changed and the summary, the image (large for a single story, a thumbnail in a digest), the
 * section and coverage in the footer, and the time as a timestamp Discord shows in each
 * viewer's own zone and language.
 */
function storyEmbed(card: StoryCard, single: boolean): APIEmbed {
  // The other outlets as the reader's language says it; a row queued before cards said it: "+3".
  const outlets = card.moreOutlets > 0 ? `${card.outlet} ${card.more ?? `+${card.moreOutlets}`}` : card.outlet;
  const footer = [card.section, card.coverage].filter(Boolean).join(' · ');
  return {
    author: { name: cut(outlets, LIMITS.author) },
    title: cut(card.headline, LIMITS.title),
    url: card.url,
    ...(card.summary || card.note ? { description: cut([card.note, card.summary].filter(Boolean).join('\n\n'), 600) } : {}),
    color: colourOf(card.category),
    ...(isWebImage(card.imageUrl) ? (single ? { image: { url: card.imageUrl } } : { thumbnail: { url: card.imageUrl } }) : {}),
    ...(footer ? { footer: { text: cut(footer, LIMITS.footer) } } : {}),
    timestamp: card.time.toISOString(),
  };
}

/** What Discord counts towards an embed's 6,000 characters. */
const embedSize = (e: APIEmbed) => (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.author?.name.length ?? 0);

/**
 * An outgoing message as one or more Discord messages: the title as content, each story an
 * embed (at most 10 and 6000 characters a message), buttons on the last. Without cards, the
 * lines are the content, split at line boundaries under 2000 characters.
 */
export function renderMessages(message: OutgoingMessage, choose?: string): RESTPostAPIChannelMessageJSONBody[] {
  const out: RESTPostAPIChannelMessageJSONBody[] = [];
  if (message.cards && message.cards.length > 0) {
    let embeds: APIEmbed[] = [];
    let size = 0;
    for (const embed of message.cards.map((c) => storyEmbed(c, message.cards!.length === 1))) {
      if (embeds.length === LIMITS.embeds || size + embedSize(embed) > LIMITS.total) {
        out.push({ embeds });
        embeds = [];
        size = 0;
      }
      embeds.push(embed);
      size += embedSize(embed);
    }
    out.push({ embeds });
    if (message.title) out[0]!.content = cut(`**${escapeMarkdown(message.title)}**`, LIMITS.content);
  } else {
    out.push(...splitContent(renderContent(message)).map((content) => ({ content })));
  }
  const components = renderComponents(message.buttons, choose);
  if (components.length > 0) out.at(-1)!.components = components;
  return out.map((m) => ({ ...m, allowed_mentions: NO_MENTIONS }));
}

/** Splits content under 2000 characters at line boundaries (a longer line is cut). */
function splitContent(text: string, limit = LIMITS.content): string[] {
  const parts: string[] = [];
  let current = '';
  for (let line of text.split('\n')) {
    while (line.length > limit) {
      if (current) parts.push(current);
      current = '';
      parts.push(line.slice(0, limit));
      line = line.slice(limit);
    }
    if (current && current.length + 1 + line.length > limit) {
      parts.push(current);
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current || parts.length === 0) parts.push(current);
  return parts;
}
