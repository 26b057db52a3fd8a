import { launchServices, type LaunchedServices } from '@cp/testing';
import { apiClient, tokenFor, type ApiClient } from './support/api-client';
import { EventStoreProbe, postWebhook, signHex } from './support/webhook-sender';

type Job = { id: string; webhook_url: string | null; webhook_secret: string | null; trigger_type: string };
type Rotation = { job_id: string; webhook_url: string; webhook_secret: string; previous_secret_valid_until: string };

const BODY = '{"parameters": {"service": "api"}, "metadata": {"source": "ci"}}';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Webhook secret rotation and secrecy (issue 6), end to end', () => {
  let services: LaunchedServices;
  let api: ApiClient;
  let probe: EventStoreProbe;
  const secretsSeen: string[] = [];

  const deliver = (url: string, secret: string) => postWebhook(url, BODY, { 'Content-Type': 'application/json', 'X-Webhook-Signature': signHex(secret, BODY) });
  const createWebhookJob = async () => {
    const res = await api.post<Job>('/api/v1/jobs', { name: 'Restart', trigger_type: 'webhook', planning_mode: 'on_the_fly', prompt_template: 'Restart {{service}}' });
    expect(res.status).toBe(201);
    secretsSeen.push(res.body.webhook_secret as string);
    return res.body as Job & { webhook_url: string; webhook_secret: string };
  };
  const rotate = async (jobId: string, body?: unknown) => {
    const res = await api.post<Rotation>(`/api/v1/jobs/${jobId}/webhook/rotate-secret`, body);
    if (res.status === 200) secretsSeen.push(res.body.webhook_secret);
    return res;
  };

  beforeAll(async () => {
    // Debug logs: every line the services can write is searched for secrets at the end.
    services = await launchServices({ services: ['projector', 'jobs', 'webhooks', 'gateway'], env: { LOG_LEVEL: 'debug' } });
    api = apiClient(services.gatewayUrl, tokenFor('org-rot', 'rot-admin', 'rot@example.com'));
    probe = new EventStoreProbe(services.env);
  }, 180_000);
  afterAll(async () => {
    await probe?.close();
    await services?.stop();
  }, 60_000);

  it('returns a new secret once; the old one works during the grace period, then stops', async () => {
    const job = await createWebhookJob();
    const before = Date.now();
    const rotation = await rotate(job.id, { grace_period_seconds: 3 });
    expect(rotation.status).toBe(200);
    expect(rotation.body).toEqual({ job_id: job.id, webhook_url: job.webhook_url, webhook_secret: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), previous_secret_valid_until: expect.any(String) });
    const validUntil = Date.parse(rotation.body.previous_secret_valid_until);
    expect(validUntil - before).toBeGreaterThanOrEqual(2_000);
    expect(validUntil - before).toBeLessThan(10_000);
    expect(rotation.body.webhook_secret).not.toBe(job.webhook_secret);

    expect((await deliver(job.webhook_url, job.webhook_secret)).status).toBe(200);
    expect((await deliver(job.webhook_url, rotation.body.webhook_secret)).status).toBe(200);
    await sleep(Math.max(0, validUntil - Date.now()) + 500);
    const old = await deliver(job.webhook_url, job.webhook_secret);
    expect([old.status, old.body]).toEqual([401, { detail: 'Invalid webhook signature' }]);
    expect((await deliver(job.webhook_url, rotation.body.webhook_secret)).status).toBe(200);
    expect(await probe.executions(job.id)).toHaveLength(3);
  });

  it('keeps the old secret 24 h by default, and records every rotation as an event', async () => {
    const job = await createWebhookJob();
    const first = await rotate(job.id);
    const second = await rotate(job.id, {});
    expect([first.status, second.status]).toEqual([200, 200]);
    const hours = (Date.parse(second.body.previous_secret_valid_until) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThanOrEqual(24);
    // Only one previous secret is kept: the second rotation ends the first secret's grace at once.
    expect((await deliver(job.webhook_url, job.webhook_secret)).status).toBe(401);
    expect((await deliver(job.webhook_url, first.body.webhook_secret)).status).toBe(200);
    const rotations = (JSON.parse(await probe.allEventsText()) as { type: string; streamId: string }[]).filter((e) => e.type === 'WebhookSecretRotated' && e.streamId === `job-${job.id}`);
    expect(rotations).toHaveLength(2);
    const audit = await api.get<{ events: { type: string; data: Record<string, unknown> }[] }>(`/api/v1/jobs/${job.id}/events`);
    const audited = audit.body.events.filter((e) => e.type === 'WebhookSecretRotated');
    expect(audited).toHaveLength(2);
    expect(audited[1].data.previous_valid_until).toBe(second.body.previous_secret_valid_until);
  });

  it('refuses rotation without a token, for another organization, for a job without a webhook, and bad grace periods', async () => {
    const job = await createWebhookJob();
    expect((await apiClient(services.gatewayUrl, null).post(`/api/v1/jobs/${job.id}/webhook/rotate-secret`)).status).toBe(401);
    expect((await apiClient(services.gatewayUrl, tokenFor('org-other')).post(`/api/v1/jobs/${job.id}/webhook/rotate-secret`)).status).toBe(404);
    const manual = await api.post<Job>('/api/v1/jobs', { name: 'Manual', trigger_type: 'manual', planning_mode: 'on_the_fly', prompt_template: 'x' });
    const noWebhook = await rotate(manual.body.id);
    expect([noWebhook.status, String((noWebhook.body as unknown as { detail: string }).detail)]).toEqual([400, expect.stringContaining('has no webhook')]);
    for (const grace of [-1, 'soon', 1.5, 31 * 86_400]) expect((await rotate(job.id, { grace_period_seconds: grace })).status).toBe(422);
  });

  it('gives only webhook jobs a webhook: PATCH creates and retires it', async () => {
    const manual = await api.post<Job>('/api/v1/jobs', { name: 'Later a webhook', trigger_type: 'manual', planning_mode: 'on_the_fly', prompt_template: 'Restart {{service}}' });
    expect(manual.body.webhook_url).toBeNull();
    const toWebhook = await api.patch<Job>(`/api/v1/jobs/${manual.body.id}`, { trigger_type: 'webhook' });
    expect(toWebhook.status).toBe(200);
    const { webhook_url: url, webhook_secret: secret } = toWebhook.body as { webhook_url: string; webhook_secret: string };
    secretsSeen.push(secret);
    expect((await deliver(url, secret)).status).toBe(200);
    expect((await api.patch<Job>(`/api/v1/jobs/${manual.body.id}`, { trigger_type: 'manual' })).body.webhook_url).toBeNull();
    expect((await deliver(url, secret)).status).toBe(404);
  });

  it('never shows a secret again after creation or rotation: not in reads, errors, events at rest, or service logs', async () => {
    expect(secretsSeen.length).toBeGreaterThanOrEqual(6);
    const reads = [await api.get('/api/v1/jobs'), await api.get('/api/v1/jobs?trigger_type=webhook')];
    for (const job of reads[0].body as Job[]) {
      reads.push(await api.get(`/api/v1/jobs/${job.id}`), await api.get(`/api/v1/jobs/${job.id}/events`), await api.get(`/api/v1/jobs/${job.id}/executions`));
    }
    const stored = await probe.allEventsText();
    // Encrypted at rest, and not even the ciphertexts leave through the audit API.
    const ciphertexts = stored.match(/v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g) ?? [];
    expect(ciphertexts.length).toBeGreaterThanOrEqual(secretsSeen.length);
    for (const sealed of ciphertexts) for (const read of reads) expect(read.text).not.toContain(sealed);
    const logs = ['projector', 'jobs', 'webhooks', 'gateway'].map((name) => services.service(name).logs()).join('\n');
    expect(logs).toContain('"level":"debug"');
    expect(logs).toContain('webhook delivery');
    for (const secret of secretsSeen) {
      for (const read of reads) expect(read.text).not.toContain(secret);
      expect(stored).not.toContain(secret);
      expect(logs).not.toContain(secret);
    }
  });
});
