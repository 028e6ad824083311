// The local web chat (/try): a third adapter on the conversation core, for trying Herald
// before creating any bot token. A browser's chat is a web target of its own (its id is a
// random cookie); what is typed goes to the same Conversation as on Telegram and Discord,
// and answers, digests and breaking stories are kept in its ChatLog, for the page to show.
import type { ChatEntry, ChatLog } from '../../core/chatlog/chat-log.ts';
import { MAX_INPUT, type Actor, type Conversation } from '../../core/conversation/conversation.ts';
import { en } from '../../core/i18n/messages.en.ts';
import type { Target, TargetRepository } from '../../core/targets/target.ts';

/** The person at the browser owns their chat. */
const OWNER: Actor = { canConfigure: true };
/** What the page lets a person type: what the conversation reads of a message. */
export const MAX_TEXT = MAX_INPUT;
const HISTORY = 200;

export class WebChat {
  constructor(
    private readonly deps: {
      conversation: Conversation;
      targets: TargetRepository;
      log: ChatLog;
    },
  ) {}

  async #target(chatId: string): Promise<Target> {
    const target = await this.deps.targets.upsert({ platform: 'web', externalId: chatId, kind: 'private', title: null });
    if (!target.active) await this.deps.targets.reactivate(target.id);
    return target;
  }

  /** Something typed: a command ("/setcountry IN") goes to the conversation; the new entries come back. */
  async say(chatId: string, input: string): Promise<ChatEntry[]> {
    const text = input.trim().slice(0, MAX_TEXT);
    if (!text) return [];
    const said = await this.deps.log.append(chatId, 'user', 'reply', { text });
    const m = /^\/([a-z_]+)(?:\s+([\s\S]*))?$/i.exec(text);
    const view = m
      ? await this.deps.conversation.command(await this.#target(chatId), OWNER, m[1]!, m[2] ?? '')
      : { lines: [en.web.notACommand], buttons: [] };
    return [said, await this.deps.log.append(chatId, 'bot', 'reply', view)];
  }

  /**
   * A button pressed on the bot's message `entryId`: the message is edited in place, as on
   * Telegram. A refusal ("expired") comes back as a new entry and leaves the message alone.
   */
  async press(chatId: string, entryId: number, action: string): Promise<{ entries: ChatEntry[]; reset?: boolean }> {
    const view = await this.deps.conversation.action(await this.#target(chatId), OWNER, action.slice(0, 64));
    if (view.error) return { entries: [await this.deps.log.append(chatId, 'bot', 'reply', view)] };
    if (action === 'stop:yes') {
      // "/stop: stop and delete your data": the conversation deleted the target; the transcript goes too.
      await this.deps.log.clear(chatId);
      return { entries: [await this.deps.log.append(chatId, 'bot', 'reply', view)], reset: true };
    }
    const edited = await this.deps.log.replace(chatId, entryId, view);
    return { entries: [edited ?? (await this.deps.log.append(chatId, 'bot', 'reply', view))] };
  }

  /** What a first visit shows before anything is stored: how to begin. */
  intro(): ChatEntry {
    return { id: 0, role: 'bot', kind: 'reply', body: { lines: [en.web.intro], buttons: [] }, at: new Date() };
  }

  /** The chat so far (the latest entries), or what came after `afterId`. */
  history(chatId: string, afterId = 0): Promise<ChatEntry[]> {
    return this.deps.log.since(chatId, afterId, HISTORY);
  }
}
