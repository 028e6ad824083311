// Send budgets: no sliding window ever holds more sends than the limit, however many senders
// ask; a 429's hold delays that chat only; slots are handed out ahead, one request per send.
import { describe, expect, it } from 'vitest';
import { MemorySendBudget } from '../../src/core/delivery/send-budget.ts';
import { budgetLimits } from '../support/defaults.ts';

/** Drives a budget on a simulated clock: each chat sends as soon as it may. */
async function simulate(budget: MemorySendBudget, clock: { now: number }, chats: string[], untilMs: number, group = false): Promise<number[]> {
  const sends: number[] = [];
  const next = new Map(chats.map((c) => [c, 0]));
  while (clock.now < untilMs) {
    for (const c of chats) {
      if (next.get(c)! > clock.now) continue;
      const r = await budget.reserve('telegram', c, group ? 'group' : 'private', 3000);
      if (r.reserved) sends.push(clock.now + r.waitMs); // it sleeps until its slot, then sends
      next.set(c, clock.now + Math.max(r.waitMs, 1));
    }
    clock.now += 1;
  }
  return sends.sort((a, b) => a - b);
}

const maxInWindow = (times: number[], span: number) => {
  let max = 0;
  let head = 0;
  for (let i = 0; i < times.length; i++) {
    while (times[head]! <= times[i]! - span) head++;
    max = Math.max(max, i - head + 1);
  }
  return max;
};

describe('MemorySendBudget', () => {
  it('keeps every 1 s window at or under 30 sends in all, and reaches 96 % of it', async () => {
    const clock = { now: 0 };
    const budget = new MemorySendBudget(budgetLimits(), () => new Date(clock.now));
    const sends = await simulate(
      budget,
      clock,
      Array.from({ length: 50 }, (_, i) => String(i)),
      10_000,
    );
    expect(maxInWindow(sends, 1000)).toBeLessThanOrEqual(30);
    expect(sends.length / 10).toBeGreaterThan(30 * 0.95);
  });

  it('keeps one chat at 1/s and a group at 20/min', async () => {
    const clock = { now: 0 };
    const budget = new MemorySendBudget(budgetLimits(), () => new Date(clock.now));
    expect(maxInWindow(await simulate(budget, clock, ['7'], 10_000), 1000)).toBe(1);
    const group = await simulate(budget, clock, ['-100'], 130_000, true);
    expect(maxInWindow(group, 60_000)).toBeLessThanOrEqual(20);
  });

  it('holds one chat after a 429 and lets the others go', async () => {
    let now = 0;
    const budget = new MemorySendBudget(budgetLimits(), () => new Date(now));
    await budget.hold('telegram', 'a', 9000);
    expect(await budget.reserve('telegram', 'a', 'private', 3000)).toMatchObject({ waitMs: 9000, reserved: false });
    expect(await budget.reserve('telegram', 'b', 'private', 3000)).toMatchObject({ waitMs: 0, reserved: true });
    now = 9000;
    expect(await budget.reserve('telegram', 'a', 'private', 3000)).toMatchObject({ waitMs: 0, reserved: true });
  });

  it('hands out future slots in order, one request per send', async () => {
    const budget = new MemorySendBudget(budgetLimits(), () => new Date(0));
    const waits = [];
    for (let i = 0; i < 5; i++) waits.push((await budget.reserve('telegram', String(i), 'private', 3000)).waitMs);
    // 30/s with a 2 % margin: 34 ms apart, none early.
    expect(waits).toEqual([0, 34, 68, 102, 136]);
  });

  it('keeps every window under the limit when each send leaves up to its allowed lateness after its slot', async () => {
    const clock = { now: 0 };
    const limits = budgetLimits({ perSecond: 900, perChatPerSecond: 30, perGroupPerMinute: 600 });
    const budget = new MemorySendBudget(limits, () => new Date(clock.now));
    const first = await budget.reserve('telegram', 'x', 'private', 3000);
    // 2 % margin on a one-second window: half of its 20 ms for a late send.
    expect(first.lateMs).toBeCloseTo(10);
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const chats = Array.from({ length: 200 }, (_, i) => String(i));
    for (const late of ['none', 'random', 'worst'] as const) {
      const sends: number[] = [];
      const perChat = new Map<string, number[]>();
      const next = new Map(chats.map((c) => [c, clock.now]));
      const end = clock.now + 5000;
      while (clock.now < end) {
        for (const c of chats) {
          if (next.get(c)! > clock.now) continue;
          const r = await budget.reserve('telegram', c, 'private', 3000);
          if (!r.reserved) {
            next.set(c, clock.now + r.waitMs);
            continue;
          }
          // The worst case: the slots of a stretch all as late as allowed, bunching up with the
          // on-time ones after it, so that one window holds both.
          const slot = clock.now + r.waitMs;
          const lateBy = late === 'none' ? 0 : late === 'random' ? random() * r.lateMs : slot % 2000 > 1900 ? r.lateMs : 0;
          const at = slot + lateBy;
          sends.push(at);
          perChat.set(c, [...(perChat.get(c) ?? []), at]);
          next.set(c, clock.now + r.waitMs + 1);
        }
        clock.now += 1;
      }
      sends.sort((a, b) => a - b);
      expect(maxInWindow(sends, 1000), late).toBeLessThanOrEqual(900);
      expect(sends.length / 5, late).toBeGreaterThan(900 * 0.95);
      for (const times of perChat.values())
        expect(
          maxInWindow(
            times.sort((a, b) => a - b),
            1000,
          ),
        ).toBeLessThanOrEqual(30);
      clock.now += 2000;
    }
  });
});
