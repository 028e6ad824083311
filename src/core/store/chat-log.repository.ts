// ChatLog on Prisma (WebMessage rows). Bodies are JSON; story card times are stored as ISO
// strings and read back as dates.
import type { ChatEntry, ChatEntryKind, ChatLog, ChatRole } from '../chatlog/chat-log.ts';
import { parseMessage, serializeMessage } from '../delivery/outbox.ts';
import type { OutgoingMessage } from '../delivery/messenger.ts';
import type { Db } from './prisma-client.ts';

type Row = { id: number; role: string; kind: string; body: string; createdAt: Date };

const encode = (body: ChatEntry['body']) => serializeMessage(body as OutgoingMessage);
const toEntry = (r: Row): ChatEntry => ({
  id: r.id,
  role: r.role as ChatRole,
  kind: r.kind as ChatEntryKind,
  // Replies may carry story cards too (/digest now): every body's card times come back as dates.
  body: parseMessage(r.body),
  at: r.createdAt,
});

export class PrismaChatLog implements ChatLog {
  constructor(private readonly db: Db) {}

  async append(chatId: string, role: ChatRole, kind: ChatEntryKind, body: ChatEntry['body']): Promise<ChatEntry> {
    return toEntry(await this.db.webMessage.create({ data: { chatId, role, kind, body: encode(body) } }));
  }

  async replace(chatId: string, id: number, body: ChatEntry['body']): Promise<ChatEntry | null> {
    const row = await this.db.webMessage.findFirst({ where: { id, chatId, role: 'bot' } });
    if (!row) return null;
    return toEntry(await this.db.webMessage.update({ where: { id }, data: { body: encode(body) } }));
  }

  async since(chatId: string, afterId: number, limit: number): Promise<ChatEntry[]> {
    const rows = await this.db.webMessage.findMany({ where: { chatId, id: { gt: afterId } }, orderBy: { id: 'desc' }, take: limit });
    return rows.reverse().map(toEntry);
  }

  async clear(chatId: string): Promise<void> {
    await this.db.webMessage.deleteMany({ where: { chatId } });
  }
}
