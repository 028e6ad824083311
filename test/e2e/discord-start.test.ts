// `herald start` with Discord settings, against the fake Discord: HTTP interactions when the
// public key is set (a signed PING and a command through the real route), the gateway with
// discord.js otherwise; and `herald discord register`.
import { generateKeyPairSync, sign } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeDiscordApi } from '../fakes/discord-api.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runHerald, startHeraldProcess } from '../support/herald-process.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function fakeDiscord(): Promise<FakeDiscordApi> {
  const api = await new FakeDiscordApi().start();
  cleanups.push(() => api.stop());
  return api;
}

// As Discord sends it (discord.js's own gateway handling needs every field, entitlements included).
const helpCommand = (id: string) => ({
  id,
  application_id: '900000000000000001',
  token: `tok-${id}`,
  version: 1,
  type: 2,
  entitlements: [],
  app_permissions: '0',
  locale: 'en-US',
  authorizing_integration_owners: {},
  channel: { id: '710000000000000001', type: 1 },
  user: { id: '600000000000000001', username: 'u' },
  data: { id: '1', name: 'help', type: 1 },
});

describe('herald start with Discord', () => {
  it('serves HTTP interactions when DISCORD_PUBLIC_KEY is set, checking signatures', async () => {
    const api = await fakeDiscord();
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const hex = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url').toString('hex');
    const { port, output } = await startHeraldProcess(cleanups, {
      DISCORD_BOT_TOKEN: 'discord-test-token',
      DISCORD_APPLICATION_ID: api.applicationId,
      DISCORD_PUBLIC_KEY: hex,
      DISCORD_API_BASE: api.base,
    });
    const send = (body: string, key = privateKey) => {
      const ts = String(Math.floor(Date.now() / 1000));
      return fetch(`http://127.0.0.1:${port}/discord/interactions`, {
        method: 'POST',
        body,
        headers: { 'x-signature-timestamp': ts, 'x-signature-ed25519': sign(null, Buffer.from(ts + body), key).toString('hex') },
      });
    };
    expect(await (await send(JSON.stringify({ id: '1', type: 1 }))).json()).toEqual({ type: 1 });
    expect((await send(JSON.stringify({ id: '1', type: 1 }), generateKeyPairSync('ed25519').privateKey)).status).toBe(401);
    const help = (await (await send(JSON.stringify(helpCommand('2')))).json()) as { type: number; data: { content: string } };
    expect(help.type).toBe(4);
    expect(help.data.content).toMatch(/\/setcountry/);
    expect(output()).toMatch(/discord on: interactions at POST \/discord\/interactions/);
    expect(output()).not.toContain('discord-test-token');
  });

  it('connects to the gateway without a public key and answers interactions it receives', async () => {
    const api = await fakeDiscord();
    await startHeraldProcess(cleanups, { DISCORD_BOT_TOKEN: 'discord-test-token', DISCORD_APPLICATION_ID: api.applicationId, DISCORD_API_BASE: api.base });
    // The gateway connects in the background, after the start.
    for (let i = 0; i < 200 && api.identified === 0; i++) await new Promise((r) => setTimeout(r, 25));
    expect(api.identified).toBe(1);
    api.dispatch('INTERACTION_CREATE', helpCommand('3'));
    for (let i = 0; i < 100 && api.callsTo('POST', /^\/interactions\/3\/tok-3\/callback$/).length === 0; i++) await new Promise((r) => setTimeout(r, 30));
    expect(api.callsTo('POST', /^\/interactions\/3\/tok-3\/callback$/)[0]?.body).toMatchObject({ type: 4 });
  });
});

function runCli(args: string[], { env }: { env: Record<string, string> }) {
  const dir = mkdtempSync(join(tmpdir(), 'herald-e2e-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return runHerald(args, env, dir);
}

describe('herald discord register', () => {
  it('registers the commands in a guild, and says what is missing without a token', async () => {
    const api = await fakeDiscord();
    const env = { DISCORD_BOT_TOKEN: 'discord-test-token', DISCORD_APPLICATION_ID: api.applicationId, DISCORD_API_BASE: api.base };
    const ok = await runCli(['discord', 'register', '--guild', '500000000000000001'], { env });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^registered 24 commands in server 500000000000000001: \/start \/setcountry/);
    expect(api.callsTo('PUT', /^\/applications\/\d+\/guilds\/500000000000000001\/commands$/)).toHaveLength(1);
    const bad = await runCli(['discord', 'register', '--guild', 'my-server'], { env });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--guild must be a server id/);
    const none = await runCli(['discord', 'register'], { env: {} });
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/DISCORD_BOT_TOKEN and DISCORD_APPLICATION_ID must be set/);
  });
});
