// The local web chat (/try): a third adapter on the conversation core, for trying Herald
// before creating any bot token. A browser's chat is a web target of its own (its id is a
// random cookie); what is typed goes to the same Conversation as on Telegram and Discord,
// and answers, digests and breaking stories are kept in its ChatLog, for the page to show.
// New chats are limited, per client address and in all, and a chat nobody typed in for a
// while is forgotten (expireIdle): an open web chat cannot be made to fill the database.
import type { ChatEntry, ChatLog } from '../../core/chatlog/chat-log.ts';
import { MAX_INPUT, type Actor, type Conversation } from '../../core/conversation/conversation.ts';
import { encodeAction } from '../../core/message/action.ts';
import { localized } from '../../core/i18n/target-language.ts';
import type { ReaderClock } from '../../core/i18n/reader-time.ts';
import type { View } from '../../core/message/view.ts';
import { DEFAULT_LOCALE, type Locale } from '../../core/i18n/locales.ts';
import { messagesFor } from '../../core/i18n/messages.ts';
import type { WindowedCounter } from '../../core/limits/windowed-counter.ts';
import type { Target, TargetRepository } from '../../core/targets/target.ts';

/** The person at the browser owns their chat. */
const OWNER: Actor = { canConfigure: true };
/** What the page lets a person type: what the conversation reads of a message. */
export const MAX_TEXT = MAX_INPUT;
const HISTORY = 200;

export interface WebChatLimits {
  /** New chats per client address. */
  newChats: WindowedCounter;
  /** Web chats at most, in all. */
  maxChats: number;
}

/** A new chat was refused: too many from this address, or in all. */
export class ChatRefused extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super(message);
    this.name = 'ChatRefused';
  }
}

export class WebChat {
  /** New chats being made now (between the count and their insert). */
  #making = 0;

  constructor(
    private readonly deps: {
      conversation: Conversation;
      targets: TargetRepository;
      log: ChatLog;
      limits: WebChatLimits;
    },
  ) {}

  /** The chat's target; a new one, in the browser's language, only within the limits (else ChatRefused). */
  async #admit(chatId: string, client: string, locale: Locale): Promise<Target> {
    const found = await this.deps.targets.find({ platform: 'web', externalId: chatId });
    if (found) {
      if (!found.active) await this.deps.targets.reactivate(found.id);
      return found;
    }
    const { newChats, maxChats } = this.deps.limits;
    // Counted before any await: chats asked for together all count.
    const wait = newChats.attempt(client);
    const words = messagesFor(locale).web;
    if (wait > 0) throw new ChatRefused(words.tooManyNewChats({ minutes: Math.ceil(wait / 60_000) }), wait);
    // Chats being made right now count too, for the same reason.
    this.#making++;
    try {
      if ((await this.deps.targets.count('web')) + this.#making > maxChats) {
        newChats.forgive(client);
        throw new ChatRefused(words.full, 60_000);
      }
      return await this.deps.targets.upsert({ platform: 'web', externalId: chatId, kind: 'private', title: null, locale });
    } finally {
      this.#making--;
    }
  }

  /** Something typed: a command ("/setcountry IN") goes to the conversation; the new entries come back. */
  /** `locale`: the browser's language, for a new chat. */
  async say(chatId: string, input: string, client: string, locale: Locale = DEFAULT_LOCALE): Promise<ChatEntry[]> {
    const text = input.trim().slice(0, MAX_TEXT);
    if (!text) return [];
    const target = await this.#admit(chatId, client, locale);
    const said = await this.deps.log.append(chatId, 'user', 'reply', { text });
    const m = /^\/([a-z_]+)(?:\s+([\s\S]*))?$/i.exec(text);
    const view = m ? await this.deps.conversation.command(target, OWNER, m[1]!, m[2] ?? '') : { lines: [localized(target).web.notACommand], buttons: [] };
    return [said, await this.deps.log.append(chatId, 'bot', 'reply', view)];
  }

  /**
   * A button pressed on the bot's message `entryId`: the message is edited in place, as on
   * Telegram. A refusal ("expired") comes back as a new entry and leaves the message alone.
   * Only an existing chat has buttons to press: undefined when there is none.
   */
  async press(chatId: string, entryId: number, action: string): Promise<{ entries: ChatEntry[]; reset?: boolean } | undefined> {
    const target = await this.deps.targets.find({ platform: 'web', externalId: chatId });
    if (!target) return undefined;
    const view = await this.deps.conversation.action(target, OWNER, action);
    if (view.error) return { entries: [await this.deps.log.append(chatId, 'bot', 'reply', view)] };
    if (action === encodeAction({ kind: 'stop', confirm: true })) {
      // "/stop: stop and delete your data": the conversation deleted the target; the transcript goes too.
      await this.deps.log.clear(chatId);
      return { entries: [await this.deps.log.append(chatId, 'bot', 'reply', view)], reset: true };
    }
    const edited = await this.deps.log.replace(chatId, entryId, view);
    return { entries: [edited ?? (await this.deps.log.append(chatId, 'bot', 'reply', view))] };
  }

  /** A story's every outlet, as /story shows it in this chat; undefined when there is no chat. */
  async story(chatId: string, storyId: number): Promise<View | undefined> {
    const target = await this.deps.targets.find({ platform: 'web', externalId: chatId });
    return target ? this.deps.conversation.command(target, OWNER, 'story', String(storyId)) : undefined;
  }

  /**
   * The chat's clock: its target's language, zone and country, or the browser's language
   * (`fallback`) on UTC before it has one.
   */
  async clock(chatId: string | undefined, fallback: Locale): Promise<ReaderClock> {
    const target = chatId ? await this.deps.targets.find({ platform: 'web', externalId: chatId }) : null;
    return target ? this.deps.conversation.clockOf(target) : { locale: fallback, timezone: 'UTC' };
  }

  /** What a first visit shows before anything is stored: how to begin, in the browser's language. */
  intro(locale: Locale = DEFAULT_LOCALE): ChatEntry {
    return { id: 0, role: 'bot', kind: 'reply', body: { lines: [messagesFor(locale).web.intro], buttons: [] }, at: new Date() };
  }

  /** The chat so far (the latest entries), or what came after `afterId`. */
  history(chatId: string, afterId = 0): Promise<ChatEntry[]> {
    return this.deps.log.since(chatId, afterId, HISTORY);
  }

  /** Forgets chats idle since `before`; returns how many. */
  expireIdle(before: Date): Promise<number> {
    return this.deps.log.expireIdle(before);
  }
}
