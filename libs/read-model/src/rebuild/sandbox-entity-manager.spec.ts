import { IsNull } from 'typeorm';
import { ExecutionLogRow, JobRow } from '../entities';
import { RowStore } from './row-store';
import { SandboxEntityManager } from './sandbox-entity-manager';
import { tableShapes } from './table-shape';

const shapes = tableShapes([JobRow, ExecutionLogRow]);
type Repo = {
  findOne(o: unknown): Promise<Record<string, unknown> | null>;
  findOneBy(w: unknown): Promise<Record<string, unknown> | null>;
  existsBy(w: unknown): Promise<boolean>;
  insert(v: unknown): Promise<unknown>;
  update(c: unknown, v: unknown): Promise<{ affected: number }>;
  [method: string]: unknown;
};

function sandbox() {
  const store = new RowStore();
  const manager = new SandboxEntityManager(store, shapes).asEntityManager();
  return { store, jobs: manager.getRepository(JobRow) as unknown as Repo, manager };
}

describe('the projection sandbox (in-memory EntityManager)', () => {
  it('inserts, finds by primary key and updates like the table would, filling omitted columns with NULL', async () => {
    const { jobs } = sandbox();
    await jobs.insert({ id: 'job_1', name: 'a', total_executions: 0 });
    expect(await jobs.existsBy({ id: 'job_1' })).toBe(true);
    expect(await jobs.update({ id: 'job_1' }, { name: 'b' })).toMatchObject({ affected: 1 });
    expect(await jobs.findOne({ where: { id: 'job_1' }, lock: { mode: 'pessimistic_write' } })).toMatchObject({ id: 'job_1', name: 'b', total_executions: 0, description: null });
    expect(await jobs.update({ id: 'missing' }, { name: 'c' })).toMatchObject({ affected: 0 });
    expect(await jobs.findOneBy({ id: 'job_1', name: 'a' })).toBeNull();
  });

  it('refuses a second row with the same key, unless inserted with orIgnore', async () => {
    const { jobs, manager, store } = sandbox();
    await jobs.insert({ id: 'job_1' });
    await expect(jobs.insert({ id: 'job_1' })).rejects.toThrow(/duplicate key/);
    const line = { execution_id: 'e', seq: 0, stream: 'stdout' as const, line: 'x', at: new Date(0) };
    await manager.createQueryBuilder().insert().into(ExecutionLogRow).values([line, { ...line, line: 'again' }]).orIgnore().execute();
    expect(store.rows(shapes.get(ExecutionLogRow)!)).toEqual([line]);
  });

  it('hands out rows that cannot be changed behind its back', async () => {
    const { jobs } = sandbox();
    await jobs.insert({ id: 'job_1', name: 'a' });
    const row = (await jobs.findOneBy({ id: 'job_1' }))!;
    expect(() => (row.name = 'changed')).toThrow(TypeError);
  });

  it('fails loudly on what it cannot reproduce in memory', async () => {
    const { jobs } = sandbox();
    await expect(jobs.findOneBy({ deleted_at: IsNull() })).rejects.toThrow(/find operator/);
    await expect(jobs.update({ name: 'a' }, { name: 'b' })).rejects.toThrow(/by anything but its primary key/);
    await expect(jobs.update({ id: 'job_1' }, { total_executions: () => 'total_executions + 1' })).rejects.toThrow(/raw SQL/);
    expect(() => (jobs.save as () => void)()).toThrow(/does not support repository of JobRow.save/);
  });
});
