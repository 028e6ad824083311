// The outbox: every message Herald will send is first a durable row, unique per (target,
// dedupe key), so a repeated scheduler tick, a second scheduler or a retried fan-out adds
// nothing twice, and a crash loses nothing: rows wait until a worker claims and sends them.
// A claim is a lease: a worker that dies mid-send leaves its rows to be claimed again when the
// lease ends (the only possible duplicate is that one send in flight).
import type { Platform, TargetKind } from '../targets/target.ts';
import type { OutgoingMessage } from '../message/outgoing.ts';

export type OutboxKind = 'digest' | 'breaking' | 'followup' | 'notice';
// (A row's message is stored once per distinct message and shared, so 100,000 rows of one
// breaking story hold one copy of it.)

export interface NewOutboxRow {
  targetId: number;
  dedupeKey: string;
  kind: OutboxKind;
  message: OutgoingMessage;
  /** pending (default); held until `notBefore` (quiet hours); folded (over the breaking cap, never sent). */
  status?: 'pending' | 'held' | 'folded';
  notBefore?: Date;
}

export interface ClaimedRow {
  id: number;
  targetId: number;
  dedupeKey: string;
  kind: OutboxKind;
  message: OutgoingMessage;
  attempts: number;
  target: { id: number; platform: Platform; externalId: string; kind: TargetKind; active: boolean };
  /** This claim's token and when it was taken: a claim older than half the lease is renewed before sending. */
  claimToken: string;
  claimedAt: Date;
  /** Platform messages of this (split) message already sent by an earlier attempt. */
  partsSent: number;
}

export interface DeadLetter {
  id: number;
  targetId: number;
  platform: string;
  dedupeKey: string;
  attempts: number;
  lastError: string | null;
  updatedAt: Date;
}

export interface OutboxRepository {
  /** Adds the rows whose (target, dedupe key) is new; returns the ids of those added. */
  add(rows: NewOutboxRow[]): Promise<number[]>;
  /**
   * Claims up to `limit` due rows (pending, or sending whose lease ended) until `leaseUntil`,
   * leaving out rows to the platforms in `except` (unreachable ones, which they would only wait for).
   */
  claimDue(now: Date, limit: number, leaseUntil: Date, except?: Platform[]): Promise<ClaimedRow[]>;
  /** Claims those of these rows that are due (a queued batch). */
  claimIds(ids: number[], now: Date, leaseUntil: Date): Promise<ClaimedRow[]>;
  /** Extends a claim if it is still this one (not expired and taken by another worker). */
  renewClaim(id: number, claimToken: string, leaseUntil: Date): Promise<boolean>;
  // The state changes below apply only while the row is still claimed with this token, so a
  // worker whose lease ran out cannot undo what the row's new owner did. They say whether they applied.
  markSent(id: number, claimToken: string, platformMessageId: string, now: Date): Promise<boolean>;
  /** Back to pending at `at`; `failed` counts an attempt; `error` is recorded as the row's last; `partsSent` is where a retry resumes. */
  retryAt(id: number, claimToken: string, at: Date, change: { error?: string | null; failed?: boolean; partsSent?: number }): Promise<boolean>;
  markDead(id: number, claimToken: string, error: string): Promise<boolean>;
  /** Held rows whose time has come, by target, oldest first. */
  heldDue(now: Date, limit: number): Promise<{ id: number; targetId: number; message: OutgoingMessage; createdAt: Date }[]>;
  /**
   * Replaces held rows by one pending row: the held ones still held are marked merged, and the
   * new row carries only those (so two schedulers cannot both merge a row).
   */
  mergeHeld(targetId: number, ids: number[], dedupeKey: string, combine: (messages: OutgoingMessage[]) => OutgoingMessage): Promise<number | undefined>;
  /** Held rows that are no longer wanted now (breaking turned off): folded into the next digest. */
  foldHeld(ids: number[]): Promise<void>;
  /** Held rows whose quiet hours changed: held until the new end. */
  holdUntil(ids: number[], at: Date): Promise<void>;
  /** The platform's id of the message a sent row became (a follow-up's alert), if it was sent. */
  sentMessageId(targetId: number, dedupeKey: string): Promise<string | null>;
  /** Breaking rows per target created since `since` (sent, pending or held: what counts toward the cap). */
  breakingCounts(targetIds: number[], since: Date): Promise<Map<number, number>>;
  /**
   * Rows whose job may have been lost, to enqueue again: claimed rows whose lease has ended
   * (their worker died) and pending rows overdue since before `pendingBefore`.
   */
  staleIds(now: Date, pendingBefore: Date, limit: number): Promise<number[]>;
  deadLetters(limit: number): Promise<DeadLetter[]>;
}

/** The message as stored: JSON, with card times as ISO strings. */
export function serializeMessage(message: OutgoingMessage): string {
  return JSON.stringify(message);
}

export function parseMessage(json: string): OutgoingMessage {
  const m = JSON.parse(json) as OutgoingMessage & { cards?: (Omit<NonNullable<OutgoingMessage['cards']>[number], 'time'> & { time: string })[] };
  return { ...m, ...(m.cards ? { cards: m.cards.map((c) => ({ ...c, time: new Date(c.time) })) } : {}) };
}
