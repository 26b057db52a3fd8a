import { cancelTopic, natsSubjects, type ExecutionCancelNotice } from '@cp/contracts';
import { closeNats, connectNats } from '@cp/messaging';
import { launchServices, waitFor, type LaunchedServices } from '@cp/testing';
import { apiClient, tokenFor, type ApiClient } from './support/api-client';
import { executionsApi } from './support/executions-api';
import { ScriptedWorker } from './support/executions-scripted-worker';

const HEARTBEAT_TIMEOUT_MS = 2_000;

/** Routing, timeouts, missing heartbeats, retries and cancel, driven through a scripted worker over real NATS. */
describe('Execution lifecycle (issue 4 §3, §5), end to end', () => {
  let services: LaunchedServices;
  let api: ApiClient;
  let x: ReturnType<typeof executionsApi>;
  let agentId: string;
  let worker: ScriptedWorker;
  const extraWorkers: ScriptedWorker[] = [];
  const connectWorker = async (queue: string) => {
    const w = await ScriptedWorker.connect(services.env.NATS_URL, services.env.NATS_NAMESPACE, queue);
    extraWorkers.push(w);
    return w;
  };

  beforeAll(async () => {
    services = await launchServices({
      services: ['projector', 'jobs', 'gateway', 'executor'],
      env: { EXECUTOR_HEARTBEAT_INTERVAL_MS: '300', EXECUTOR_HEARTBEAT_TIMEOUT_MS: String(HEARTBEAT_TIMEOUT_MS), EXECUTOR_SWEEP_INTERVAL_MS: '1000' },
    });
    api = apiClient(services.gatewayUrl, tokenFor('org-a', 'alice', 'alice@example.com'));
    x = executionsApi(api);
    agentId = (await x.createAgent()).id;
    worker = await ScriptedWorker.connect(services.env.NATS_URL, services.env.NATS_NAMESPACE, 'default');
  }, 120_000);
  afterAll(async () => {
    await Promise.all([worker, ...extraWorkers].map((w) => w?.close()));
    await services?.stop();
  }, 60_000);

  describe('routing', () => {
    it('sends specific_queue jobs to their queue only', async () => {
      const gpu = await connectWorker('gpu');
      const job = await x.createJob(agentId, { executor_type: 'specific_queue', worker_queue_name: 'gpu' });
      const { execution_id } = await x.trigger(job.id);
      const run = (await gpu.next())!;
      expect(run.item).toMatchObject({ execution_id, queue: 'gpu' });
      expect(await worker.next(1_500)).toBeNull();
      await gpu.started(run);
      await gpu.succeed(run, 'ok');
      expect((await x.waitForStatus(execution_id, ['completed'])).queue).toBe('gpu');
    });

    it('sends environment jobs to env.<environment_name> only', async () => {
      const prod = await connectWorker('env.prod');
      const staging = await connectWorker('env.staging');
      const job = await x.createJob(agentId, { executor_type: 'environment', environment_name: 'prod' });
      const { execution_id } = await x.trigger(job.id);
      expect((await prod.next())!.item).toMatchObject({ execution_id, queue: 'env.prod' });
      expect(await staging.next(1_500)).toBeNull();
      expect(await worker.next(500)).toBeNull();
    });
  });

  describe('timeouts and retries', () => {
    it('times out a run that outlives config.timeout and ignores its late result', async () => {
      const job = await x.createJob(agentId, { config: { timeout: 1 } });
      const { execution_id } = await x.trigger(job.id);
      const run = (await worker.next())!;
      const start = await worker.started(run);
      expect(start.deadline).not.toBeNull();
      const beat = setInterval(() => void worker.heartbeat(run).catch(() => undefined), 300);
      try {
        const timedOut = await x.waitForStatus(execution_id, ['timed_out']);
        expect(timedOut.error_message).toMatch(/timed out after 1 s/);
      } finally {
        clearInterval(beat);
      }
      const late = await worker.succeed(run, 'too late');
      expect(late).toMatchObject({ accepted: false, status: 'timed_out' });
      expect((await x.execution(execution_id)).status).toBe('timed_out');
      expect(await x.job(job.id)).toMatchObject({ total_executions: 1, successful_executions: 0, failed_executions: 1 });
      run.msg.ack();
    });

    it('retries a failed attempt after the backoff, then succeeds', async () => {
      const job = await x.createJob(agentId, { config: { retry: { max_attempts: 3, backoff_seconds: 1 } } });
      const { execution_id } = await x.trigger(job.id);
      const first = (await worker.next())!;
      await worker.started(first);
      await worker.fail(first, 'exit code 1');
      first.msg.ack();
      expect((await x.waitForStatus(execution_id, ['retrying'])).error_message).toBe('exit code 1');
      const second = (await worker.next())!;
      expect(second.item).toMatchObject({ execution_id, attempt: 2 });
      expect((await worker.started(second)).accepted).toBe(true);
      await worker.succeed(second, 'second time lucky');
      second.msg.ack();
      expect(await x.waitForStatus(execution_id, ['completed'])).toMatchObject({ attempt: 2, output: 'second time lucky', error_message: null });
      expect(await x.job(job.id)).toMatchObject({ total_executions: 1, successful_executions: 1, failed_executions: 0 });
    });

    it('times out a worker that stops heartbeating (killed) and applies the retry policy', async () => {
      const job = await x.createJob(agentId, { config: { retry: { max_attempts: 2, backoff_seconds: 0 } } });
      const { execution_id } = await x.trigger(job.id);
      const silent = (await worker.next())!;
      await worker.started(silent);
      silent.msg.ack();
      const retry = (await worker.next(HEARTBEAT_TIMEOUT_MS * 5))!;
      expect(retry.item).toMatchObject({ execution_id, attempt: 2 });
      expect((await worker.heartbeat(silent)).accepted).toBe(false);
      await worker.started(retry);
      await worker.fail(retry, 'still broken');
      retry.msg.ack();
      expect(await x.waitForStatus(execution_id, ['failed'])).toMatchObject({ attempt: 2, error_message: 'still broken' });
      expect(await x.job(job.id)).toMatchObject({ successful_executions: 0, failed_executions: 1 });
    });

    it('refuses a second run of the same attempt (a redelivered work item)', async () => {
      const job = await x.createJob(agentId);
      await x.trigger(job.id);
      const run = (await worker.next())!;
      expect((await worker.started(run)).accepted).toBe(true);
      const copy = { ...run, ref: { ...run.ref, run_id: 'another-run', worker_id: 'another-worker' } };
      expect(await worker.started(copy)).toMatchObject({ accepted: false, status: 'running' });
      await worker.succeed(run, 'ok');
      run.msg.ack();
    });
  });

  describe('cancel', () => {
    it('cancels a running execution, tells the worker, and refuses a second cancel', async () => {
      const job = await x.createJob(agentId);
      const { execution_id } = await x.trigger(job.id);
      const run = (await worker.next())!;
      await worker.started(run);
      const nc = await connectNats(services.env.NATS_URL, 'cancel-listener', { maxReconnectAttempts: 0 });
      const notices: ExecutionCancelNotice[] = [];
      const sub = nc.subscribe(natsSubjects(services.env.NATS_NAMESPACE).live(cancelTopic(execution_id)), { callback: (_e, m) => notices.push(m.json()) });
      await nc.flush();
      const res = await api.post<Record<string, unknown>>(`/api/v1/jobs/${job.id}/executions/${execution_id}/cancel`, { reason: 'not needed' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ execution_id, status: 'cancelled', error_message: 'not needed' });
      await waitFor(() => notices.length > 0, { description: 'the cancel notice' });
      expect(notices[0]).toMatchObject({ execution_id, attempt: 1, status: 'cancelled' });
      expect((await worker.heartbeat(run)).accepted).toBe(false);
      expect((await worker.succeed(run, 'late')).accepted).toBe(false);
      run.msg.ack();
      sub.unsubscribe();
      await closeNats(nc);
      expect((await api.post(`/api/v1/jobs/${job.id}/executions/${execution_id}/cancel`, {})).status).toBe(409);
      expect(await x.job(job.id)).toMatchObject({ total_executions: 1, successful_executions: 0, failed_executions: 0 });
    });

    it('cancels a queued execution before any worker takes it, and the late start is refused', async () => {
      const job = await x.createJob(agentId);
      const { execution_id } = await x.trigger(job.id);
      await x.waitForStatus(execution_id, ['queued']);
      expect((await api.post(`/api/v1/jobs/${job.id}/executions/${execution_id}/cancel`)).status).toBe(200);
      const run = (await worker.next())!;
      expect(await worker.started(run)).toMatchObject({ accepted: false, status: 'cancelled' });
      run.msg.ack();
    });

    it('does not find the execution under another job or organization', async () => {
      const job = await x.createJob(agentId);
      const other = await x.createJob(agentId);
      const { execution_id } = await x.trigger(job.id);
      expect((await api.post(`/api/v1/jobs/${other.id}/executions/${execution_id}/cancel`)).status).toBe(404);
      expect((await apiClient(services.gatewayUrl, tokenFor('org-b')).post(`/api/v1/jobs/${job.id}/executions/${execution_id}/cancel`)).status).toBe(404);
      const run = (await worker.next())!;
      await worker.started(run);
      await worker.succeed(run, 'ok');
      run.msg.ack();
    });
  });
});
