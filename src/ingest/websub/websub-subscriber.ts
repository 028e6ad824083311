// The subscriber side of WebSub (W3C Recommendation): subscribe a feed at the hub it names,
// answer the hub's verification of intent, accept signed pushes into the ingest pipeline,
// and renew leases before they end. Platform- and framework-free: src/http maps requests on.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Agent, request } from 'undici';
import type { Clock } from '../../core/clock.ts';
import type { FeedRecord, FeedRepository } from '../../core/feeds/feed.ts';
import type { WebSubRepository } from '../../core/feeds/websub.ts';
import type { Logger } from '../../core/logger.ts';
import type { Ingester } from '../ingester.ts';
import { isPublicUrl, publicOnlyLookup } from '../fetch/public-address.ts';

/** Connections to hubs a feed names, refused when the name resolves to a private address. */
const PUBLIC_ONLY = new Agent({ connect: { lookup: publicOnlyLookup } });
import { FeedParseError } from '../parse/feed-parse-error.ts';
import type { FeedMeta } from '../parse/feed-processor.ts';

export interface WebSubOptions {
  /** Herald's public base URL; callbacks are <publicUrl>/websub/<feedId>. */
  publicUrl: string;
  leaseSeconds: number;
  /** Renew this long before a lease ends. */
  renewBeforeMs: number;
  timeoutMs: number;
  /**
   * Hub addresses come from feed content: by default Herald posts only to public hosts,
   * never to loopback or private networks. Operators with an internal hub turn this on.
   */
  allowPrivateHubs: boolean;
}

export type HttpAnswer = { status: number; body: string };

const SIGNATURE = /^(sha1|sha256|sha384|sha512)=([0-9a-f]+)$/i;
const MIN_LEASE_S = 60;
const MAX_LEASE_S = 30 * 24 * 3600;
/** A failed or denied subscription is asked again after this long, not on every poll. */
const RETRY_AFTER_MS = 60 * 60_000;

export class WebSubSubscriber {
  constructor(
    private readonly deps: {
      subscriptions: WebSubRepository;
      feeds: FeedRepository;
      ingester: Ingester;
      logger: Logger;
      clock: Clock;
      options: WebSubOptions;
    },
  ) {}

  callbackUrl(feedId: string): string {
    return `${this.deps.options.publicUrl.replace(/\/$/, '')}/websub/${encodeURIComponent(feedId)}`;
  }

  /** After a fetch: subscribe when the feed names a hub and no live subscription covers it. */
  async onParsed(feed: FeedRecord, parsed: FeedMeta): Promise<void> {
    if (!parsed.hubUrl) return;
    const hubUrl = new URL(parsed.hubUrl, feed.url).toString();
    const topicUrl = parsed.selfUrl ? new URL(parsed.selfUrl, feed.url).toString() : feed.url;
    const current = await this.deps.subscriptions.get(feed.id);
    if (current && current.hubUrl === hubUrl && current.topicUrl === topicUrl) {
      const settled = current.state === 'active' || current.state === 'pending';
      const retryDue = this.deps.clock().getTime() - current.requestedAt.getTime() >= RETRY_AFTER_MS;
      if (settled || !retryDue) return;
    }
    await this.subscribe(feed.id, hubUrl, topicUrl);
  }

  async subscribe(feedId: string, hubUrl: string, topicUrl: string): Promise<void> {
    if (!isAllowedHub(hubUrl, this.deps.options.allowPrivateHubs)) {
      this.deps.logger.warn({ feedId, hubUrl }, 'websub hub refused: not a public http(s) address');
      return;
    }
    // A renewal keeps the secret, so pushes signed with it stay valid while the hub verifies.
    const current = await this.deps.subscriptions.get(feedId);
    const secret = current && current.hubUrl === hubUrl && current.topicUrl === topicUrl ? current.secret : randomBytes(24).toString('hex');
    await this.deps.subscriptions.requested(feedId, { hubUrl, topicUrl, secret }, this.deps.clock());
    const form = new URLSearchParams({
      'hub.mode': 'subscribe',
      'hub.topic': topicUrl,
      'hub.callback': this.callbackUrl(feedId),
      'hub.secret': secret,
      'hub.lease_seconds': String(this.deps.options.leaseSeconds),
    });
    try {
      const res = await request(hubUrl, {
        // The hub's name is checked again when it resolves: a public-looking name may point inside.
        ...(this.deps.options.allowPrivateHubs ? {} : { dispatcher: PUBLIC_ONLY }),
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
        signal: AbortSignal.timeout(this.deps.options.timeoutMs),
      });
      const text = await readSome(res.body, 200);
      if (res.statusCode !== 202 && res.statusCode !== 204) throw new Error(`hub answered HTTP ${res.statusCode}${text ? `: ${text}` : ''}`);
      this.deps.logger.info({ feedId, hubUrl }, 'websub subscription requested');
    } catch (error) {
      const reason = (error as Error).message;
      await this.deps.subscriptions.setState(feedId, 'failed', reason);
      this.deps.logger.warn({ feedId, hubUrl, error: reason }, 'websub subscription failed');
    }
  }

  /** Renews leases about to end, and retries requests the hub never verified. */
  async renewDue(): Promise<number> {
    const now = this.deps.clock().getTime();
    const candidates = await this.deps.subscriptions.needingRenewal(new Date(now + this.deps.options.renewBeforeMs), new Date(now - 60 * 60_000));
    // A hub may grant a lease shorter than the renewal window: renew at half of it then,
    // rather than on every tick.
    const due = candidates.filter((s) => {
      if (s.state !== 'active' || !s.leaseExpiresAt || !s.verifiedAt) return true;
      const granted = s.leaseExpiresAt.getTime() - s.verifiedAt.getTime();
      return s.leaseExpiresAt.getTime() - now < Math.min(this.deps.options.renewBeforeMs, granted / 2);
    });
    for (const s of due) await this.subscribe(s.feedId, s.hubUrl, s.topicUrl);
    return due.length;
  }

  /** GET /websub/:feedId — the hub's verification of intent (or its denial). */
  async verify(feedId: string, query: Record<string, string | undefined>): Promise<HttpAnswer> {
    const sub = await this.deps.subscriptions.get(feedId);
    const mode = query['hub.mode'];
    if (!sub || query['hub.topic'] !== sub.topicUrl) return { status: 404, body: 'unknown topic' };
    if (mode === 'denied') {
      // A hub may deny a request or revoke a subscription; a retry waits RETRY_AFTER_MS.
      if (sub.state === 'pending' || sub.state === 'active')
        await this.deps.subscriptions.setState(feedId, 'denied', (query['hub.reason'] ?? 'denied by hub').slice(0, 200));
      return { status: 200, body: '' };
    }
    const challenge = query['hub.challenge'];
    // Only a request Herald made and has not yet seen verified is confirmed: anyone knowing
    // the callback could otherwise set a lease of their choosing.
    if (mode !== 'subscribe' || !challenge || sub.state !== 'pending') return { status: 404, body: 'not a subscription we asked for' };
    const asked = Number(query['hub.lease_seconds']);
    const lease = Number.isFinite(asked) && asked > 0 ? Math.min(Math.max(asked, MIN_LEASE_S), MAX_LEASE_S) : this.deps.options.leaseSeconds;
    const now = this.deps.clock();
    await this.deps.subscriptions.verified(feedId, new Date(now.getTime() + lease * 1000), now);
    this.deps.logger.info({ feedId, leaseSeconds: lease }, 'websub subscription verified');
    return { status: 200, body: challenge };
  }

  /**
   * POST /websub/:feedId — content pushed by the hub. A missing or wrong signature is
   * acknowledged (as the spec requires) and ignored.
   */
  async push(feedId: string, body: Buffer, signature: string | undefined, contentType: string | undefined): Promise<HttpAnswer> {
    const sub = await this.deps.subscriptions.get(feedId);
    const feed = sub && (await this.deps.feeds.get(feedId));
    if (!sub || !feed) return { status: 404, body: 'unknown subscription' };
    if (!signatureMatches(body, signature, sub.secret)) {
      this.deps.logger.warn({ feedId }, 'websub push ignored: signature missing or wrong');
      return { status: 202, body: '' };
    }
    try {
      const { added } = await this.deps.ingester.ingestBody(feed, body, contentType);
      this.deps.logger.info({ feedId, newItems: added }, 'websub push ingested');
      return { status: 202, body: '' };
    } catch (error) {
      // A body that is no feed will not improve on retry; a failure to store may.
      const retry = !(error instanceof FeedParseError);
      this.deps.logger.warn({ feedId, error: (error as Error).message, retry }, 'websub push could not be ingested');
      return retry ? { status: 503, body: 'try again later' } : { status: 202, body: '' };
    }
  }
}

async function readSome(body: AsyncIterable<Buffer>, max: number): Promise<string> {
  let text = '';
  for await (const chunk of body) {
    text += chunk.toString();
    if (text.length >= max) break;
  }
  return text.slice(0, max);
}

/** http(s), and not a loopback, private or link-local address (unless allowed). */
export function isAllowedHub(hubUrl: string, allowPrivate: boolean): boolean {
  if (allowPrivate) return /^https?:\/\//i.test(hubUrl) && URL.canParse(hubUrl);
  return isPublicUrl(hubUrl);
}

function signatureMatches(body: Buffer, header: string | undefined, secret: string): boolean {
  const m = SIGNATURE.exec(header?.trim() ?? '');
  if (!m) return false;
  const expected = createHmac(m[1]!.toLowerCase(), secret).update(body).digest();
  const given = Buffer.from(m[2]!, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
