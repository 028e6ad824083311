// A WebSub hub on 127.0.0.1: takes subscription requests, verifies intent by calling the
// subscriber back (as a real hub does), and publishes signed or forged content.
import { createHmac, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HubSubscription {
  topic: string;
  callback: string;
  secret: string;
  leaseSeconds: number;
  /** The outcome of the verification of intent. */
  verified: Promise<boolean>;
}

export class WebSubHub {
  readonly subscriptions: HubSubscription[] = [];
  /** Answer subscription requests with this status (202 = accepted). */
  answer = 202;
  readonly #server = createServer(
    (req, res) =>
      void (async () => {
        let body = '';
        for await (const chunk of req) body += chunk;
        const form = new URLSearchParams(body);
        if (req.method !== 'POST' || form.get('hub.mode') !== 'subscribe') {
          res.writeHead(400).end('bad request');
          return;
        }
        res.writeHead(this.answer).end();
        if (this.answer !== 202) return;
        const sub = {
          topic: form.get('hub.topic') ?? '',
          callback: form.get('hub.callback') ?? '',
          secret: form.get('hub.secret') ?? '',
          leaseSeconds: Number(form.get('hub.lease_seconds') ?? 0),
        };
        this.subscriptions.push({ ...sub, verified: this.#verify(sub) });
      })(),
  );
  port = 0;

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.port = (this.#server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/`;
  }

  /** Pushes content to a subscriber; `secret` signs it (a wrong one forges it). */
  async publish(callback: string, body: string, secret: string | undefined): Promise<number> {
    const headers: Record<string, string> = { 'content-type': 'application/rss+xml' };
    if (secret !== undefined) headers['x-hub-signature'] = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
    const res = await fetch(callback, { method: 'POST', headers, body });
    return res.status;
  }

  async stop(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #verify(sub: { topic: string; callback: string; leaseSeconds: number }): Promise<boolean> {
    const challenge = randomBytes(8).toString('hex');
    const url = new URL(sub.callback);
    url.searchParams.set('hub.mode', 'subscribe');
    url.searchParams.set('hub.topic', sub.topic);
    url.searchParams.set('hub.challenge', challenge);
    url.searchParams.set('hub.lease_seconds', String(sub.leaseSeconds || 3600));
    try {
      const res = await fetch(url);
      return res.status === 200 && (await res.text()) === challenge;
    } catch {
      return false; // the subscriber is gone
    }
  }
}
