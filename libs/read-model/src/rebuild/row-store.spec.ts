import { JobRow } from '../entities';
import { RowStore } from './row-store';
import { tableShapes, type Row, type TableShape } from './table-shape';

const jobs = tableShapes([JobRow]).get(JobRow) as TableShape;

describe('RowStore over shared tables (one projector batch)', () => {
  function storeOver(table: Row[]) {
    const loaded: string[] = [];
    const store = new RowStore({
      sharedTables: true,
      loader: async (_, key) => {
        loaded.push(String(key.id));
        return table.find((row) => row.id === key.id) ?? null;
      },
    });
    return { store, loaded };
  }

  it('answers preloaded keys, present or absent, without a query', async () => {
    const { store, loaded } = storeOver([{ id: 'job_1', name: 'in the table' }]);
    store.preload(jobs, [{ id: 'job_1' }, { id: 'job_2' }], [{ id: 'job_1', name: 'preloaded' }]);

    expect(await store.get(jobs, { id: 'job_1' })).toMatchObject({ name: 'preloaded', description: null });
    expect(await store.get(jobs, { id: 'job_2' })).toBeNull();
    expect(loaded).toEqual([]);
  });

  it('reads any other key through once, and remembers an absent one', async () => {
    const { store, loaded } = storeOver([{ id: 'job_1', name: 'in the table' }]);

    expect(await store.get(jobs, { id: 'job_1' })).toMatchObject({ name: 'in the table' });
    expect(await store.get(jobs, { id: 'job_1' })).toMatchObject({ name: 'in the table' });
    expect(await store.get(jobs, { id: 'job_9' })).toBeNull();
    expect(await store.get(jobs, { id: 'job_9' })).toBeNull();
    expect(loaded).toEqual(['job_1', 'job_9']);
  });

  it('writes back only rows inserted or changed, and a key known absent can be inserted', async () => {
    const { store } = storeOver([]);
    store.preload(jobs, [{ id: 'job_1' }, { id: 'job_2' }, { id: 'job_3' }], [{ id: 'job_1', name: 'a' }, { id: 'job_2', name: 'b' }]);
    await store.update(jobs, { id: 'job_2' }, { name: 'b2' });
    await store.insert(jobs, { id: 'job_3', name: 'c' }, false);

    expect(await store.get(jobs, { id: 'job_3' })).toMatchObject({ name: 'c' });
    expect(store.takePending(true).upserts.get(jobs)?.map((row) => [row.id, row.name])).toEqual([['job_2', 'b2'], ['job_3', 'c']]);
  });

  it('keeps a row already in memory when it is preloaded again', async () => {
    const { store } = storeOver([]);
    store.preload(jobs, [{ id: 'job_1' }], [{ id: 'job_1', name: 'a' }]);
    await store.update(jobs, { id: 'job_1' }, { name: 'changed' });
    store.preload(jobs, [{ id: 'job_1' }], [{ id: 'job_1', name: 'a' }]);

    expect(await store.get(jobs, { id: 'job_1' })).toMatchObject({ name: 'changed' });
  });
});
