// The webhook benchmark's baseline: the same route, the same durability (the update is stored
// before it is acknowledged, a retry stored once), done the plain way: one INSERT per request,
// no group commit. Serves on loopback and prints its port.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import { openDatabase } from '../../src/store/database.ts';

const db = await openDatabase(process.env.DATABASE_URL!);
await db.migrate();
const app = new Hono();
app.post('/telegram/webhook', async (c) => {
  const raw = await c.req.text();
  const update = JSON.parse(raw) as { update_id: number };
  try {
    await db.prisma.inboundUpdate.create({ data: { platform: 'telegram', updateId: String(update.update_id), body: raw } });
    return c.json({ ok: true });
  } catch (error) {
    if ((error as { code?: string }).code === 'P2002') return c.json({ ok: true, duplicate: true });
    throw error;
  }
});
serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => console.log(info.port));
