import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { Pool } from 'pg';
import { REBUILT_ENTITIES, tableShapes } from '@cp/read-model';
import { launchServices, waitFor, type LaunchedServices } from '@cp/testing';
import { apiClient, tokenFor, type ApiClient } from './support/api-client';
import { executionsApi } from './support/executions-api';
import { ScriptedWorker, type Run } from './support/executions-scripted-worker';

const REPO = resolve(__dirname, '..', '..');
type Tables = Record<string, unknown[]>;

/** Issue 8 §5: `npm run rebuild` rebuilds every read model from the events and swaps it in while the services serve. */
describe('Read-model rebuild, end to end', () => {
  let services: LaunchedServices;
  let api: ApiClient;
  let pool: Pool;
  let worker: ScriptedWorker;
  const schema = () => services.env.DB_SCHEMA;

  beforeAll(async () => {
    services = await launchServices({ services: ['projector', 'jobs', 'gateway', 'executor'], env: { READ_YOUR_WRITES_TIMEOUT_MS: '30000' } });
    api = apiClient(services.gatewayUrl, tokenFor('org-r', 'rita', 'rita@example.com'));
    pool = new Pool({ connectionString: services.env.DATABASE_URL, max: 3 });
    worker = await ScriptedWorker.connect(services.env.NATS_URL, services.env.NATS_NAMESPACE, 'default');
    await givenAHistory();
  }, 240_000);
  afterAll(async () => {
    await worker?.close();
    await pool?.end();
    await services?.stop();
  }, 60_000);

  /** Jobs of every kind, changed, rotated, deleted; executions that succeed (with logs), fail and retry. */
  async function givenAHistory(): Promise<void> {
    const x = executionsApi(api);
    const agent = await x.createAgent();
    await api.patch(`/api/v1/agents/${agent.id}`, { description: 'Echo, updated' });
    const cron = await x.createJob(agent.id, { name: 'Nightly', trigger_type: 'cron', cron_schedule: '0 3 * * *', cron_timezone: 'Europe/Paris' });
    await api.patch(`/api/v1/jobs/${cron.id}`, { cron_schedule: '30 4 * * 1-5' });
    const hook = await x.createJob(agent.id, { name: 'Hook', trigger_type: 'webhook' });
    await api.post(`/api/v1/jobs/${hook.id}/webhook/rotate-secret`, { grace_period_seconds: 60 });
    const gone = await x.createJob(agent.id, { name: 'Gone' });
    await api.delete(`/api/v1/jobs/${gone.id}`);
    const manual = await x.createJob(agent.id, { name: 'Backups', config: { retry: { max_attempts: 2, backoff_seconds: 0 } } });
    await api.post(`/api/v1/jobs/${manual.id}/disable`);
    await api.post(`/api/v1/jobs/${manual.id}/enable`);
    await runOnce(x, manual.id, async (run) => {
      await worker.log(run, 0, ['line 1', 'line 2']);
      await worker.succeed(run, 'ok');
    });
    const failing = await x.trigger(manual.id);
    for (const message of ['disk full', 'still full']) {
      const run = (await worker.next())!;
      await worker.started(run);
      await worker.fail(run, message);
      run.msg.ack();
    }
    await x.waitForStatus(failing.execution_id, ['failed']);
  }

  async function runOnce(x: ReturnType<typeof executionsApi>, jobId: string, script: (run: Run) => Promise<unknown>): Promise<void> {
    const { execution_id } = await x.trigger(jobId);
    const run = (await worker.next())!;
    await worker.started(run);
    await script(run);
    run.msg.ack();
    await x.waitForStatus(execution_id, ['completed']);
  }

  async function caughtUp(): Promise<void> {
    await waitFor(async () => {
      const { rows } = await pool.query<{ head: string | null; checkpoint: string | null }>(
        `SELECT (SELECT max(global_position)::text FROM "${schema()}".events) AS head,
                (SELECT position FROM "${schema()}".projection_checkpoints WHERE name = 'read-model') AS checkpoint`);
      return rows[0].head === rows[0].checkpoint ? true : null;
    }, { timeoutMs: 30_000, description: 'the projector to reach the head of the event store' });
  }

  async function tables(): Promise<Tables> {
    const result: Tables = {};
    for (const shape of tableShapes(REBUILT_ENTITIES).values()) {
      const { rows } = await pool.query<{ row: unknown }>(`SELECT to_jsonb(t) AS row FROM "${schema()}"."${shape.table}" t ORDER BY ${shape.primary.map((c) => `t."${c}"`).join(', ')}`);
      result[shape.table] = rows.map((r) => r.row);
    }
    return result;
  }

  function rebuild(): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((done, fail) => {
      const child = spawn(process.execPath, ['scripts/run-ts.js', 'apps/projector/src/rebuild.ts'], { cwd: REPO, env: { ...services.env, REBUILD_BATCH_SIZE: '7', REBUILD_CACHED_ROWS: '3' } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', fail);
      child.on('exit', (code) => done({ code, stdout, stderr }));
    });
  }

  it('rebuilds tables equal to the live ones, row by row', async () => {
    await caughtUp();
    const live = await tables();
    expect(live.jobs.length).toBeGreaterThanOrEqual(4);
    expect(live.executions.length).toBeGreaterThanOrEqual(2);
    expect(live.execution_logs.length).toBeGreaterThanOrEqual(2);
    expect(live.registry_entries.length).toBeGreaterThanOrEqual(1);
    const result = await rebuild();
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout.trim().split('\n').pop() as string);
    expect(summary.events).toBeGreaterThan(20);
    expect(summary.rebuilt).toEqual(expect.arrayContaining(['jobs', 'executions', 'execution_logs', 'registry_entries']));
    expect(result.stderr).toMatch(/events\/s/);
    expect(await tables()).toEqual(live);
  }, 120_000);

  it('keeps serving reads and writes during the rebuild and loses nothing across the swap', async () => {
    const failures: string[] = [];
    const created: string[] = [];
    let rebuilding = true;
    const reader = (async () => {
      while (rebuilding) {
        const res = await api.get<unknown[]>('/api/v1/jobs');
        if (res.status !== 200) failures.push(`GET ${res.status} ${res.text}`);
      }
    })();
    const writer = (async () => {
      for (let n = 0; rebuilding; n++) {
        const res = await api.post<{ id: string }>('/api/v1/jobs', { name: `during ${n}`, trigger_type: 'manual', planning_mode: 'on_the_fly', prompt_template: 'p' });
        if (res.status === 201) created.push(res.body.id);
        else failures.push(`POST ${res.status} ${res.text}`);
      }
    })();
    const result = await rebuild();
    rebuilding = false;
    await Promise.all([reader, writer]);
    expect(result.code).toBe(0);
    expect(failures).toEqual([]);
    expect(created.length).toBeGreaterThan(0);
    await caughtUp();
    const listed = new Set((await api.get<{ id: string }[]>('/api/v1/jobs')).body.map((job) => job.id));
    expect(created.filter((id) => !listed.has(id))).toEqual([]);
    const afterSwap = await tables();
    expect((await rebuild()).code).toBe(0);
    expect(await tables()).toEqual(afterSwap);
  }, 180_000);

  it('leaves no shadow or retired schema behind', async () => {
    const { rows } = await pool.query<{ nspname: string }>(`SELECT nspname FROM pg_namespace WHERE nspname LIKE $1`, [`${schema()}\\_%`]);
    expect(rows.map((r) => r.nspname)).toEqual([]);
  });
});
