// What the operator's status page shows, platform-free: feed health, the last 24 hours of
// items, stories and deliveries by hour, dead letters, and who Herald delivers to. Read by a
// StatusSource (the database) and rendered by src/http/status.

import type { SuggestedAddress } from '../suggestions/suggestion.ts';

export interface FeedHealth {
  id: string;
  source: string;
  category: string;
  url: string;
  /** new | ok | failing | unhealthy */
  status: string;
  failures: number;
  lastError: string | null;
  lastSuccessAt: Date | null;
}

export interface HourCount {
  /** The start of the hour (UTC). */
  hour: Date;
  count: number;
}

export interface DeadLetterView {
  id: number;
  platform: string;
  chat: string;
  kind: string;
  error: string | null;
  at: Date;
}

export interface StatusSnapshot {
  generatedAt: Date;
  feeds: FeedHealth[];
  itemsPerHour: HourCount[];
  stories: { last24h: number; breaking24h: number; total: number };
  recentBreaking: { headline: string; at: Date; outlets: number; reason: string | null }[];
  /** Sent outbox rows per hour, per platform. */
  deliveriesPerHour: Record<string, HourCount[]>;
  outbox: Record<string, number>;
  deadLetters: { total: number; latest: DeadLetterView[] };
  /** Active targets by platform and primary country ('' when none is chosen yet). */
  targets: { platform: string; country: string; count: number }[];
  /** Addresses readers suggested (/suggest) that no operator has decided on, newest first. */
  suggestions: { pending: number; latest: SuggestedAddress[] };
}

export interface StatusSource {
  snapshot(now: Date): Promise<StatusSnapshot>;
  outboxByStatus(): Promise<Record<string, number>>;
  inboxDepth(): Promise<number>;
  feedsByStatus(): Promise<Record<string, number>>;
}

/** The 24 hour starts ending with the current hour, oldest first. */
export function last24Hours(now: Date): Date[] {
  const current = Math.floor(now.getTime() / 3600_000) * 3600_000;
  return Array.from({ length: 24 }, (_, i) => new Date(current - (23 - i) * 3600_000));
}
