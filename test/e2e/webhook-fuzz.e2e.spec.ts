import fc from 'fast-check';
import { launchServices, type LaunchedServices } from '@cp/testing';
import { apiClient, tokenFor } from './support/api-client';
import { EventStoreProbe, postWebhook, signHex } from './support/webhook-sender';

const printable = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 80 });
const headerValue = fc.oneof(
  printable,
  fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 }),
  fc.base64String({ minLength: 44, maxLength: 44 }).map((b64) => `v1,${b64}`),
  fc.integer({ min: -600, max: 600 }).map((skew) => String(Math.floor(Date.now() / 1000) + skew)),
  fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded'),
);
const names = ['x-webhook-signature', 'webhook-id', 'webhook-timestamp', 'webhook-signature', 'content-type', 'x-webhook-delivery', 'idempotency-key', 'authorization'];
const body = fc.oneof(
  fc.uint8Array({ minLength: 1, maxLength: 4096 }).map((bytes) => Buffer.from(bytes)),
  fc.json().map((text) => Buffer.from(text)),
  fc.constant(Buffer.from('{"parameters": {"service": "api"}}')),
);

describe('Webhook endpoint under fuzzing (live services)', () => {
  let services: LaunchedServices;
  let probe: EventStoreProbe;
  let job: { id: string; webhook_url: string; webhook_secret: string };

  beforeAll(async () => {
    services = await launchServices({ services: ['projector', 'jobs', 'webhooks', 'gateway'] });
    probe = new EventStoreProbe(services.env);
    const api = apiClient(services.gatewayUrl, tokenFor('org-fuzz'));
    const res = await api.post<typeof job>('/api/v1/jobs', { name: 'Fuzzed', trigger_type: 'webhook', planning_mode: 'on_the_fly', prompt_template: 'Restart {{service}}' });
    job = res.body;
  }, 180_000);
  afterAll(async () => {
    await probe?.close();
    await services?.stop();
  }, 60_000);

  it('accepts none of 400 random unsigned deliveries: no 2xx, no 5xx, no execution, no crash', async () => {
    const statuses = new Map<number, number>();
    const base = job.webhook_url.slice(0, job.webhook_url.lastIndexOf('/') + 1);
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.dictionary(fc.constantFrom(...names), headerValue, { maxKeys: 8 }), body, async (ownToken, headers, bytes) => {
        const url = ownToken ? job.webhook_url : `${base}${bytes.subarray(0, 16).toString('base64url') || 'x'}`;
        const answer = await postWebhook(url, bytes, headers);
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        return answer.status === 401 || answer.status === 404;
      }),
      { numRuns: 400 },
    );
    expect([...statuses.keys()].sort()).toEqual([401, 404]);
    expect(await probe.executions(job.id)).toHaveLength(0);
    for (const name of ['webhooks', 'gateway', 'jobs']) expect(services.service(name).running).toBe(true);
    const good = await postWebhook(job.webhook_url, '{"parameters": {"service": "api"}}', { 'Content-Type': 'application/json', 'X-Webhook-Signature': signHex(job.webhook_secret, '{"parameters": {"service": "api"}}') });
    expect(good.status).toBe(200);
    expect(await probe.executions(job.id)).toHaveLength(1);
  }, 300_000);
});
