// The one place that reads the environment. Validated with zod; every bad key is reported in
// one error. Empty values count as unset, as in most .env files. Documented in .env.example.
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import type { RetentionPolicy } from './core/retention/retention.ts';

const optional = z.string().min(1).optional();
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, 'must start with file: (SQLite) or postgres:// (PostgreSQL)')
    .default('file:./data/herald.db'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  HERALD_CATALOG: optional,
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/, '1-40 of A-Z a-z 0-9 _ -')
    .default('herald'),
  TELEGRAM_BOT_TOKEN: optional,
  TELEGRAM_API_ROOT: z.url({ protocol: /^https?$/ }).default('https://api.telegram.org'),
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,256}$/, 'Telegram allows 1-256 characters of A-Z, a-z, 0-9, _ and -')
    .optional(),
  DISCORD_BOT_TOKEN: optional,
  DISCORD_APPLICATION_ID: optional,
  DISCORD_PUBLIC_KEY: z
    .string()
    .regex(/^[0-9a-f]{64}$/i, 'must be 64 hex characters')
    .optional(),
  DISCORD_API_BASE: z.url({ protocol: /^https?$/ }).default('https://discord.com/api'),
  INGEST_INTERVAL_MINUTES: z.coerce.number().positive().default(10),
  INGEST_MAX_INTERVAL_MINUTES: z.coerce.number().positive().default(60),
  INGEST_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
  INGEST_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(5 * 1024 * 1024),
  INGEST_CONCURRENCY: z.coerce.number().int().positive().default(32),
  INGEST_HOST_CONCURRENCY: z.coerce.number().int().positive().default(2),
  INGEST_UNHEALTHY_AFTER: z.coerce.number().int().positive().default(5),
  INGEST_TICK_SECONDS: z.coerce.number().positive().default(30),
  STORY_WINDOW_HOURS: z.coerce.number().positive().default(72),
  BREAKING_OUTLETS: z.coerce.number().int().min(1).default(3),
  BREAKING_WINDOW_MINUTES: z.coerce.number().positive().default(60),
  STORY_ACROSS_LANGUAGES: z.enum(['on', 'off']).default('on'),
  STORIES_LEASE_SECONDS: z.coerce.number().positive().default(60),
  WEBSUB_ALLOW_PRIVATE_HUBS: z.enum(['true', 'false', '1', '0']).default('false'),
  HERALD_USER_AGENT: z.string().min(1).default('Herald/0.1 (news bot; +https://github.com/herald-news/herald)'),
  DIGEST_CAP: z.coerce.number().int().min(1).max(50).default(10),
  BREAKING_CAP_PER_HOUR: z.coerce.number().int().min(1).default(10),
  FOLLOW_UP_OUTLETS: z.coerce.number().int().min(0).default(2),
  TELEGRAM_MESSAGES_PER_SECOND: z.coerce.number().positive().default(30),
  TELEGRAM_CHAT_MESSAGES_PER_SECOND: z.coerce.number().positive().default(1),
  TELEGRAM_GROUP_MESSAGES_PER_MINUTE: z.coerce.number().positive().default(20),
  DISCORD_REQUESTS_PER_SECOND: z.coerce.number().positive().default(50),
  DELIVERY_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(8),
  DELIVERY_LEASE_SECONDS: z.coerce.number().positive().default(60),
  DELIVERY_RETRY_BASE_SECONDS: z.coerce.number().positive().default(5),
  DELIVERY_CONCURRENCY: z.coerce.number().int().positive().default(32),
  HERALD_HOOK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  HERALD_ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  HERALD_DEMO: z.enum(['true', 'false', '1', '0']).optional(),
  HERALD_WEB_CHAT: z.enum(['true', 'false', '1', '0']).optional(),
  WEB_CHAT_MAX_CHATS: z.coerce.number().int().min(1).default(1000),
  WEB_CHAT_NEW_PER_HOUR: z.coerce.number().int().min(1).default(20),
  WEB_CHAT_IDLE_DAYS: z.coerce.number().positive().default(7),
  INBOX_CONCURRENCY: z.coerce.number().int().positive().default(16),
  RETENTION_CONTENT_DAYS: z.coerce.number().min(0).default(30),
  RETENTION_DELIVERED_DAYS: z.coerce.number().min(0).default(14),
  RETENTION_WEB_DAYS: z.coerce.number().min(0).default(30),
});

/** Discord's usual message bucket per channel; its REST client also honours the buckets its headers announce. */
const DISCORD_CHANNEL_MESSAGES_PER_5S = 5;

const flag = (v: string | undefined): 'on' | 'off' | 'auto' => (v === undefined ? 'auto' : v === 'true' || v === '1' ? 'on' : 'off');

/** Every environment key Herald reads (each is documented in .env.example). */
export const CONFIG_KEYS = Object.keys(envSchema.shape);

export interface Config {
  databaseUrl: string;
  /** DATABASE_URL was set (else the demo keeps its own file). */
  databaseUrlGiven: boolean;
  http: {
    host: string;
    port: number;
    /** A request's head must arrive within this, its whole body within requestTimeoutMs (slow clients are cut off). */
    headersTimeoutMs: number;
    requestTimeoutMs: number;
  };
  logLevel: (typeof LOG_LEVELS)[number];
  /** The operator's own catalog file; the shipped one when unset. */
  catalogFile: string | undefined;
  publicUrl: string | undefined;
  shutdownTimeoutMs: number;
  redisUrl: string | undefined;
  /** Prefix of Herald's Redis keys (queues and budgets), so several Heralds can share a Redis. */
  redisPrefix: string;
  telegram: {
    token: string | undefined;
    apiRoot: string;
    /**
     * Checks Telegram's webhook calls: TELEGRAM_WEBHOOK_SECRET, or one derived from the token, so
     * that every web process (and every restart) agrees on it, whichever called setWebhook last.
     */
    webhookSecret: string | undefined;
    /** Telegram's send limits: messages a second in all (more for paid broadcast), per chat, per group a minute. */
    rates: { perSecond: number; perChatPerSecond: number; perGroupPerMinute: number };
  };
  discord: {
    token: string | undefined;
    applicationId: string | undefined;
    publicKey: string | undefined;
    apiBase: string;
    /** Discord's send limits: requests a second in all, and messages per channel in 5 s (its usual bucket). */
    rates: { perSecond: number; perChannelPer5s: number };
  };
  stories: {
    /** Items are compared with stories updated within this window. */
    windowMs: number;
    /** A story breaks when this many outlets report it within breakingWindowMs. */
    breakingOutlets: number;
    breakingWindowMs: number;
    /** Reports of one event in different languages make one story. */
    acrossLanguages: boolean;
    /** One process clusters at a time; when it dies, another takes over after this long. */
    leaseMs: number;
  };
  delivery: {
    digestCap: number;
    breakingCapPerHour: number;
    /** New outlets a delivered breaking story needs for its one follow-up; 0: no follow-ups. */
    followUpOutlets: number;
    retryBaseMs: number;
    maxAttempts: number;
    leaseMs: number;
    concurrency: number;
  };
  /** Signs POST /hooks/breaking; the route is off without it. */
  hookSecret: string | undefined;
  /** Opens /status (and guards /metrics); the status page is off without it. */
  adminToken: string | undefined;
  /** Demo feeds: on, off, or auto (on when the web chat is and no catalog feed answers). */
  demo: 'on' | 'off' | 'auto';
  /** The local web chat at /try: on, off, or auto (on when no platform token is set). */
  webChat: 'on' | 'off' | 'auto';
  /** Web chats in all, new ones per client address an hour, and how long an idle one is kept. */
  webChatLimits: { maxChats: number; newPerHour: number; idleMs: number };
  /** Telegram webhook updates handled at once (different chats; one chat's in order). */
  inboxConcurrency: number;
  ingest: {
    intervalMs: number;
    maxIntervalMs: number;
    timeoutMs: number;
    maxBytes: number;
    concurrency: number;
    hostConcurrency: number;
    unhealthyAfter: number;
    /** How often the ingest role looks for due feeds. */
    tickMs: number;
    userAgent: string;
    /** A failing feed waits longer after each failure, up to this. */
    maxBackoffMs: number;
    /** Each feed's next fetch moves by up to this share of its interval, so feeds do not all fall due together. */
    jitter: number;
  };
  /** Days each kind of row is kept (0: for ever): items and stories, delivered messages, web transcripts. */
  retention: RetentionPolicy;
  websub: {
    /** Let feeds name WebSub hubs on loopback or private networks. */
    allowPrivateHubs: boolean;
    /** The subscription lease asked of hubs, and how long before its end it is renewed. */
    leaseSeconds: number;
    renewBeforeMs: number;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

// eslint-disable-next-line max-lines-per-function -- one object of every setting: the one place the environment is read
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    // Name the key and the rule, never the value: it may be a secret.
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const missing = [
    ...(e.DISCORD_BOT_TOKEN && !e.DISCORD_APPLICATION_ID ? ['DISCORD_APPLICATION_ID: required when DISCORD_BOT_TOKEN is set'] : []),
    ...(e.DISCORD_PUBLIC_KEY && !e.DISCORD_BOT_TOKEN
      ? ['DISCORD_BOT_TOKEN: required when DISCORD_PUBLIC_KEY is set (answers are edited through the API)']
      : []),
  ];
  if (missing.length > 0) throw new ConfigError(missing);
  return {
    databaseUrl: e.DATABASE_URL,
    databaseUrlGiven: present.DATABASE_URL !== undefined,
    http: { host: e.HOST, port: e.PORT, headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS, requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS },
    logLevel: e.LOG_LEVEL,
    catalogFile: e.HERALD_CATALOG,
    publicUrl: e.PUBLIC_URL,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    telegram: {
      token: e.TELEGRAM_BOT_TOKEN,
      apiRoot: e.TELEGRAM_API_ROOT,
      webhookSecret:
        e.TELEGRAM_WEBHOOK_SECRET ??
        (e.TELEGRAM_BOT_TOKEN ? createHmac('sha256', e.TELEGRAM_BOT_TOKEN).update('herald telegram webhook secret').digest('hex') : undefined),
      rates: {
        perSecond: e.TELEGRAM_MESSAGES_PER_SECOND,
        perChatPerSecond: e.TELEGRAM_CHAT_MESSAGES_PER_SECOND,
        perGroupPerMinute: e.TELEGRAM_GROUP_MESSAGES_PER_MINUTE,
      },
    },
    discord: {
      token: e.DISCORD_BOT_TOKEN,
      applicationId: e.DISCORD_APPLICATION_ID,
      publicKey: e.DISCORD_PUBLIC_KEY,
      apiBase: e.DISCORD_API_BASE,
      rates: { perSecond: e.DISCORD_REQUESTS_PER_SECOND, perChannelPer5s: DISCORD_CHANNEL_MESSAGES_PER_5S },
    },
    stories: {
      windowMs: e.STORY_WINDOW_HOURS * 3600_000,
      breakingOutlets: e.BREAKING_OUTLETS,
      breakingWindowMs: e.BREAKING_WINDOW_MINUTES * 60_000,
      acrossLanguages: e.STORY_ACROSS_LANGUAGES === 'on',
      leaseMs: e.STORIES_LEASE_SECONDS * 1000,
    },
    delivery: {
      digestCap: e.DIGEST_CAP,
      breakingCapPerHour: e.BREAKING_CAP_PER_HOUR,
      followUpOutlets: e.FOLLOW_UP_OUTLETS,
      retryBaseMs: e.DELIVERY_RETRY_BASE_SECONDS * 1000,
      maxAttempts: e.DELIVERY_MAX_ATTEMPTS,
      leaseMs: e.DELIVERY_LEASE_SECONDS * 1000,
      concurrency: e.DELIVERY_CONCURRENCY,
    },
    hookSecret: e.HERALD_HOOK_SECRET,
    adminToken: e.HERALD_ADMIN_TOKEN,
    demo: flag(e.HERALD_DEMO),
    webChat: flag(e.HERALD_WEB_CHAT),
    webChatLimits: { maxChats: e.WEB_CHAT_MAX_CHATS, newPerHour: e.WEB_CHAT_NEW_PER_HOUR, idleMs: e.WEB_CHAT_IDLE_DAYS * 86_400_000 },
    inboxConcurrency: e.INBOX_CONCURRENCY,
    ingest: {
      intervalMs: e.INGEST_INTERVAL_MINUTES * 60_000,
      maxIntervalMs: e.INGEST_MAX_INTERVAL_MINUTES * 60_000,
      timeoutMs: e.INGEST_TIMEOUT_MS,
      maxBytes: e.INGEST_MAX_BYTES,
      concurrency: e.INGEST_CONCURRENCY,
      hostConcurrency: e.INGEST_HOST_CONCURRENCY,
      unhealthyAfter: e.INGEST_UNHEALTHY_AFTER,
      tickMs: e.INGEST_TICK_SECONDS * 1000,
      userAgent: e.HERALD_USER_AGENT,
      maxBackoffMs: 6 * 3600_000,
      jitter: 0.1,
    },
    retention: { contentDays: e.RETENTION_CONTENT_DAYS, deliveredDays: e.RETENTION_DELIVERED_DAYS, transcriptDays: e.RETENTION_WEB_DAYS },
    websub: {
      allowPrivateHubs: e.WEBSUB_ALLOW_PRIVATE_HUBS === 'true' || e.WEBSUB_ALLOW_PRIVATE_HUBS === '1',
      leaseSeconds: 7 * 24 * 3600,
      renewBeforeMs: 24 * 3600_000,
    },
  };
}

/** The password in a URL (postgres://user:password@host/…), if it has one. */
const passwordOf = (url: string | undefined) => {
  try {
    return url ? decodeURIComponent(new URL(url).password) || undefined : undefined;
  } catch {
    return undefined;
  }
};

/** Every secret this configuration holds: what no log line, stored error or page may show. */
export function secretsOf(config: Config): string[] {
  return [
    config.telegram.token,
    config.telegram.webhookSecret,
    config.discord.token,
    config.hookSecret,
    config.adminToken,
    passwordOf(config.databaseUrl),
    passwordOf(config.redisUrl),
  ].filter((s): s is string => s !== undefined && s !== '');
}
