import { WEBHOOK_MAX_BODY_BYTES } from '@cp/contracts';
import { CachedJobDirectory } from '../adapters/cached-job-directory';
import { deliveryHarness } from '../testing/in-memory-ports';
import { signHex, signStandard } from '../verification/signature';
import { deliveryExecutionId } from './execution-id';

const NOW = new Date('2030-03-01T10:00:00Z');
const TOKEN = 'tok_AbCdEfGhIjKlMnOpQrStUv';
const SECRET = 'current-secret-current-secret-current-secret';
const JOB_ID = 'job_11111111-2222-4333-8444-555555555555';
const BODY = '{"parameters": {"branch": "main"}, "metadata": {"source": "ci", "user_email": "ci@example.com"}}';

function setup(job: { enabled?: boolean; config?: Record<string, unknown> } = {}) {
  const h = deliveryHarness(NOW);
  h.jobs.byToken.set(TOKEN, {
    id: JOB_ID, organizationId: 'org-a', enabled: job.enabled ?? true, config: job.config ?? {},
    secretEncrypted: h.secretBox.encrypt(SECRET), previousSecretEncrypted: null, previousSecretValidUntil: null, revision: 0,
  });
  const send = (body: string | Buffer, headers: Record<string, string> = {}, token = TOKEN) =>
    h.service.deliver({ token, headers, body: Buffer.isBuffer(body) ? body : Buffer.from(body), correlationId: 'corr-1' });
  const signed = (body: string, extra: Record<string, string> = {}) => send(body, { 'content-type': 'application/json', 'x-webhook-signature': signHex(SECRET, body), ...extra });
  return { ...h, send, signed };
}

describe('WebhookDeliveryService — order of checks and answers', () => {
  it('answers 413 before anything else for a body over 1 MiB', async () => {
    const { send, jobs } = setup();
    const answer = await send(Buffer.alloc(WEBHOOK_MAX_BODY_BYTES + 1), {}, 'unknown');
    expect(answer).toMatchObject({ status: 413, body: { detail: expect.stringContaining('1 MiB') } });
    expect(jobs.lookups).toBe(0);
  });
  it('answers 404 "Webhook not found" for an unknown token, whatever the headers and body', async () => {
    const { send } = setup();
    expect(await send('not json', { 'content-type': 'text/plain' }, 'unknownToken')).toEqual({ status: 404, headers: {}, body: { detail: 'Webhook not found' } });
    expect(await send('{}', {}, '../../etc/passwd')).toMatchObject({ status: 404 });
  });
  it('answers 401 "Missing X-Webhook-Signature header" without a signature', async () => {
    const { send } = setup();
    expect(await send(BODY, { 'content-type': 'application/json' })).toEqual({ status: 401, headers: {}, body: { detail: 'Missing X-Webhook-Signature header' } });
  });
  it('answers 401 "Invalid webhook signature" for a wrong one, before looking at the body', async () => {
    const { send } = setup();
    expect(await send('not json', { 'content-type': 'text/plain', 'x-webhook-signature': signHex('wrong', 'not json') })).toEqual({
      status: 401, headers: {}, body: { detail: 'Invalid webhook signature' },
    });
  });
  it('answers 401 for a stale Standard Webhooks timestamp', async () => {
    const { send } = setup();
    const ts = Math.floor(NOW.getTime() / 1000) - 301;
    const answer = await send(BODY, { 'webhook-id': 'msg_1', 'webhook-timestamp': String(ts), 'webhook-signature': signStandard(SECRET, 'msg_1', ts, BODY) });
    expect(answer).toMatchObject({ status: 401, body: { detail: expect.stringContaining('outside the allowed window') } });
  });
  it('answers 415 for a signed body of another content type and 422 for signed non-JSON', async () => {
    const { send } = setup();
    expect(await send('{}', { 'content-type': 'text/plain', 'x-webhook-signature': signHex(SECRET, '{}') })).toMatchObject({ status: 415 });
    expect(await send('{oops', { 'content-type': 'application/json', 'x-webhook-signature': signHex(SECRET, '{oops') })).toMatchObject({ status: 422, body: { detail: [{ type: 'json_invalid' }] } });
    expect(await send('{"parameters":[]}', { 'x-webhook-signature': signHex(SECRET, '{"parameters":[]}') })).toMatchObject({ status: 422, body: { detail: [{ loc: ['body', 'parameters'] }] } });
  });
  it('answers 413 when the kept fields are too large to carry in an execution, whatever the body size', async () => {
    const { signed, executions } = setup();
    const big = JSON.stringify({ parameters: { blob: 'x'.repeat(128 * 1024) } });
    expect(await signed(big)).toMatchObject({ status: 413, body: { detail: expect.stringContaining('at most 131072 bytes') } });
    const ignoredPadding = JSON.stringify({ parameters: { a: 1 }, padding: 'x'.repeat(900 * 1024) });
    expect((await signed(ignoredPadding)).status).toBe(200);
    expect(executions.started.size).toBe(1);
  });
  it('answers 400 "Job is disabled" for a well-signed delivery to a disabled job', async () => {
    const { signed, executions } = setup({ enabled: false });
    expect(await signed(BODY)).toEqual({ status: 400, headers: {}, body: { detail: 'Job is disabled' } });
    expect(executions.started.size).toBe(0);
  });
  it('answers 200 JobTriggerResponse and starts one webhook execution', async () => {
    const { signed, executions } = setup();
    const answer = await signed(BODY);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ job_id: JOB_ID, execution_id: expect.any(String), workflow_id: expect.stringMatching(/^agent-execution-/), status: 'started', message: 'Job execution started successfully via webhook' });
    const [{ request }] = [...executions.started.values()];
    expect(request).toMatchObject({ job_id: JOB_ID, source: 'webhook', parameters: { branch: 'main' }, config_override: null, context: { organizationId: 'org-a' } });
    expect(request.trigger_metadata).toEqual({
      webhook_path: TOKEN, delivery_id: null, parameters: { branch: 'main' }, metadata: { source: 'ci', user_email: 'ci@example.com' },
      webhook_payload: { parameters: { branch: 'main' }, config_override: {}, metadata: { source: 'ci', user_email: 'ci@example.com' } },
      triggered_by: 'ci@example.com', user_id: null, user_email: 'ci@example.com', user_name: null,
    });
  });
  it('maps a refused trigger to its status and detail', async () => {
    const { signed, executions } = setup();
    executions.refuseWith = { code: 'validation', detail: [{ loc: ['body', 'parameters', 'env'], msg: 'Missing', type: 'missing' }] };
    expect(await signed(BODY)).toMatchObject({ status: 422, body: { detail: [{ loc: ['body', 'parameters', 'env'] }] } });
    executions.refuseWith = { code: 'unavailable', detail: 'jobs service is unavailable' };
    expect(await signed(BODY)).toMatchObject({ status: 503, headers: { 'Retry-After': '5' } });
  });
  it('answers 500 without crashing when a dependency fails', async () => {
    const { signed, jobs } = setup();
    jobs.findByToken = async () => { throw new Error('connection refused'); };
    expect(await signed(BODY)).toEqual({ status: 500, headers: {}, body: { detail: 'Internal Server Error' } });
  });
});

describe('WebhookDeliveryService — de-duplication by delivery id', () => {
  it.each([['webhook-id'], ['x-webhook-delivery'], ['idempotency-key']])('returns the first execution for a repeated %s and starts nothing new', async (header) => {
    const { send, executions } = setup();
    const ts = String(Math.floor(NOW.getTime() / 1000));
    const headers: Record<string, string> = header === 'webhook-id'
      ? { 'webhook-id': 'd-1', 'webhook-timestamp': ts, 'webhook-signature': signStandard(SECRET, 'd-1', ts, BODY) }
      : { [header]: 'd-1', 'x-webhook-signature': signHex(SECRET, BODY) };
    const first = await send(BODY, headers);
    const second = await send(BODY, headers);
    expect(executions.started.size).toBe(1);
    expect((first.body as { execution_id: string }).execution_id).toBe(deliveryExecutionId(JOB_ID, 'd-1'));
    expect(second).toEqual({ ...first, headers: { 'Webhook-Duplicate': 'true' } });
  });
  it('answers a repeated delivery even once the job is disabled or out of budget, without spending budget', async () => {
    const h = setup({ config: { webhook_rate_limit_per_minute: 1 } });
    const first = await h.signed(BODY, { 'x-webhook-delivery': 'once' });
    expect((await h.signed(BODY, { 'x-webhook-delivery': 'once' })).status).toBe(200);
    h.jobs.byToken.get(TOKEN)!.enabled = false;
    expect(await h.signed(BODY, { 'x-webhook-delivery': 'once' })).toMatchObject({ status: 200, body: first.body });
    expect(h.executions.started.size).toBe(1);
  });
  it('refuses a delivery id longer than 255 characters with 422', async () => {
    const { signed } = setup();
    expect(await signed(BODY, { 'idempotency-key': 'x'.repeat(256) })).toMatchObject({ status: 422 });
  });
});

describe('WebhookDeliveryService — per-job rate limit', () => {
  it('answers 429 with Retry-After once the job has used its budget (config.webhook_rate_limit_per_minute)', async () => {
    const { signed, executions } = setup({ config: { webhook_rate_limit_per_minute: 3 } });
    for (let i = 0; i < 3; i++) expect((await signed(BODY)).status).toBe(200);
    const refused = await signed(BODY);
    expect(refused).toMatchObject({ status: 429, headers: { 'Retry-After': '20' }, body: { detail: expect.stringContaining('3 deliveries per minute') } });
    expect(executions.started.size).toBe(3);
  });
  it('defaults to 60 per minute and admits again as time passes', async () => {
    const h = setup();
    const statuses = [];
    for (let i = 0; i < 61; i++) statuses.push((await h.signed(BODY)).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(60);
    expect(statuses[60]).toBe(429);
    h.clock.current = new Date(NOW.getTime() + 1000);
    expect((await h.signed(BODY)).status).toBe(200);
  });
  it('does not spend budget on rejected deliveries', async () => {
    const { send, signed } = setup({ config: { webhook_rate_limit_per_minute: 1 } });
    for (let i = 0; i < 5; i++) await send(BODY, { 'x-webhook-signature': signHex('wrong', BODY) });
    expect((await signed(BODY)).status).toBe(200);
  });
});

describe('WebhookDeliveryService — metrics', () => {
  it('counts every delivery by outcome and reason', async () => {
    const { send, signed, metrics } = setup();
    await signed(BODY);
    await send(BODY, {});
    await send(BODY, {}, 'nope');
    const text = await metrics.render();
    expect(text).toContain('webhook_deliveries_total{outcome="accepted",reason="accepted",status="200",service="webhooks"} 1');
    expect(text).toContain('webhook_deliveries_total{outcome="rejected",reason="missing_signature",status="401",service="webhooks"} 1');
    expect(text).toContain('webhook_deliveries_total{outcome="rejected",reason="not_found",status="404",service="webhooks"} 1');
  });
});

describe('WebhookDeliveryService — with the job cache', () => {
  it('accepts a delivery signed with a secret rotated after the job was cached (fresh read before refusing)', async () => {
    const h = deliveryHarness(NOW, (jobs) => new CachedJobDirectory(jobs, { ttlMs: 60_000, maxEntries: 10 }));
    const stored = { id: JOB_ID, organizationId: 'org-a', enabled: true, config: {}, secretEncrypted: h.secretBox.encrypt(SECRET), previousSecretEncrypted: null, previousSecretValidUntil: null, revision: 0 };
    h.jobs.byToken.set(TOKEN, stored);
    const deliver = (secret: string, key: string) =>
      h.service.deliver({ token: TOKEN, headers: { 'content-type': 'application/json', 'idempotency-key': key, 'x-webhook-signature': signHex(secret, BODY) }, body: Buffer.from(BODY), correlationId: key });
    expect((await deliver(SECRET, 'd-1')).status).toBe(200);

    const rotated = 'rotated-secret-rotated-secret-rotated-secret';
    h.jobs.byToken.set(TOKEN, { ...stored, secretEncrypted: h.secretBox.encrypt(rotated), revision: 1 });

    expect((await deliver(rotated, 'd-2')).status).toBe(200);
    expect((await deliver('some-other-secret-some-other-secret', 'd-3')).status).toBe(401);
    expect(h.executions.started.size).toBe(2);
  });
});
