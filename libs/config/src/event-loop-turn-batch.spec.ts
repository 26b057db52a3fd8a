import { EventLoopTurnBatch } from './event-loop-turn-batch';

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('EventLoopTurnBatch', () => {
  it('hands over everything added in one turn as one batch, in order', async () => {
    const batches: number[][] = [];
    const batch = new EventLoopTurnBatch<number>((items) => batches.push(items));
    [1, 2, 3].forEach((n) => batch.add(n));
    expect(batches).toEqual([]);
    await nextTurn();
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('starts a new batch for what is added after the hand-over', async () => {
    const batches: string[][] = [];
    const batch = new EventLoopTurnBatch<string>((items) => batches.push(items));
    batch.add('a');
    await nextTurn();
    batch.add('b');
    batch.add('c');
    await nextTurn();
    expect(batches).toEqual([['a'], ['b', 'c']]);
  });
});
