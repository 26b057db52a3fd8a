import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { jobStreamId } from '@cp/contracts';
import type { JobDefinition } from '@cp/contracts';
import { JobQueries } from './job.queries';
import { toJobResponse } from './job-response.mapper';
import { ProjectionRunner } from './projection-runner';
import { jobsProjection } from './projections/jobs.projection';
import { aDefinition, jobEvent, newJobId } from './testing/job-events.fixture';
import { memoryLogger, openReadModelFixture } from './testing/read-model.fixture';
import type { ReadModelFixture } from './testing/read-model.fixture';

const SEEDS_DIR = process.env.SEEDS_DIR ?? resolve(__dirname, '../../../test/fixtures/seeds');
const NAME = 'read-model';

/** `properties` and `required` of the JobResponse schema in the seed's OpenAPI page. */
function seedJobResponseFields(): { properties: string[]; required: string[] } {
  const text = readFileSync(resolve(SEEDS_DIR, '000-create-job-openapi.md'), 'utf8');
  const start = text.indexOf('\n    JobResponse:\n');
  const block = text.slice(start, text.indexOf('\n    HTTPValidationError:', start));
  const properties = [...block.matchAll(/^ {8}([a-z_]+):$/gm)].map((m) => m[1]);
  const required = [...block.slice(block.indexOf('      required:')).matchAll(/^ {8}- ([a-z_]+)$/gm)].map((m) => m[1]);
  return { properties, required };
}

describe('JobQueries and toJobResponse', () => {
  let fx: ReadModelFixture;
  let runner: ProjectionRunner;
  let queries: JobQueries;

  beforeAll(async () => {
    fx = await openReadModelFixture('rm_queries');
    runner = new ProjectionRunner({ dataSource: fx.dataSource, eventStore: fx.store, name: NAME, projections: [jobsProjection], logger: memoryLogger() });
    await runner.start();
    queries = new JobQueries(fx.dataSource);
  });
  afterAll(async () => {
    await runner.stop();
    await fx.close();
  });

  async function givenJob(org: string, at: string, definition: Partial<JobDefinition> = {}, token: string | null = null): Promise<string> {
    const jobId = newJobId();
    const webhook = token ? { token, secret_encrypted: `enc-${token}` } : null;
    await fx.store.append(jobStreamId(jobId), [jobEvent({ type: 'JobCreated', data: { job_id: jobId, organization_id: org, definition: aDefinition(definition), webhook } }, org, at)], 'no_stream');
    return jobId;
  }

  async function givenDeleted(org: string, jobId: string): Promise<void> {
    await fx.store.append(jobStreamId(jobId), [jobEvent({ type: 'JobDeleted', data: { job_id: jobId } }, org, '2025-06-01T00:00:00.000Z')], 0);
  }

  it('finds a job only in its own organization and never once deleted', async () => {
    const live = await givenJob('org-a', '2025-01-01T00:00:00.000Z');
    const gone = await givenJob('org-a', '2025-01-01T00:00:00.000Z', { trigger_type: 'webhook' }, 'gone-token');
    await givenDeleted('org-a', gone);
    await fx.caughtUp(NAME);

    expect((await queries.findJob('org-a', live))?.id).toBe(live);
    expect(await queries.findJob('org-b', live)).toBeNull();
    expect(await queries.findJob('org-a', gone)).toBeNull();
    expect(await queries.findJobByWebhookToken('gone-token')).toBeNull();
  });

  it('lists newest first, filtered by enabled and trigger type', async () => {
    const org = 'org-list';
    const older = await givenJob(org, '2025-01-01T00:00:00.000Z', { trigger_type: 'manual', cron_schedule: null, cron_timezone: null });
    const newer = await givenJob(org, '2025-03-01T00:00:00.000Z', { enabled: false });
    const middle = await givenJob(org, '2025-02-01T00:00:00.000Z');
    await givenJob('org-other', '2025-04-01T00:00:00.000Z');
    await fx.caughtUp(NAME);

    expect((await queries.listJobs(org)).map((j) => j.id)).toEqual([newer, middle, older]);
    expect((await queries.listJobs(org, { enabled: true })).map((j) => j.id)).toEqual([middle, older]);
    expect((await queries.listJobs(org, { triggerType: 'cron' })).map((j) => j.id)).toEqual([newer, middle]);
    expect((await queries.listJobs(org, { enabled: false, triggerType: 'manual' })).map((j) => j.id)).toEqual([]);
  });

  it('resolves a live webhook token to its job', async () => {
    const jobId = await givenJob('org-hook', '2025-01-01T00:00:00.000Z', { trigger_type: 'webhook' }, 'live-token');
    await fx.caughtUp(NAME);
    expect((await queries.findJobByWebhookToken('live-token'))?.id).toBe(jobId);
  });

  it('maps a row to exactly the fields of the seed JobResponse, with zoned timestamps and no secret', async () => {
    const jobId = await givenJob('org-map', '2025-01-02T03:04:05.006Z', { trigger_type: 'webhook' }, 'map-token');
    await fx.caughtUp(NAME);
    const response = toJobResponse((await queries.findJob('org-map', jobId))!, 'https://cp.example.com/');

    const seed = seedJobResponseFields();
    expect(seed.required).toHaveLength(33);
    expect(Object.keys(response).sort()).toEqual([...seed.properties].sort());
    expect(seed.properties.filter((p) => !seed.required.includes(p)).sort()).toEqual(['created_by_email', 'updated_by_email', 'webhook_secret', 'webhook_url']);
    expect(response).toMatchObject({
      id: jobId,
      status: 'active',
      webhook_url: 'https://cp.example.com/api/v1/jobs/webhook/map-token',
      webhook_secret: null,
      temporal_schedule_id: null,
      created_at: '2025-01-02T03:04:05.006Z',
      updated_at: '2025-01-02T03:04:05.006Z',
      last_triggered_at: null,
      next_execution_at: null,
      execution_history: [],
    });
    expect(JSON.stringify(response)).not.toContain('enc-map-token');
  });
});
