import { randomUUID } from 'node:crypto';
import { ControlPlaneClient, JobError, signWebhookPayload, toPythonJson, type ExecutionStreamEvent, type JobResponse } from '@cp/sdk';
import { devToken, launchServices, waitFor, type LaunchedServices } from '@cp/testing';

// Each test runs real processes (the CLI starts in about half a second, more on a busy machine).
jest.setTimeout(120_000);

/** Seed 001 (the Python SDK's Jobs Service page), example by example, through the TypeScript SDK against real services. */
describe('TypeScript SDK against the running services (seed 001 examples)', () => {
  let services: LaunchedServices;
  let client: ControlPlaneClient;
  let agentId: string;
  let teamId: string;
  let workflowId: string;

  async function register(path: string, body: unknown, apiKey: string): Promise<string> {
    const response = await fetch(`${services.gatewayUrl}${path}`, { method: 'POST', headers: { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    if (response.status !== 201) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { id: string }).id;
  }

  const finished = (executionId: string) =>
    waitFor(async () => {
      const execution = await client.executions.get(executionId);
      return ['completed', 'failed', 'timed_out', 'cancelled'].includes(execution.status) ? execution : null;
    }, { timeoutMs: 60_000, description: `execution ${executionId} to finish` });

  beforeAll(async () => {
    services = await launchServices({ services: ['projector', 'jobs', 'executor', 'worker', 'webhooks', 'gateway'] });
    const apiKey = devToken({ organizationId: `org_sdk_${randomUUID().slice(0, 8)}`, userId: 'sdk-user', email: 'sdk@example.com' });
    // Seed 001: `ControlPlaneClient()` with no arguments reads its settings from the environment.
    process.env.CONTROL_PLANE_URL = services.gatewayUrl;
    process.env.CONTROL_PLANE_API_KEY = apiKey;
    client = new ControlPlaneClient();
    agentId = await register('/api/v1/agents', { name: 'backup-agent', runtime: { type: 'command', command: '/bin/sh', args: ['-c', 'echo "working on:"; cat; echo finished'] } }, apiKey);
    teamId = await register('/api/v1/teams', { name: 'deployment-team', member_agent_ids: [agentId] }, apiKey);
    workflowId = await register('/api/v1/workflows', { name: 'rollback', steps: [{ agent_id: agentId, prompt_template: '{{input}}' }] }, apiKey);
  }, 180_000);

  afterAll(async () => {
    delete process.env.CONTROL_PLANE_URL;
    delete process.env.CONTROL_PLANE_API_KEY;
    await services?.stop();
  }, 60_000);

  it('Quick Start: list, then create a cron job (no webhook URL)', async () => {
    expect(Array.isArray(await client.jobs.list())).toBe(true);
    const job = await client.jobs.create({
      name: 'Daily Health Check', trigger_type: 'cron', cron_schedule: '0 9 * * *', planning_mode: 'predefined_agent', entity_type: 'agent', entity_id: agentId,
      prompt_template: 'Check the health of all production services',
    });
    expect(job.webhook_url ?? 'N/A').toBe('N/A');
    expect(job.next_execution_at).toEqual(expect.any(String));
  });

  describe('create, get, list', () => {
    let cron: JobResponse;
    let webhook: JobResponse;
    beforeAll(async () => {
      cron = await client.jobs.create({
        name: 'Nightly Backup', description: 'Backup production database', trigger_type: 'cron', cron_schedule: '0 2 * * *', cron_timezone: 'America/New_York',
        planning_mode: 'predefined_agent', entity_type: 'agent', entity_id: agentId, prompt_template: 'Perform full database backup',
        executor_type: 'specific_queue', worker_queue_name: 'production', enabled: true,
      });
      webhook = await client.jobs.create({
        name: 'Deploy on Push', description: 'Deploy application when code is pushed', trigger_type: 'webhook', planning_mode: 'predefined_team', entity_type: 'team',
        entity_id: teamId, prompt_template: 'Deploy branch {{branch_name}} to {{environment}}', executor_type: 'environment', environment_name: 'production', enabled: true,
      });
    });

    it('a cron job has its schedule and next run; a webhook job its URL and one-time secret', () => {
      expect(cron).toMatchObject({ id: expect.stringMatching(/^job_/), trigger_type: 'cron', cron_schedule: '0 2 * * *', cron_timezone: 'America/New_York', worker_queue_name: 'production' });
      expect(webhook.webhook_url).toMatch(/\/api\/v1\/jobs\/webhook\/\S+$/);
      expect(webhook.webhook_secret).toEqual(expect.any(String));
    });

    it('a manual job runs a predefined workflow', async () => {
      const manual = await client.jobs.create({
        name: 'Emergency Rollback', description: 'Rollback to previous version', trigger_type: 'manual', planning_mode: 'predefined_workflow', entity_type: 'workflow',
        entity_id: workflowId, prompt_template: 'Rollback service {{service_name}} to version {{version}}', executor_type: 'auto', enabled: true,
      });
      expect(manual).toMatchObject({ trigger_type: 'manual', planning_mode: 'predefined_workflow', entity_name: 'rollback' });
    });

    it('get returns the job', async () => {
      const job = await client.jobs.get(cron.id);
      expect(job).toMatchObject({ name: 'Nightly Backup', trigger_type: 'cron', enabled: true, cron_schedule: '0 2 * * *' });
      expect((await client.jobs.get(webhook.id)).webhook_url).toBe(webhook.webhook_url);
    });

    it('list filters by enabled and trigger type', async () => {
      expect((await client.jobs.list({ triggerType: 'webhook' })).map((j) => j.id)).toEqual([webhook.id]);
      expect((await client.jobs.list({ triggerType: 'cron', enabled: true })).map((j) => j.id)).toContain(cron.id);
      expect(await client.jobs.list({ enabled: false })).toEqual([]);
    });

    it('update changes only the named fields; enabled=false disables', async () => {
      expect(await client.jobs.update(cron.id, { cron_schedule: '0 10 * * *', cron_timezone: 'UTC' })).toMatchObject({ cron_schedule: '0 10 * * *', cron_timezone: 'UTC', name: 'Nightly Backup' });
      expect(await client.jobs.update(cron.id, { prompt_template: 'Updated prompt with {{new_variable}}' })).toMatchObject({ prompt_template: 'Updated prompt with {{new_variable}}' });
      expect((await client.jobs.update(cron.id, { enabled: false })).enabled).toBe(false);
    });

    it('enable and disable return the job', async () => {
      expect((await client.jobs.enable(cron.id)).enabled).toBe(true);
      expect((await client.jobs.disable(cron.id)).enabled).toBe(false);
    });

    it('delete answers nothing, and the job is gone', async () => {
      const doomed = await client.jobs.create({ name: 'doomed', trigger_type: 'manual', entity_type: 'agent', entity_id: agentId, prompt_template: 'x' });
      await expect(client.jobs.delete(doomed.id)).resolves.toBeUndefined();
      await expect(client.jobs.get(doomed.id)).rejects.toMatchObject({ status: 404 });
    });
  });

  describe('execution', () => {
    let jobId: string;
    beforeAll(async () => {
      jobId = (await client.jobs.create({ name: 'Weekly Security Scan', trigger_type: 'manual', planning_mode: 'predefined_agent', entity_type: 'agent', entity_id: agentId, prompt_template: 'Scan {{branch_name}} in {{environment}}' })).id;
    });

    it('trigger with parameters and with a config override (seed 003 response)', async () => {
      const result = await client.jobs.trigger(jobId, { parameters: { branch_name: 'main', environment: 'production' } });
      expect(result).toMatchObject({ job_id: jobId, status: 'started', workflow_id: `agent-execution-${result.execution_id}` });
      const overridden = await client.jobs.trigger(jobId, { parameters: { branch_name: 'x', environment: 'y' }, configOverride: { timeout: 7200 } });
      await Promise.all([finished(result.execution_id), finished(overridden.execution_id)]);
    });

    it('get_executions gives total_count and the runs, newest first', async () => {
      const history = await client.jobs.getExecutions(jobId, { limit: 50, offset: 0 });
      expect(history.total_count).toBeGreaterThanOrEqual(2);
      expect(history.total).toBe(history.total_count);
      expect(history.executions[0]).toEqual(expect.objectContaining({ execution_id: expect.any(String), status: expect.any(String), duration_ms: expect.anything() }));
      expect((await client.jobs.getExecutions(jobId, { limit: 1 })).executions).toHaveLength(1);
    });

    it('a missing template variable is a JobError carrying the validation items', async () => {
      const error = (await client.jobs.trigger(jobId, { parameters: {} }).catch((e: unknown) => e)) as JobError;
      expect(error).toBeInstanceOf(JobError);
      expect(error.status).toBe(422);
      expect(error.issues.map((i) => i.loc.join('.'))).toEqual(expect.arrayContaining(['body.parameters.branch_name', 'body.parameters.environment']));
    });

    it('executions.stream follows a run live until complete', async () => {
      const { execution_id } = await client.jobs.trigger(jobId, { parameters: { branch_name: 'stream', environment: 'dev' } });
      const events: ExecutionStreamEvent[] = [];
      for await (const event of client.executions.stream(execution_id)) events.push(event);
      expect(events[events.length - 1].event).toBe('complete');
      expect(JSON.stringify(events)).toContain('Scan stream in dev');
    });
  });

  describe('webhook triggers', () => {
    let job: JobResponse;
    const payload = { parameters: { branch_name: 'feature-x', environment: 'staging' }, metadata: { source: 'github', commit: 'abc123', author: 'Zoë' } };
    beforeAll(async () => {
      job = await client.jobs.create({ name: 'Deploy on Push', trigger_type: 'webhook', planning_mode: 'predefined_agent', entity_type: 'agent', entity_id: agentId, prompt_template: 'Deploy branch {{branch_name}} to {{environment}}' });
    });
    const token = () => (job.webhook_url as string).split('/').pop() as string;

    it('accepts the signature the seed computes in Python over json.dumps(payload)', async () => {
      const signature = signWebhookPayload(job.webhook_secret as string, toPythonJson(payload));
      const result = await client.jobs.triggerWebhook(token(), payload, { signature });
      expect(result).toMatchObject({ job_id: job.id, status: 'started', message: 'Job execution started successfully via webhook' });
      await finished(result.execution_id);
    });

    it('signs by itself with {secret}, given the full webhook_url', async () => {
      const result = await client.jobs.triggerWebhook(job.webhook_url as string, payload, { secret: job.webhook_secret as string });
      expect(result.workflow_id).toBe(`agent-execution-${result.execution_id}`);
      await finished(result.execution_id);
    });

    it('a wrong signature is a 401 JobError', async () => {
      await expect(client.jobs.triggerWebhook(token(), payload, { secret: 'not-the-secret' })).rejects.toMatchObject({ status: 401 });
    });
  });

  it('Error Handling: an invalid id raises JobError', async () => {
    const error = await client.jobs.get('invalid-id').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobError);
    expect(error).toMatchObject({ status: 404, isNotFound: true });
  });

  it('audit.events returns the job stream in revision order', async () => {
    const job = await client.jobs.create({ name: 'audited', trigger_type: 'manual', entity_type: 'agent', entity_id: agentId, prompt_template: 'x' });
    await client.jobs.disable(job.id);
    const page = await client.audit.events(job.id, { fromRevision: 0, limit: 10 });
    expect(page.events.map((e) => e.type)).toEqual(['JobCreated', 'JobDisabled']);
    expect(page.events[0].actor).toEqual({ id: 'sdk-user', email: 'sdk@example.com' });
    expect((await client.audit.events(job.id, { fromRevision: 1 })).events.map((e) => e.revision)).toEqual([1]);
    expect(await client.audit.verify(job.id)).toMatchObject({ job_id: job.id, intact: true });
    const beforeDisable = page.events[1].recorded_at;
    expect((await client.jobs.get(job.id, { asOf: new Date(Date.parse(beforeDisable) - 1) })).enabled).toBe(true);
    await expect(client.jobs.get(job.id, { asOf: '2000-01-01T00:00:00Z' })).rejects.toMatchObject({ status: 404 });
  });

  it('audit.executionEvents tells why a run happened', async () => {
    const job = await client.jobs.create({ name: 'why', trigger_type: 'manual', entity_type: 'agent', entity_id: agentId, prompt_template: 'x' });
    const { execution_id } = await client.jobs.trigger(job.id);
    const audit = await client.audit.executionEvents(execution_id);
    expect(audit).toMatchObject({ execution_id, job_id: job.id, cause: { source: 'manual', actor: { id: 'sdk-user' } } });
    expect(audit.events[0].type).toBe('ExecutionRequested');
    await finished(execution_id);
  });
});
