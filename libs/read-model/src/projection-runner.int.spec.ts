import { jobStreamId } from '@cp/contracts';
import type { EventToAppend } from '@cp/event-store';
import { JobRow } from './entities';
import { CheckpointMovedError, advanceCheckpoint, readCheckpoint, resetCheckpoint, waitForCheckpoint } from './checkpoint.store';
import { ProjectionRunner } from './projection-runner';
import type { Projection } from './projection';
import { jobsProjection } from './projections/jobs.projection';
import { aDefinition, bob, jobEvent, newJobId } from './testing/job-events.fixture';
import { memoryLogger, openReadModelFixture } from './testing/read-model.fixture';
import type { ReadModelFixture } from './testing/read-model.fixture';

const ORG = 'org-acme';
const NAME = 'read-model';

describe('ProjectionRunner with the jobs projection', () => {
  let fx: ReadModelFixture;
  const runners: ProjectionRunner[] = [];

  beforeEach(async () => {
    fx = await openReadModelFixture('rm_runner');
  });
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.stop()));
    await fx.close();
  });

  async function startRunner(projections: Projection[] = [jobsProjection], logger = memoryLogger()): Promise<ProjectionRunner> {
    const runner = new ProjectionRunner({ dataSource: fx.dataSource, eventStore: fx.store, name: NAME, projections, logger, retry: { initialDelayMs: 20, maxDelayMs: 100 } });
    runners.push(runner);
    await runner.start();
    return runner;
  }

  const append = (jobId: string, events: EventToAppend[]) => fx.store.append(jobStreamId(jobId), events, 'any');
  const row = (id: string) => fx.dataSource.getRepository(JobRow).findOneByOrFail({ id });
  const allRows = () => fx.dataSource.getRepository(JobRow).find({ order: { id: 'ASC' } });

  async function givenAJobLife(): Promise<{ kept: string; deleted: string }> {
    const kept = newJobId();
    const deleted = newJobId();
    await append(kept, [
      jobEvent({ type: 'JobCreated', data: { job_id: kept, organization_id: ORG, definition: aDefinition({ trigger_type: 'webhook', cron_schedule: null, cron_timezone: null }), webhook: { token: 'tok-1', secret_encrypted: 'enc-1' } } }, ORG, '2025-01-01T10:00:00.000Z'),
      jobEvent({ type: 'JobUpdated', data: { job_id: kept, changes: { name: 'Renamed', enabled: false } } }, ORG, '2025-01-02T10:00:00.000Z', bob),
      jobEvent({ type: 'JobEnabled', data: { job_id: kept } }, ORG, '2025-01-03T10:00:00.000Z'),
      jobEvent({ type: 'WebhookSecretRotated', data: { job_id: kept, secret_encrypted: 'enc-2', previous_secret_encrypted: 'enc-1', previous_valid_until: '2025-01-05T10:00:00.000Z', grace_period_seconds: 86_400 } }, ORG, '2025-01-04T10:00:00.000Z'),
    ]);
    await append(deleted, [
      jobEvent({ type: 'JobCreated', data: { job_id: deleted, organization_id: ORG, definition: aDefinition({ trigger_type: 'webhook' }), webhook: { token: 'tok-2', secret_encrypted: 'enc-x' } } }, ORG, '2025-01-01T11:00:00.000Z'),
      jobEvent({ type: 'JobDeleted', data: { job_id: deleted } }, ORG, '2025-01-06T11:00:00.000Z', bob),
    ]);
    return { kept, deleted };
  }

  it('projects every job event into the row', async () => {
    const { kept, deleted } = await givenAJobLife();
    await startRunner();
    expect(await fx.caughtUp(NAME)).toBe(true);

    expect(await row(kept)).toMatchObject({
      organization_id: ORG,
      name: 'Renamed',
      enabled: true,
      status: 'active',
      trigger_type: 'webhook',
      config: { timeout: 300, retries: { max: 2 } },
      execution_environment: { env_vars: { LEVEL: 'info' }, secrets: ['API_KEY'], integration_ids: [], mcp_servers: {} },
      execution_history: [],
      total_executions: 0,
      created_by: 'user-alice',
      created_by_email: 'alice@example.com',
      updated_by: 'user-alice',
      created_at: new Date('2025-01-01T10:00:00.000Z'),
      updated_at: new Date('2025-01-04T10:00:00.000Z'),
      webhook_token: 'tok-1',
      webhook_secret_encrypted: 'enc-2',
      previous_webhook_secret_encrypted: 'enc-1',
      previous_webhook_secret_valid_until: new Date('2025-01-05T10:00:00.000Z'),
      deleted_at: null,
      stream_revision: 3,
    });
    expect(await row(deleted)).toMatchObject({ deleted_at: new Date('2025-01-06T11:00:00.000Z'), webhook_token: null, updated_by: 'user-bob', stream_revision: 1 });
  });

  it('keeps following: events appended while running are projected live', async () => {
    const runner = await startRunner();
    const progress: string[] = [];
    runner.on('progress', (p: { position: string }) => progress.push(p.position));
    const jobId = newJobId();
    const { position } = await append(jobId, [jobEvent({ type: 'JobCreated', data: { job_id: jobId, organization_id: ORG, definition: aDefinition(), webhook: null } }, ORG, '2025-01-01T00:00:00.000Z')]);
    expect(await waitForCheckpoint(fx.dataSource, NAME, position, 10_000, (a, b) => fx.store.comparePositions(a, b))).toBe(true);
    expect(await row(jobId)).toMatchObject({ status: 'active', stream_revision: 0 });
    expect(await runner.checkpoint()).toBe(position);
    expect(progress).toContain(position);
  });

  it('replaying events already applied changes nothing', async () => {
    const { kept } = await givenAJobLife();
    const runner = await startRunner();
    await fx.caughtUp(NAME);
    const before = await allRows();

    const [, oldUpdate] = await fx.store.readStream(jobStreamId(kept));
    await fx.dataSource.transaction((manager) => jobsProjection.apply(oldUpdate, manager));
    expect(await allRows()).toEqual(before);

    await runner.stop();
    await resetCheckpoint(fx.dataSource, NAME);
    await startRunner();
    expect(await fx.caughtUp(NAME)).toBe(true);
    expect(await allRows()).toEqual(before);
  });

  it('commits rows and checkpoint together: a failing handler leaves no partial rows, and the runner retries from the last checkpoint', async () => {
    const first = newJobId();
    const second = newJobId();
    let failuresLeft = 2;
    const flaky: Projection = {
      name: 'flaky',
      handles: ['JobCreated'],
      apply: async (event) => {
        if (event.data.job_id === second && failuresLeft > 0) {
          failuresLeft -= 1;
          throw new Error('disk on fire');
        }
      },
    };
    await append(first, [jobEvent({ type: 'JobCreated', data: { job_id: first, organization_id: ORG, definition: aDefinition(), webhook: null } }, ORG, '2025-01-01T00:00:00.000Z')]);
    await append(second, [jobEvent({ type: 'JobCreated', data: { job_id: second, organization_id: ORG, definition: aDefinition(), webhook: null } }, ORG, '2025-01-01T00:00:01.000Z')]);

    const logger = memoryLogger();
    const runner = new ProjectionRunner({ dataSource: fx.dataSource, eventStore: fx.store, name: NAME, projections: [jobsProjection, flaky], logger, maxBatchWaitMs: 1000, retry: { initialDelayMs: 300, maxDelayMs: 300 } });
    runners.push(runner);
    const failed = new Promise<unknown>((resolve) => runner.once('failure', ({ error }: { error: unknown }) => resolve(error)));
    await runner.start();

    expect(String(await failed)).toContain('disk on fire');
    expect(await fx.dataSource.getRepository(JobRow).count()).toBe(0);
    expect(await readCheckpoint(fx.dataSource, NAME)).toBeNull();

    expect(await fx.caughtUp(NAME)).toBe(true);
    expect((await allRows()).map((r) => r.id).sort()).toEqual([first, second].sort());
    expect(logger.entries.filter((e) => e.level === 'error')).toHaveLength(2);
    expect(logger.entries.find((e) => e.level === 'error')?.fields?.error).toContain(`stream job-${second}@0`);
  });

  it('never moves a checkpoint that someone else moved in the meantime', async () => {
    await fx.dataSource.transaction((m) => advanceCheckpoint(m, 'other', null, '5'));
    await expect(fx.dataSource.transaction((m) => advanceCheckpoint(m, 'other', null, '7'))).rejects.toThrow(CheckpointMovedError);
    await expect(fx.dataSource.transaction((m) => advanceCheckpoint(m, 'other', '4', '7'))).rejects.toThrow(CheckpointMovedError);
    await fx.dataSource.transaction((m) => advanceCheckpoint(m, 'other', '5', '7'));
    expect(await readCheckpoint(fx.dataSource, 'other')).toBe('7');
  });

  it('waitForCheckpoint gives up after the timeout when the position is never reached', async () => {
    await startRunner();
    expect(await waitForCheckpoint(fx.dataSource, NAME, '999999', 100, (a, b) => fx.store.comparePositions(a, b))).toBe(false);
  });
});
