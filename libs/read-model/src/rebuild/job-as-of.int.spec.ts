import { EVENT_VERSIONING } from '@cp/domain';
import { UpcastingEventStore, type EventStore } from '@cp/event-store';
import { JobRow } from '../entities';
import { openReadModelFixture, type ReadModelFixture } from '../testing/read-model.fixture';
import { JobAsOfReader } from './job-as-of';
import { rebuildReadModels } from './read-model-rebuild';
import { syntheticHistory } from './synthetic-history';

const ORG = 'org-asof';

describe('a job as of a past instant (issue 8 §2)', () => {
  let fx: ReadModelFixture;
  let store: EventStore;
  let jobIds: string[];

  beforeAll(async () => {
    fx = await openReadModelFixture('asof');
    store = new UpcastingEventStore(fx.store, EVENT_VERSIONING);
    jobIds = [];
    const history = syntheticHistory({ organizationId: ORG, jobs: 3, executionsPerJob: 12, jobChangesPerJob: 30, concurrency: 3, start: new Date(), maxStepMs: 20, seed: 7 });
    for (const append of history) {
      if (append.events[0].type === 'JobCreated') jobIds.push(String(append.events[0].data.job_id));
      await store.append(append.streamId, append.events, 'any');
    }
    // The live read model comes from a rebuild: no projector runs in this test.
    await rebuildReadModels({ databaseUrl: fx.db.databaseUrl, schema: fx.db.schema, eventStore: store, batchSize: 50 });
  }, 120_000);
  afterAll(() => fx?.close());

  it('given snapshots every few events, when read at many instants, then it agrees with a full replay every time', async () => {
    const reader = new JobAsOfReader({ eventStore: store, dataSource: fx.dataSource, snapshotEvery: 7, readPage: 5 });
    const events = await store.readAll();
    const instants = events.filter((_, n) => n % 9 === 0).map((event) => new Date(event.recordedAt));
    let fromSnapshots = 0;
    for (const jobId of jobIds) {
      for (const asOf of instants) {
        const replayed = await reader.read(jobId, asOf, { useSnapshots: false });
        const snapshotted = await reader.read(jobId, asOf);
        expect(snapshotted?.row ?? null).toEqual(replayed?.row ?? null);
        if (snapshotted?.snapshotPosition) fromSnapshots += 1;
      }
    }
    expect(fromSnapshots).toBeGreaterThan(instants.length);
  }, 120_000);

  it('as of after the last event equals the row of the live read model, counters included', async () => {
    const reader = new JobAsOfReader({ eventStore: store, dataSource: fx.dataSource });
    const now = new Date(Date.now() + 1000);
    for (const jobId of jobIds) {
      const live = await fx.dataSource.getRepository(JobRow).findOneByOrFail({ id: jobId });
      const rebuilt = await reader.read(jobId, now);
      expect(rebuilt?.row).toEqual(live);
      expect(live.total_executions).toBe(12);
    }
  });

  it('is null before the job was created', async () => {
    const reader = new JobAsOfReader({ eventStore: store, dataSource: fx.dataSource });
    const [first] = await store.readStream(`job-${jobIds[0]}`, { maxCount: 1 });
    expect(await reader.read(jobIds[0], new Date(Date.parse(first.recordedAt) - 1))).toBeNull();
  });
});
