import { randomUUID } from 'node:crypto';
import { jobStreamId, type AuditEventItem, type AuditEventsResponse, type ExecutionAuditResponse } from '@cp/contracts';
import { launchServices, waitFor, type LaunchedServices } from '@cp/testing';
import { apiClient, tokenFor, type ApiClient } from './support/api-client';
import { executionsApi, type Job } from './support/executions-api';
import { ScriptedWorker } from './support/executions-scripted-worker';
import { postWebhook, signHex } from './support/webhook-sender';

/** Issue 8 §3: every execution links to what caused it (user, cron slot, webhook delivery) and the job it ran. */
describe('Why did this run? (audit causes, end to end)', () => {
  let services: LaunchedServices;
  let alice: ApiClient;
  let bob: ApiClient;
  let otherOrg: ApiClient;
  let worker: ScriptedWorker;
  let running: ReturnType<ScriptedWorker['runAll']>;
  let agentId: string;

  beforeAll(async () => {
    services = await launchServices({ services: ['projector', 'jobs', 'gateway', 'executor', 'scheduler', 'webhooks'] });
    alice = apiClient(services.gatewayUrl, tokenFor('org-a', 'alice', 'alice@example.com'));
    bob = apiClient(services.gatewayUrl, tokenFor('org-a', 'bob', 'bob@example.com'));
    otherOrg = apiClient(services.gatewayUrl, tokenFor('org-b'));
    worker = await ScriptedWorker.connect(services.env.NATS_URL, services.env.NATS_NAMESPACE, 'default');
    running = worker.runAll({ workMs: 20, concurrency: 2 });
    agentId = (await executionsApi(alice).createAgent()).id;
  }, 180_000);
  afterAll(async () => {
    await running?.stop();
    await worker?.close();
    await services?.stop();
  }, 60_000);

  const allEvents = async (jobId: string): Promise<AuditEventItem[]> => (await alice.get<AuditEventsResponse>(`/api/v1/jobs/${jobId}/events?limit=1000`)).body.events;

  it('links a manual execution to who triggered it and to the job definition it ran', async () => {
    const x = executionsApi(alice);
    const job = await x.createJob(agentId);
    await bob.patch(`/api/v1/jobs/${job.id}`, { prompt_template: 'Back up {{db}} now' });
    const res = await bob.post<{ execution_id: string }>(`/api/v1/jobs/${job.id}/trigger`, { parameters: { db: 'orders' } }, { headers: { 'X-Correlation-Id': 'corr-run' } });
    expect(res.status).toBe(200);
    const executionId = res.body.execution_id;
    await x.waitForStatus(executionId, ['completed']);
    const audit = (await alice.get<ExecutionAuditResponse>(`/api/v1/executions/${executionId}/events`)).body;
    const jobHistory = await allEvents(job.id);
    expect(audit).toMatchObject({ execution_id: executionId, job_id: job.id, stream_id: `execution-${executionId}` });
    expect(audit.events[0]).toMatchObject({ type: 'ExecutionRequested', revision: 0, actor: { id: 'bob' }, correlation_id: 'corr-run' });
    expect(audit.events.map((e) => e.type)).toEqual(expect.arrayContaining(['ExecutionDispatched', 'ExecutionStarted', 'ExecutionSucceeded']));
    expect(audit.cause).toMatchObject({
      source: 'manual', actor: { id: 'bob', email: 'bob@example.com' }, scheduled_for: null, delivery_id: null, correlation_id: 'corr-run',
      job_definition: { stream_id: jobStreamId(job.id), revision: 1, event_id: jobHistory[1].event_id, type: 'JobUpdated' },
      requested: { revision: 0, type: 'ExecutionRequested', event_id: audit.events[0].event_id },
    });
    expect(audit.cause.causation_id).toBe(jobHistory[1].event_id);
    expect(audit.cause.caused_by).toEqual(audit.cause.job_definition);
    expect((await otherOrg.get(`/api/v1/executions/${executionId}/events`)).status).toBe(404);
    expect((await alice.get(`/api/v1/executions/${randomUUID()}/events`)).status).toBe(404);
  });

  const executionOf = async (jobId: string): Promise<ExecutionAuditResponse> => {
    const x = executionsApi(alice);
    const executionId = await waitFor(async () => {
      const res = await alice.get<{ executions: { execution_id: string }[] }>(`/api/v1/jobs/${jobId}/executions`);
      return res.body.executions?.[0]?.execution_id ?? null;
    }, { timeoutMs: 30_000, description: `an execution of ${jobId}` });
    await x.waitForStatus(executionId, ['completed']);
    return (await alice.get<ExecutionAuditResponse>(`/api/v1/executions/${executionId}/events`)).body;
  };

  it('links a cron execution to its slot and the scheduler', async () => {
    const job = await executionsApi(alice).createJob(agentId, { trigger_type: 'cron', cron_schedule: '* * * * * *', prompt_template: 'tick' });
    const audit = await executionOf(job.id);
    await alice.post(`/api/v1/jobs/${job.id}/disable`);
    const definition = (await allEvents(job.id))[0];
    expect(audit.cause).toMatchObject({ source: 'cron', actor: { id: 'system:scheduler' }, delivery_id: null, causation_id: definition.event_id, job_definition: { event_id: definition.event_id } });
    expect(Date.parse(audit.cause.scheduled_for as string)).toBeGreaterThan(Date.parse(definition.recorded_at) - 1000);
  });

  it('links a webhook execution to its delivery id', async () => {
    const created = await alice.post<Job>('/api/v1/jobs', { name: 'Hook', trigger_type: 'webhook', planning_mode: 'predefined_agent', entity_id: agentId, prompt_template: 'Deploy' });
    const body = JSON.stringify({ parameters: {}, metadata: { source: 'ci' } });
    const answer = await postWebhook(String(created.body.webhook_url), body, { 'Content-Type': 'application/json', 'X-Webhook-Signature': signHex(String(created.body.webhook_secret), body), 'X-Webhook-Delivery': 'delivery-77' });
    expect(answer.status).toBe(200);
    const audit = await executionOf(created.body.id);
    expect(audit.cause).toMatchObject({ source: 'webhook', actor: { id: 'webhook' }, delivery_id: 'delivery-77', scheduled_for: null, job_definition: { revision: 0 } });
    expect(JSON.stringify(audit)).not.toContain(String(created.body.webhook_url).split('/').pop());
  });
});
