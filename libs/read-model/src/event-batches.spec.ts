import { batchEvents } from './event-batches';

async function collect<T>(batches: AsyncIterable<T[]>): Promise<T[][]> {
  const all: T[][] = [];
  for await (const batch of batches) all.push(batch);
  return all;
}

async function* ready(items: number[]): AsyncGenerator<number> {
  for (const item of items) yield item;
}

async function* inTwoBursts(): AsyncGenerator<number> {
  yield 1;
  yield 2;
  await new Promise((resolve) => setTimeout(resolve, 20));
  yield 3;
}

describe('batchEvents', () => {
  it('puts items that are ready at once into one batch, at most maxSize each', async () => {
    const batches = await collect(batchEvents(ready([1, 2, 3, 4, 5]), { maxSize: 2, maxWaitMs: 1000, signal: new AbortController().signal }));
    expect(batches).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('closes a batch when the next item is not ready yet, keeping every item in order', async () => {
    const batches = await collect(batchEvents(inTwoBursts(), { maxSize: 100, maxWaitMs: 1000, signal: new AbortController().signal }));
    expect(batches).toEqual([[1, 2], [3]]);
  });

  it('ends when the signal aborts while waiting for the next item', async () => {
    const controller = new AbortController();
    async function* endless(): AsyncGenerator<number> {
      yield 1;
      await new Promise(() => undefined);
    }
    const seen: number[][] = [];
    const done = (async () => {
      for await (const batch of batchEvents(endless(), { maxSize: 10, maxWaitMs: 10, signal: controller.signal })) seen.push(batch);
    })();
    await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort();
    await done;
    expect(seen).toEqual([[1]]);
  });
});
