// Send budgets: no sliding window ever holds more sends than the limit, however many senders
// ask; a 429's hold delays that chat only; slots are handed out ahead, one request per send.
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, MemorySendBudget } from '../../src/core/delivery/send-budget.ts';

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
    const budget = new MemorySendBudget(DEFAULT_LIMITS, () => clock.now);
    const sends = await simulate(budget, clock, Array.from({ length: 50 }, (_, i) => String(i)), 10_000);
    expect(maxInWindow(sends, 1000)).toBeLessThanOrEqual(30);
    expect(sends.length / 10).toBeGreaterThan(30 * 0.95);
  });

  it('keeps one chat at 1/s and a group at 20/min', async () => {
    const clock = { now: 0 };
    const budget = new MemorySendBudget(DEFAULT_LIMITS, () => clock.now);
    expect(maxInWindow(await simulate(budget, clock, ['7'], 10_000), 1000)).toBe(1);
    const group = await simulate(budget, clock, ['-100'], 130_000, true);
    expect(maxInWindow(group, 60_000)).toBeLessThanOrEqual(20);
  });

  it('holds one chat after a 429 and lets the others go', async () => {
    let now = 0;
    const budget = new MemorySendBudget(DEFAULT_LIMITS, () => now);
    await budget.hold('telegram', 'a', 9000);
    expect(await budget.reserve('telegram', 'a', 'private', 3000)).toEqual({ waitMs: 9000, reserved: false });
    expect(await budget.reserve('telegram', 'b', 'private', 3000)).toEqual({ waitMs: 0, reserved: true });
    now = 9000;
    expect(await budget.reserve('telegram', 'a', 'private', 3000)).toEqual({ waitMs: 0, reserved: true });
  });

  it('hands out future slots in order, one request per send', async () => {
    const budget = new MemorySendBudget(DEFAULT_LIMITS, () => 0);
    const waits = [];
    for (let i = 0; i < 5; i++) waits.push((await budget.reserve('telegram', String(i), 'private', 3000)).waitMs);
    // 30/s with a 2 % margin: 34 ms apart, each allowed 5 ms early (the tolerance).
    expect(waits).toEqual([0, 29, 63, 97, 131]); // rounded up to whole ms
  });
});
