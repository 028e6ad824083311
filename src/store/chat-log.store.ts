// ChatLog on Prisma (WebMessage rows). Bodies are JSON; story card times are stored as ISO
// strings and read back as dates.
import type { ChatEntry, ChatEntryKind, ChatLog, ChatRole } from '../core/chatlog/chat-log.ts';
import { parseMessage, serializeMessage } from '../core/delivery/outbox.ts';
import type { OutgoingMessage } from '../core/message/outgoing.ts';
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

  async expireIdle(before: Date): Promise<number> {
    // Active: the person typed something since `before`. Deliveries alone keep no chat alive.
    const active = this.db.webMessage.findMany({ where: { role: 'user', createdAt: { gte: before } }, select: { chatId: true }, distinct: ['chatId'] });
    const keep = new Set((await active).map((m) => m.chatId));
    const idle = (await this.db.target.findMany({ where: { platform: 'web', createdAt: { lt: before } }, select: { id: true, externalId: true } })).filter(
      (t) => !keep.has(t.externalId),
    );
    for (let i = 0; i < idle.length; i += 500) {
      const part = idle.slice(i, i + 500);
      await this.db.$transaction([
        this.db.webMessage.deleteMany({ where: { chatId: { in: part.map((t) => t.externalId) } } }),
        this.db.target.deleteMany({ where: { id: { in: part.map((t) => t.id) } } }),
      ]);
    }
    // Transcripts left without a target (a chat refused before it was made) go too.
    const targets = new Set((await this.db.target.findMany({ where: { platform: 'web' }, select: { externalId: true } })).map((t) => t.externalId));
    const stale = (await this.db.webMessage.findMany({ where: { createdAt: { lt: before } }, select: { chatId: true }, distinct: ['chatId'] }))
      .map((m) => m.chatId)
      .filter((id) => !targets.has(id) && !keep.has(id));
    if (stale.length > 0) await this.db.webMessage.deleteMany({ where: { chatId: { in: stale } } });
    return idle.length;
  }
}
