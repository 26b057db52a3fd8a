import { launchServices, waitFor, type LaunchedServices } from '@cp/testing';
import { apiClient, tokenFor, type ApiClient } from './support/api-client';
import { EventStoreProbe, postWebhook, pythonJsonDumps, sdkHeaders, signHex, signStandard } from './support/webhook-sender';

type Job = { id: string; webhook_url: string | null; webhook_secret: string | null };

const PAYLOAD = { parameters: { branch_name: 'feature-x', environment: 'staging', owner: 'José Müller' }, metadata: { source: 'github', commit: 'abc123' } };
const SDK_BODY = pythonJsonDumps(PAYLOAD);
const COMPACT_BODY = JSON.stringify(PAYLOAD);
const MIB = 1024 * 1024;
const nowSeconds = () => Math.floor(Date.now() / 1000);

describe('Webhook deliveries (issue 6), end to end through the gateway', () => {
  let services: LaunchedServices;
  let api: ApiClient;
  let probe: EventStoreProbe;

  const createJob = async (overrides: Record<string, unknown> = {}): Promise<Job & { webhook_url: string; webhook_secret: string }> => {
    const res = await api.post<Job>('/api/v1/jobs', { name: 'Deploy on push', trigger_type: 'webhook', planning_mode: 'on_the_fly', prompt_template: 'Deploy {{branch_name}} to {{environment}}', ...overrides });
    expect(res.status).toBe(201);
    return res.body as Job & { webhook_url: string; webhook_secret: string };
  };
  const signed = (job: { webhook_url: string; webhook_secret: string }, body: string | Buffer, extra: Record<string, string> = {}) =>
    postWebhook(job.webhook_url, body, { 'Content-Type': 'application/json', 'X-Webhook-Signature': signHex(job.webhook_secret, body), ...extra });

  beforeAll(async () => {
    services = await launchServices({ services: ['projector', 'jobs', 'webhooks', 'gateway'] });
    api = apiClient(services.gatewayUrl, tokenFor('org-hooks', 'hook-admin', 'admin@example.com'));
    probe = new EventStoreProbe(services.env);
  }, 180_000);
  afterAll(async () => {
    await probe?.close();
    await services?.stop();
  }, 60_000);

  describe('compatibility with the Python SDK and the reference service', () => {
    it('accepts the exact bytes the SDK sends (json.dumps defaults, non-ASCII escaped), with no Authorization needed', async () => {
      const job = await createJob();
      expect(SDK_BODY).toContain('"owner": "Jos\\u00e9 M\\u00fcller"');
      const answer = await postWebhook(job.webhook_url, SDK_BODY, sdkHeaders(signHex(job.webhook_secret, SDK_BODY)));
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({
        job_id: job.id, execution_id: expect.stringMatching(/^[0-9a-f-]{36}$/), workflow_id: `agent-execution-${answer.body.execution_id}`,
        status: 'started', message: 'Job execution started successfully via webhook',
      });
      const [execution] = await probe.executions(job.id);
      expect(execution).toMatchObject({ execution_id: answer.body.execution_id, source: 'webhook', parameters: PAYLOAD.parameters });
      expect(execution.prompt.startsWith('Deploy feature-x to staging')).toBe(true);
      expect(execution.trigger_metadata).toMatchObject({
        webhook_path: job.webhook_url.split('/').pop(), delivery_id: null, parameters: PAYLOAD.parameters, metadata: PAYLOAD.metadata,
        webhook_payload: { parameters: PAYLOAD.parameters, config_override: {}, metadata: PAYLOAD.metadata },
      });
      const listed = await waitFor(async () => {
        const res = await api.get<{ total_count: number; executions: Record<string, unknown>[] }>(`/api/v1/jobs/${job.id}/executions`);
        return res.body.total_count === 1 ? res.body.executions[0] : null;
      }, { description: 'the webhook execution in the executions API', timeoutMs: 20_000 });
      expect(listed).toMatchObject({ execution_id: answer.body.execution_id, trigger_type: 'webhook', trigger_metadata: expect.objectContaining({ parameters: PAYLOAD.parameters, metadata: PAYLOAD.metadata }) });
    });
    it('accepts compact JSON signed over its own bytes', async () => {
      const job = await createJob();
      expect((await signed(job, COMPACT_BODY)).status).toBe(200);
    });
    it('is public and never shadowed by /api/v1/jobs/:jobId routes', async () => {
      for (const token of ['enable', 'disable', 'trigger', 'executions']) {
        const answer = await postWebhook(`${services.gatewayUrl}/api/v1/jobs/webhook/${token}`, '{}', { 'Content-Type': 'application/json' });
        expect([token, answer.status, answer.body]).toEqual([token, 404, { detail: 'Webhook not found' }]);
      }
    });
    it('is served directly on the webhooks port too', async () => {
      const job = await createJob();
      const token = job.webhook_url.split('/').pop();
      const answer = await postWebhook(`${services.webhooksUrl}/api/v1/jobs/webhook/${token}`, COMPACT_BODY, { 'Content-Type': 'application/json', 'X-Webhook-Signature': signHex(job.webhook_secret, COMPACT_BODY) });
      expect(answer.status).toBe(200);
    });
  });

  describe('rejections, in the reference order, storing nothing', () => {
    let job: Job & { webhook_url: string; webhook_secret: string };
    beforeAll(async () => {
      job = await createJob();
    });
    afterAll(async () => expect(await probe.executions(job.id)).toHaveLength(0));

    it('404 "Webhook not found" for an unknown token, before the signature', async () => {
      const answer = await postWebhook(`${services.gatewayUrl}/api/v1/jobs/webhook/AAAAAAAAAAAAAAAAAAAAAA`, 'x', { 'Content-Type': 'text/plain' });
      expect([answer.status, answer.body]).toEqual([404, { detail: 'Webhook not found' }]);
    });
    it('401 "Missing X-Webhook-Signature header"', async () => {
      const answer = await postWebhook(job.webhook_url, SDK_BODY, { 'Content-Type': 'application/json' });
      expect([answer.status, answer.body]).toEqual([401, { detail: 'Missing X-Webhook-Signature header' }]);
    });
    it('401 "Invalid webhook signature", also for the right signature of other bytes', async () => {
      for (const signature of [signHex('guess', SDK_BODY), signHex(job.webhook_secret, COMPACT_BODY)]) {
        const answer = await postWebhook(job.webhook_url, SDK_BODY, { 'Content-Type': 'application/json', 'X-Webhook-Signature': signature });
        expect([answer.status, answer.body]).toEqual([401, { detail: 'Invalid webhook signature' }]);
      }
    });
    it('401 for a Standard Webhooks timestamp more than 5 minutes old or ahead', async () => {
      // 60 s beyond the window on each side, so a slow machine cannot bring the future one back inside.
      for (const ts of [nowSeconds() - 360, nowSeconds() + 360]) {
        const headers = { 'Content-Type': 'application/json', 'webhook-id': `msg_${ts}`, 'webhook-timestamp': String(ts), 'webhook-signature': signStandard(job.webhook_secret, `msg_${ts}`, ts, SDK_BODY) };
        const answer = await postWebhook(job.webhook_url, SDK_BODY, headers);
        expect([answer.status, String(answer.body.detail)]).toEqual([401, expect.stringContaining('outside the allowed window')]);
      }
    });
    it('413 over 1 MiB', async () => {
      const body = Buffer.alloc(MIB + 1, 0x20);
      expect((await signed(job, body)).status).toBe(413);
    });
    it('415 for a signed body of another content type, 422 with detail for non-JSON or wrong types', async () => {
      expect((await signed(job, '{}', { 'Content-Type': 'text/plain' })).status).toBe(415);
      const notJson = await signed(job, 'parameters=1');
      expect([notJson.status, notJson.body.detail]).toEqual([422, [expect.objectContaining({ type: 'json_invalid', loc: ['body'] })]]);
      const wrongType = await signed(job, '{"parameters": ["a"]}');
      expect([wrongType.status, wrongType.body.detail]).toEqual([422, [{ loc: ['body', 'parameters'], msg: 'Input should be a valid dictionary', type: 'dict_type' }]]);
    });
    it('400 "Job is disabled" for a well-signed delivery to a disabled job', async () => {
      expect((await api.post(`/api/v1/jobs/${job.id}/disable`)).status).toBe(200);
      const answer = await signed(job, SDK_BODY);
      expect([answer.status, answer.body]).toEqual([400, { detail: 'Job is disabled' }]);
      expect((await api.post(`/api/v1/jobs/${job.id}/enable`)).status).toBe(200);
    });
  });

  describe('size limits', () => {
    it('accepts a body of exactly 1 MiB (more than one NATS message: relayed to the webhooks service in parts)', async () => {
      const job = await createJob();
      const skeleton = '{"parameters": {"branch_name": "main", "environment": "prod"}, "event": {"padding": ""}}';
      const padding = 'p'.repeat(MIB - Buffer.byteLength(skeleton));
      const body = skeleton.replace('"padding": ""', `"padding": "${padding}"`);
      expect(Buffer.byteLength(body)).toBe(MIB);
      const answer = await signed(job, body);
      expect(answer.status).toBe(200);
      expect(await probe.executions(job.id)).toHaveLength(1);
    });
    it('413 when parameters + metadata are too large to carry in an execution', async () => {
      const job = await createJob();
      const answer = await signed(job, JSON.stringify({ parameters: { branch_name: 'x'.repeat(200 * 1024), environment: 'prod' } }));
      expect([answer.status, String(answer.body.detail)]).toEqual([413, expect.stringContaining('too large to start an execution')]);
      expect(await probe.executions(job.id)).toHaveLength(0);
    });
  });

  describe('per-job rate limit', () => {
    it('429 with Retry-After once config.webhook_rate_limit_per_minute is used up; other jobs unaffected', async () => {
      const limited = await createJob({ config: { webhook_rate_limit_per_minute: 2 } });
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push(await signed(limited, SDK_BODY));
      expect(statuses.map((a) => a.status)).toEqual([200, 200, 429]);
      expect(Number(statuses[2].headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(String(statuses[2].body.detail)).toContain('2 deliveries per minute');
      expect(await probe.executions(limited.id)).toHaveLength(2);
      expect((await signed(await createJob(), SDK_BODY)).status).toBe(200);
    });
    it('holds exactly across two webhooks replicas sharing the load', async () => {
      const replica = await services.startService('webhooks', { instance: 2 });
      const job = await createJob({ config: { webhook_rate_limit_per_minute: 5 } });
      const answers = await Promise.all(Array.from({ length: 16 }, () => signed(job, SDK_BODY)));
      expect(answers.filter((a) => a.status === 200)).toHaveLength(5);
      expect(answers.filter((a) => a.status === 429)).toHaveLength(11);
      expect(await probe.executions(job.id)).toHaveLength(5);
      const replicaMetrics = await (await fetch(`http://127.0.0.1:${replica.env.WEBHOOKS_PORT}/metrics`)).text();
      expect(replicaMetrics).toMatch(/webhook_deliveries_total\{[^}]*reason="(accepted|rate_limited)"/);
      await services.killService('webhooks', 'SIGTERM', 2);
    });
  });

  describe('de-duplication by delivery id', () => {
    it('a repeated webhook-id returns the first execution and starts nothing new', async () => {
      const job = await createJob();
      const ts = nowSeconds();
      const headers = { 'Content-Type': 'application/json', 'webhook-id': 'msg_repeat', 'webhook-timestamp': String(ts), 'webhook-signature': signStandard(job.webhook_secret, 'msg_repeat', ts, SDK_BODY) };
      const first = await postWebhook(job.webhook_url, SDK_BODY, headers);
      const again = await postWebhook(job.webhook_url, SDK_BODY, headers);
      expect([first.status, again.status]).toEqual([200, 200]);
      expect(again.body).toEqual(first.body);
      expect(again.headers.get('webhook-duplicate')).toBe('true');
      const executions = await probe.executions(job.id);
      expect(executions).toHaveLength(1);
      expect(executions[0].trigger_metadata.delivery_id).toBe('msg_repeat');
    });
    it('20 concurrent copies of one X-Webhook-Delivery start exactly one execution', async () => {
      const job = await createJob();
      const answers = await Promise.all(Array.from({ length: 20 }, () => signed(job, SDK_BODY, { 'X-Webhook-Delivery': 'delivery-42' })));
      expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
      expect(new Set(answers.map((a) => a.body.execution_id)).size).toBe(1);
      expect(await probe.executions(job.id)).toHaveLength(1);
    });
  });

  describe('/metrics on the webhooks service', () => {
    it('counts deliveries by outcome and reason', async () => {
      const text = await waitFor(async () => {
        const body = await (await fetch(`${services.webhooksUrl}/metrics`)).text();
        return body.includes('reason="rate_limited"') ? body : null;
      }, { description: 'webhook metrics' });
      for (const reason of ['accepted', 'duplicate', 'not_found', 'missing_signature', 'invalid_signature', 'stale_timestamp', 'unsupported_media_type', 'invalid_payload', 'job_disabled', 'rate_limited']) {
        expect(text).toMatch(new RegExp(`webhook_deliveries_total\\{outcome="[a-z]+",reason="${reason}"`));
      }
      expect(text).toContain('process_resident_memory_bytes');
    });
  });
});
