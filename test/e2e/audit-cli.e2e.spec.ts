import { Pool } from 'pg';
import { jobStreamId, type AuditEventItem, type AuditEventsResponse } from '@cp/contracts';
import { launchServices, type LaunchedServices } from '@cp/testing';
import { isolatedEnv, runJobs } from '../../apps/cli/src/testing/cli-runner';
import { apiClient, tokenFor, type ApiClient } from './support/api-client';

jest.setTimeout(120_000);

type Job = { id: string };

/** Issue 8 §4, §5, §8 through the `jobs` binary: audit timeline, --as-of, --follow, -o json, verify, admin rebuild. */
describe('jobs audit (CLI, end to end)', () => {
  let services: LaunchedServices;
  let api: ApiClient;
  let pool: Pool;
  const token = tokenFor('org-cli-audit', 'carol', 'carol@example.com');
  const jobs = (...args: string[]) => runJobs(args, isolatedEnv({ CONTROL_PLANE_URL: services.gatewayUrl, CONTROL_PLANE_API_KEY: token }));

  beforeAll(async () => {
    services = await launchServices({ services: ['projector', 'jobs', 'gateway'] });
    api = apiClient(services.gatewayUrl, token);
    pool = new Pool({ connectionString: services.env.DATABASE_URL, max: 1 });
  }, 180_000);
  afterAll(async () => {
    await pool?.end();
    await services?.stop();
  }, 60_000);

  async function jobWithHistory(): Promise<Job> {
    const job = (await api.post<Job>('/api/v1/jobs', { name: 'Reports', trigger_type: 'cron', cron_schedule: '0 9 * * *', planning_mode: 'on_the_fly', prompt_template: 'Report' })).body;
    await api.patch(`/api/v1/jobs/${job.id}`, { name: 'Daily reports' });
    await api.post(`/api/v1/jobs/${job.id}/disable`);
    return job;
  }

  it('prints a readable timeline: time, actor, event and what changed', async () => {
    const job = await jobWithHistory();
    const result = await jobs('audit', job.id);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^TIME\s+REV\s+ACTOR\s+EVENT\s+CHANGE/);
    expect(lines[1]).toMatch(/UTC\s+0\s+carol@example.com\s+JobCreated\s+created "Reports" \(cron "0 9 \* \* \*" UTC, enabled\)/);
    expect(lines[2]).toMatch(/JobUpdated\s+name: "Reports" → "Daily reports"/);
    expect(lines[3]).toMatch(/JobDisabled\s+disabled/);
  });

  it('prints the server data with -o json, and only what was recorded by --as-of', async () => {
    const job = await jobWithHistory();
    const all = JSON.parse((await jobs('audit', job.id, '-o', 'json')).stdout) as AuditEventsResponse;
    expect(all.events.map((e) => e.type)).toEqual(['JobCreated', 'JobUpdated', 'JobDisabled']);
    const cut = await jobs('audit', job.id, '--as-of', all.events[1].recorded_at, '-o', 'json');
    expect((JSON.parse(cut.stdout) as AuditEventsResponse).events.map((e) => e.revision)).toEqual([0, 1]);
    const bad = await jobs('audit', job.id, '--as-of', 'someday');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/as_of: Input should be a valid datetime/);
    expect((await jobs('audit', 'job_00000000-0000-4000-8000-000000000000')).code).toBe(3);
    expect((await jobs('audit')).code).toBe(2);
  });

  it('follows new events live and stops when the job is deleted', async () => {
    const job = await jobWithHistory();
    const following = jobs('audit', job.id, '--follow', '-o', 'json', '--interval', '1');
    await new Promise((resolve) => setTimeout(resolve, 2500));
    await api.post(`/api/v1/jobs/${job.id}/enable`);
    await api.delete(`/api/v1/jobs/${job.id}`);
    const result = await following;
    expect(result.code).toBe(0);
    const types = result.stdout.trim().split('\n').map((line) => (JSON.parse(line) as AuditEventItem).type);
    expect(types).toEqual(['JobCreated', 'JobUpdated', 'JobDisabled', 'JobEnabled', 'JobDeleted']);
  });

  it('verifies the hash chain and fails with exit 1 once a stored event was edited', async () => {
    const job = await jobWithHistory();
    const ok = await jobs('audit', 'verify', job.id);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/chain intact: 3 events/);
    await pool.query(`UPDATE "${services.env.DB_SCHEMA}".events SET data = jsonb_set(data, '{changes,name}', '"Hacked"') WHERE stream_id = $1 AND revision = 1`, [jobStreamId(job.id)]);
    const broken = await jobs('audit', 'verify', job.id);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/chain broken at revision 1/);
    expect(JSON.parse((await jobs('audit', 'verify', job.id, '-o', 'json')).stdout)).toMatchObject({ intact: false, first_broken_revision: 1 });
  });

  it('jobs admin rebuild rebuilds the read models of the configured schema', async () => {
    await jobWithHistory();
    const env = isolatedEnv({ DATABASE_URL: services.env.DATABASE_URL, DB_SCHEMA: services.env.DB_SCHEMA, NODE_ENV: 'test' });
    const result = await runJobs(['admin', 'rebuild', '-o', 'json'], env);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ rebuilt: expect.arrayContaining(['jobs', 'executions']), events: expect.any(Number) });
    expect(result.stderr).toMatch(/Rebuilt .* events\/s/);
    expect((await api.get<Job[]>('/api/v1/jobs')).status).toBe(200);
  });
});
