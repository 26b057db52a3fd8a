import { randomUUID } from 'node:crypto';
import { JOBS_SERVICE, natsSubjects, type TriggerJobRequest, type TriggerJobResult } from '@cp/contracts';
import { closeNats, connectNats, sendCommand } from '@cp/messaging';
import { launchServices, type LaunchedServices } from '@cp/testing';
import { apiClient, tokenFor, type ApiClient } from './support/api-client';
import { executionsApi, type Execution } from './support/executions-api';
import { ScriptedWorker } from './support/executions-scripted-worker';

type Issues = { detail: { loc: (string | number)[]; msg: string; type: string }[] };

/**
 * Trigger -> executor -> worker protocol -> read model, with real processes. The worker is scripted by the test
 * (support/executions-scripted-worker.ts) so each lifecycle branch can be driven deliberately.
 */
describe('Executions: trigger, lifecycle, history (issue 4), end to end', () => {
  let services: LaunchedServices;
  let api: ApiClient;
  let otherOrg: ApiClient;
  let x: ReturnType<typeof executionsApi>;
  let agentId: string;
  let worker: ScriptedWorker;

  beforeAll(async () => {
    services = await launchServices({
      services: ['projector', 'jobs', 'gateway', 'executor'],
      env: { EXECUTOR_HEARTBEAT_INTERVAL_MS: '300', EXECUTOR_HEARTBEAT_TIMEOUT_MS: '2000', EXECUTOR_SWEEP_INTERVAL_MS: '1000' },
    });
    api = apiClient(services.gatewayUrl, tokenFor('org-a', 'alice', 'alice@example.com'));
    otherOrg = apiClient(services.gatewayUrl, tokenFor('org-b'));
    x = executionsApi(api);
    agentId = (await x.createAgent()).id;
    worker = await ScriptedWorker.connect(services.env.NATS_URL, services.env.NATS_NAMESPACE, 'default');
  }, 120_000);
  afterAll(async () => {
    await worker?.close();
    await services?.stop();
  }, 60_000);

  describe('trigger', () => {
    it('answers like seed 003 and records the rendered prompt for the worker', async () => {
      const job = await x.createJob(agentId, { prompt_template: 'Back up {{db}} to {{ bucket }}', config: { timeout: 60 } });
      const res = await api.post(`/api/v1/jobs/${job.id}/trigger`, { parameters: { db: 'orders', bucket: 's3://b' }, config_override: { priority: 'high' } });
      expect(res.status).toBe(200);
      const body = res.body as Record<string, string>;
      expect(Object.keys(body).sort()).toEqual(['execution_id', 'job_id', 'message', 'status', 'workflow_id']);
      expect(body).toMatchObject({ job_id: job.id, status: 'started', message: 'Job execution started successfully', workflow_id: `agent-execution-${body.execution_id}` });
      const run = (await worker.next())!;
      expect(run.item).toMatchObject({ execution_id: body.execution_id, attempt: 1, queue: 'default', prompt: 'Back up orders to s3://b', timeout_seconds: 60,
        config: { timeout: 60, priority: 'high' }, entity: { type: 'agent', id: agentId, name: 'Echo bot' } });
      expect((await worker.started(run)).accepted).toBe(true);
      expect((await worker.succeed(run, 'ok')).accepted).toBe(true);
      run.msg.ack();
    });

    it('accepts an empty body', async () => {
      const job = await x.createJob(agentId, { prompt_template: 'No variables here' });
      const res = await api.call('POST', `/api/v1/jobs/${job.id}/trigger`);
      expect(res.status).toBe(200);
      const run = (await worker.next())!;
      await worker.started(run);
      await worker.succeed(run, 'ok');
      run.msg.ack();
    });

    it('lists every missing template variable (422)', async () => {
      const job = await x.createJob(agentId, { prompt_template: 'Copy {{source}} to {{ target }} as {{user}}' });
      const res = await api.post<Issues>(`/api/v1/jobs/${job.id}/trigger`, { parameters: { user: 'bob' } });
      expect(res.status).toBe(422);
      expect(res.body.detail.map((i) => i.loc)).toEqual([['body', 'parameters', 'source'], ['body', 'parameters', 'target']]);
      expect((await x.job(job.id)).total_executions).toBe(0);
    });

    it('refuses a disabled job (400) and a body of the wrong type (422)', async () => {
      const job = await x.createJob(agentId);
      await api.post(`/api/v1/jobs/${job.id}/disable`);
      const res = await api.post<{ detail: string }>(`/api/v1/jobs/${job.id}/trigger`, { parameters: { db: 'x' } });
      expect(res.status).toBe(400);
      expect(res.body.detail).toBe('Job is disabled');
      expect((await api.post(`/api/v1/jobs/${job.id}/trigger`, { parameters: 'nope' })).status).toBe(422);
    });

    it('does not find a deleted job, an unknown job, or another organization\'s job (404)', async () => {
      const job = await x.createJob(agentId);
      expect((await otherOrg.post(`/api/v1/jobs/${job.id}/trigger`, {})).status).toBe(404);
      await api.delete(`/api/v1/jobs/${job.id}`);
      expect((await api.post(`/api/v1/jobs/${job.id}/trigger`, { parameters: { db: 'x' } })).status).toBe(404);
      expect((await api.post('/api/v1/jobs/job_00000000-0000-4000-8000-000000000000/trigger', {})).status).toBe(404);
    });
  });

  it('starts one execution for a repeated deterministic id (cmd.jobs.trigger, as cron and webhooks use it)', async () => {
    const job = await x.createJob(agentId, { prompt_template: 'Nightly' });
    const nc = await connectNats(services.env.NATS_URL, 'trigger-client', { maxReconnectAttempts: 0 });
    const request: TriggerJobRequest = {
      context: { organizationId: 'org-a', actor: { id: 'system:scheduler', email: null }, correlationId: randomUUID() },
      job_id: job.id, parameters: {}, config_override: null, source: 'cron', execution_id: randomUUID(), scheduled_for: '2026-01-01T09:00:00.000Z',
    };
    const replies = await Promise.all(Array.from({ length: 5 }, () => sendCommand<TriggerJobResult>(nc, natsSubjects(services.env.NATS_NAMESPACE), JOBS_SERVICE, 'trigger', request)));
    await closeNats(nc);
    const results = replies.map((r) => (r.ok ? r.result : null));
    expect(results.every((r) => r?.execution_id === request.execution_id)).toBe(true);
    expect(results.filter((r) => r?.duplicate === false)).toHaveLength(1);
    const run = (await worker.next())!;
    expect(run.item.execution_id).toBe(request.execution_id);
    await worker.started(run);
    await worker.succeed(run, 'ok');
    run.msg.ack();
    expect(await x.waitForStatus(request.execution_id!, ['completed'])).toMatchObject({ trigger_type: 'cron', scheduled_for: '2026-01-01T09:00:00.000Z' });
    expect((await x.job(job.id)).total_executions).toBe(1);
  });

  it('picks an agent on the fly by capability and records why', async () => {
    const fly = executionsApi(apiClient(services.gatewayUrl, tokenFor('org-fly')));
    await fly.createAgent({ name: 'Web', capabilities: ['http', 'frontend'] });
    const dba = await fly.createAgent({ name: 'DBA', capabilities: ['postgres', 'backup'] });
    const job = (await apiClient(services.gatewayUrl, tokenFor('org-fly')).post<{ id: string }>('/api/v1/jobs', {
      name: 'Fly', trigger_type: 'manual', planning_mode: 'on_the_fly', prompt_template: 'Take a postgres backup of {{db}}',
    })).body;
    const { execution_id, workflow_id } = await fly.trigger(job.id);
    expect(workflow_id).toBe(`agent-execution-${execution_id}`);
    const run = (await worker.next())!;
    expect(run.item).toMatchObject({ execution_id, entity: { type: 'agent', id: dba.id, name: 'DBA' }, selection: { agent_id: dba.id, matched_capabilities: ['postgres', 'backup'] } });
    expect((await fly.waitForStatus(execution_id, ['queued'])).selection).toMatchObject({ agent_id: dba.id, reason: expect.stringMatching(/matched capabilities postgres, backup/) });
    await worker.started(run);
    await worker.succeed(run, 'ok');
    run.msg.ack();
  });

  describe('history and counters', () => {
    it('shows a completed run with logs, output and the job counters', async () => {
      const job = await x.createJob(agentId);
      const { execution_id } = await x.trigger(job.id);
      const run = (await worker.next())!;
      await worker.started(run);
      await worker.log(run, 0, ['line one', 'line two']);
      await worker.log(run, 1, ['line two', 'line three']);
      await worker.succeed(run, 'backed up');
      run.msg.ack();
      const done = await x.waitForStatus(execution_id, ['completed']);
      expect(done).toMatchObject({ id: execution_id, execution_id, job_id: job.id, trigger_type: 'manual', output: 'backed up', error_message: null, attempt: 1, worker_id: worker.workerId });
      expect(typeof done.duration_ms).toBe('number');
      expect(done.started_at).not.toBeNull();
      expect(done.completed_at).not.toBeNull();
      const logs = (await api.get<{ lines: { seq: number; line: string }[] }>(`/api/v1/executions/${execution_id}/logs`)).body;
      expect(logs.lines.map((l) => [l.seq, l.line])).toEqual([[0, 'line one'], [1, 'line two'], [2, 'line three']]);
      const history = (await api.get<Record<string, unknown>>(`/api/v1/jobs/${job.id}/executions?limit=50&offset=0`)).body;
      expect(history).toMatchObject({ job_id: job.id, total_count: 1, total: 1 });
      expect((history.executions as Execution[])[0]).toMatchObject({ execution_id, status: 'completed', trigger_type: 'manual', error_message: null });
      const counted = await x.job(job.id);
      expect(counted).toMatchObject({ total_executions: 1, successful_executions: 1, failed_executions: 0, last_execution_id: execution_id });
      expect(counted.last_triggered_at).not.toBeNull();
      expect((counted.execution_history as Record<string, unknown>[])[0]).toMatchObject({ execution_id, status: 'completed', trigger_type: 'manual' });
    });

    it('lists newest first with paging, organization-wide with filters, and hides other organizations', async () => {
      const job = await x.createJob(agentId, { prompt_template: 'Just run' });
      const first = await x.trigger(job.id, {});
      const second = await x.trigger(job.id, {});
      const page = (await api.get<{ total: number; executions: Execution[] }>(`/api/v1/jobs/${job.id}/executions?limit=1&offset=0`)).body;
      expect(page.total).toBe(2);
      expect(page.executions.map((e) => e.execution_id)).toEqual([second.execution_id]);
      const all = (await api.get<Execution[]>(`/api/v1/executions?job_id=${job.id}`)).body;
      expect(all.map((e) => e.id)).toEqual([second.execution_id, first.execution_id]);
      const byStatus = (await api.get<Execution[]>(`/api/v1/executions?job_id=${job.id}&status=completed`)).body;
      expect(byStatus).toEqual([]);
      expect((await otherOrg.get(`/api/v1/executions/${first.execution_id}`)).status).toBe(404);
      expect((await otherOrg.get(`/api/v1/jobs/${job.id}/executions`)).status).toBe(404);
      expect((await otherOrg.get<Execution[]>(`/api/v1/executions?job_id=${job.id}`)).body).toEqual([]);
      for (let i = 0; i < 2; i++) {
        const run = (await worker.next())!;
        await worker.started(run);
        await worker.succeed(run, 'ok');
        run.msg.ack();
      }
    });
  });
});
