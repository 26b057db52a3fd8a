import { launchServices, waitFor, type LaunchedServices } from '@cp/testing';
import { apiClient, tokenFor, type ApiClient } from './support/api-client';
import { executionsApi, type Execution } from './support/executions-api';
import { ScriptedWorker } from './support/executions-scripted-worker';

const EXECUTIONS = 200;

/**
 * The executor keeps no state of its own: killed with SIGKILL while executions are queued, running and finishing,
 * a restarted executor re-derives everything from the events, so every execution ends exactly once.
 */
describe('Executor crash (kill -9) with executions in flight, end to end', () => {
  let services: LaunchedServices;
  let api: ApiClient;
  let worker: ScriptedWorker;

  beforeAll(async () => {
    services = await launchServices({
      services: ['projector', 'jobs', 'gateway', 'executor'],
      env: { EXECUTOR_HEARTBEAT_INTERVAL_MS: '1000', EXECUTOR_HEARTBEAT_TIMEOUT_MS: '60000', EXECUTOR_SWEEP_INTERVAL_MS: '2000' },
    });
    api = apiClient(services.gatewayUrl, tokenFor('org-a'));
    worker = await ScriptedWorker.connect(services.env.NATS_URL, services.env.NATS_NAMESPACE, 'default');
  }, 120_000);
  afterAll(async () => {
    await worker?.close();
    await services?.stop();
  }, 60_000);

  const finished = async (jobId: string): Promise<Execution[]> =>
    (await api.get<Execution[]>(`/api/v1/executions?job_id=${jobId}&status=completed&limit=1000`)).body;

  it(`loses none and runs none twice among ${EXECUTIONS} executions`, async () => {
    const x = executionsApi(api);
    const agent = await x.createAgent();
    const job = await x.createJob(agent.id, { prompt_template: 'Run' });
    const runs = worker.runAll({ workMs: 300, concurrency: 16 });
    const ids: string[] = [];
    const triggering = (async () => {
      for (let i = 0; i < EXECUTIONS; i += 20) {
        const batch = await Promise.all(Array.from({ length: Math.min(20, EXECUTIONS - i) }, () => x.trigger(job.id, {})));
        ids.push(...batch.map((b) => b.execution_id));
      }
    })();
    await waitFor(async () => (await finished(job.id)).length >= 20, { timeoutMs: 60_000, description: 'the first 20 executions to finish' });
    const atKill = (await api.get<Execution[]>(`/api/v1/executions?job_id=${job.id}&limit=1000`)).body;
    expect(atKill.filter((e) => e.status === 'queued' || e.status === 'running').length).toBeGreaterThan(0);
    await services.killService('executor', 'SIGKILL');
    await new Promise((r) => setTimeout(r, 1_000));
    await services.startService('executor');
    await triggering;
    await waitFor(async () => (await finished(job.id)).length === EXECUTIONS, { timeoutMs: 180_000, intervalMs: 500, description: `all ${EXECUTIONS} executions to complete` });
    await runs.stop();

    expect(new Set(ids).size).toBe(EXECUTIONS);
    const ranTwice = [...runs.accepted.entries()].filter(([, count]) => count !== 1);
    expect(ranTwice).toEqual([]);
    expect(runs.accepted.size).toBe(EXECUTIONS);
    expect(ids.every((id) => runs.accepted.get(id) === 1)).toBe(true);
    const attempts = (await finished(job.id)).map((e) => e.attempt);
    expect(attempts).toStrictEqual(Array.from({ length: EXECUTIONS }, () => 1));
    expect(await x.job(job.id)).toMatchObject({ total_executions: EXECUTIONS, successful_executions: EXECUTIONS, failed_executions: 0 });
  }, 300_000);
});

/** Deadlines, retry backoffs and heartbeat watchdogs live in memory; a restarted executor rebuilds them from the events. */
describe('Executor timers survive a kill -9, end to end', () => {
  let services: LaunchedServices;
  let worker: ScriptedWorker;
  let x: ReturnType<typeof executionsApi>;

  beforeAll(async () => {
    services = await launchServices({
      services: ['projector', 'jobs', 'gateway', 'executor'],
      env: { EXECUTOR_HEARTBEAT_INTERVAL_MS: '300', EXECUTOR_HEARTBEAT_TIMEOUT_MS: '3000', EXECUTOR_SWEEP_INTERVAL_MS: '60000' },
    });
    x = executionsApi(apiClient(services.gatewayUrl, tokenFor('org-a')));
    worker = await ScriptedWorker.connect(services.env.NATS_URL, services.env.NATS_NAMESPACE, 'default');
  }, 120_000);
  afterAll(async () => {
    await worker?.close();
    await services?.stop();
  }, 60_000);

  it('times out, retries and detects a dead worker after the executor restarts', async () => {
    const agent = await x.createAgent();
    const slow = await x.trigger((await x.createJob(agent.id, { prompt_template: 'slow', config: { timeout: 4 } })).id, {});
    const slowRun = (await worker.next())!;
    await worker.started(slowRun);
    const beat = setInterval(() => void worker.heartbeat(slowRun).catch(() => undefined), 300);
    const flaky = await x.trigger((await x.createJob(agent.id, { prompt_template: 'flaky', config: { retry: { max_attempts: 2, backoff_seconds: 4 } } })).id, {});
    const flakyRun = (await worker.next())!;
    await worker.started(flakyRun);
    await worker.fail(flakyRun, 'boom');
    const dead = await x.trigger((await x.createJob(agent.id, { prompt_template: 'dead' })).id, {});
    const deadRun = (await worker.next())!;
    await worker.started(deadRun);
    for (const run of [slowRun, flakyRun, deadRun]) run.msg.ack();
    await x.waitForStatus(flaky.execution_id, ['retrying']);

    await services.killService('executor', 'SIGKILL');
    await services.startService('executor');
    try {
      expect((await x.waitForStatus(slow.execution_id, ['timed_out'])).error_message).toMatch(/timed out after 4 s/);
      const retried = (await worker.next(20_000))!;
      expect(retried.item).toMatchObject({ execution_id: flaky.execution_id, attempt: 2 });
      retried.msg.ack();
      expect((await x.waitForStatus(dead.execution_id, ['timed_out'])).error_message).toMatch(/stopped sending heartbeats/);
    } finally {
      clearInterval(beat);
    }
  }, 120_000);
});
