// POST /discord/interactions: Discord's HTTP interactions. The Ed25519 signature over
// timestamp + raw body is checked with the application's public key (401 otherwise), a
// timestamp more than five minutes off is refused as a replay, PING is answered with PONG,
// and everything else goes to the handler, whose first answer becomes the HTTP response.
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { Hono } from 'hono';
import type { Logger } from '../../core/logger.ts';
import { requestLog } from '../../http/http-env.ts';

const MAX_SKEW_SECONDS = 300;

/** The application's public key (64 hex characters, as the developer portal shows it). */
function discordPublicKey(hex: string): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(hex, 'hex').toString('base64url') }, format: 'jwk' });
}

function validSignature(key: KeyObject, signatureHex: string, timestamp: string, body: string): boolean {
  if (!/^[0-9a-f]{128}$/i.test(signatureHex)) return false;
  return verify(null, Buffer.from(timestamp + body), key, Buffer.from(signatureHex, 'hex'));
}

export interface DiscordInteractionRoutesDeps {
  publicKey: string;
  /** Handles an interaction; `reply` sends its first answer (the HTTP response). */
  answer: (interaction: { id: string; type: number }, reply: (response: unknown) => Promise<void>) => Promise<void>;
  logger: Logger;
  now?: () => number;
}

export function discordInteractionRoutes(deps: DiscordInteractionRoutesDeps): Hono {
  const app = new Hono();
  const key = discordPublicKey(deps.publicKey);
  const now = deps.now ?? Date.now;
  // Bodies over 1 MB are refused by the app for every route (src/http/app.ts).
  app.post('/interactions', async (c) => {
    const signature = c.req.header('x-signature-ed25519') ?? '';
    const timestamp = c.req.header('x-signature-timestamp') ?? '';
    const body = await c.req.text();
    if (!validSignature(key, signature, timestamp, body)) return c.json({ error: 'invalid request signature' }, 401);
    if (!/^\d+$/.test(timestamp) || Math.abs(now() / 1000 - Number(timestamp)) > MAX_SKEW_SECONDS) return c.json({ error: 'stale timestamp' }, 401);
    let interaction: { id?: unknown; type?: unknown };
    try {
      interaction = JSON.parse(body) as typeof interaction;
    } catch {
      return c.json({ error: 'body is not JSON' }, 400);
    }
    if (typeof interaction.type !== 'number' || typeof interaction.id !== 'string') return c.json({ error: 'not an interaction' }, 400);
    if (interaction.type === 1) return c.json({ type: 1 });
    return new Promise<Response>((resolve) => {
      const reply = async (response: unknown) => resolve(c.json(response as object));
      deps.answer(interaction as { id: string; type: number }, reply).catch((error: unknown) => {
        requestLog(c, deps.logger).error({ err: error, interaction: interaction.id }, 'discord interaction failed');
        resolve(c.json({ error: 'internal error' }, 500));
      });
    });
  });
  return app;
}
