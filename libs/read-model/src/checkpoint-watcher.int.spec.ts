import { advanceCheckpoint } from './checkpoint.store';
import { CheckpointWatcher } from './checkpoint-watcher';
import { openReadModelFixture, type ReadModelFixture } from './testing/read-model.fixture';

describe('CheckpointWatcher (real PostgreSQL read model)', () => {
  let fx: ReadModelFixture;
  const compare = (a: string, b: string): number => Number(BigInt(a) - BigInt(b));
  const move = (name: string, from: string | null, to: string) => fx.dataSource.transaction((m) => advanceCheckpoint(m, name, from, to));

  beforeAll(async () => {
    fx = await openReadModelFixture('checkpoint_watcher');
  });
  afterAll(() => fx.close());

  it('wakes every caller whose position the checkpoint reaches, and only those', async () => {
    const watcher = new CheckpointWatcher(fx.dataSource, 'watched', compare, 2);
    const waits = [watcher.waitFor('3', 3000), watcher.waitFor('5', 3000), watcher.waitFor('9', 300)];
    await move('watched', null, '5');
    expect(await Promise.all(waits)).toEqual([true, true, false]);
  });

  it('answers at once for a position already seen, and false after the timeout for one never reached', async () => {
    const watcher = new CheckpointWatcher(fx.dataSource, 'seen', compare, 2);
    await move('seen', null, '10');
    expect(await watcher.waitFor('10', 1000)).toBe(true);
    expect(await watcher.waitFor('7', 0)).toBe(true);
    expect(await watcher.waitFor('11', 50)).toBe(false);
  });
});
