// Group commit: callers of one turn share a write; with a linger, callers spread over that
// time share it too; each caller gets its own result, in order, and a write's size is capped.
import { describe, expect, it } from 'vitest';
import { GroupCommit } from '../../src/core/group-commit.ts';

/** Doubles each item, and records what each write held. */
function recording() {
  const writes: number[][] = [];
  const write = async (items: number[]) => {
    writes.push(items);
    return items.map((n) => n * 2);
  };
  return { writes, write };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('GroupCommit', () => {
  it('writes the callers of one turn together, each answered with its own result', async () => {
    const { writes, write } = recording();
    const group = new GroupCommit(write, { maxWeight: 100 });
    expect(await Promise.all([group.add(1), group.add(2), group.add(3)])).toEqual([2, 4, 6]);
    expect(writes).toEqual([[1, 2, 3]]);
  });

  it('without a linger, callers a few milliseconds apart are written apart', async () => {
    const { writes, write } = recording();
    const group = new GroupCommit(write, { maxWeight: 100 });
    const first = group.add(1);
    await sleep(5);
    const second = group.add(2);
    await Promise.all([first, second]);
    expect(writes).toEqual([[1], [2]]);
  });

  it('with a linger, callers arriving within it share one write', async () => {
    const { writes, write } = recording();
    const group = new GroupCommit(write, { maxWeight: 100, lingerMs: 40 });
    const answers = [group.add(1)];
    await sleep(5);
    answers.push(group.add(2));
    await sleep(5);
    answers.push(group.add(3));
    expect(await Promise.all(answers)).toEqual([2, 4, 6]);
    expect(writes).toEqual([[1, 2, 3]]);
  });

  it('caps a write at maxWeight and writes the rest next', async () => {
    const { writes, write } = recording();
    const group = new GroupCommit(write, { maxWeight: 2, lingerMs: 5 });
    await Promise.all([1, 2, 3, 4, 5].map((n) => group.add(n)));
    expect(writes).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('keeps a failure with its own item when asked to isolate failures', async () => {
    const writes: number[][] = [];
    const group = new GroupCommit(
      async (items: number[]) => {
        writes.push(items);
        if (items.includes(13)) throw new Error('unlucky');
        return items;
      },
      { maxWeight: 10, isolateFailures: true },
    );
    const results = await Promise.allSettled([group.add(12), group.add(13), group.add(14)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(writes).toEqual([[12, 13, 14], [12], [13], [14]]);
  });
});
