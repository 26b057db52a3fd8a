import { createHmac } from 'node:crypto';
import { ControlPlaneClient } from './control-plane-client';
import { signWebhookPayload, toPythonJson } from './webhook-signature';
import { sendJson, startRecordingServer, type RecordingServer } from './testing/recording-server';

// Produced by CPython 3: json.dumps(PAYLOAD) and hmac.new(b"your-webhook-secret", body, sha256).hexdigest().
const PAYLOAD = {
  parameters: { branch_name: 'feature-x', environment: 'staging', who: 'José ☃ 😀', note: 'line1\nline2\t"q" \\ /', n: [1, 2.5, -3, true, false, null], e: {}, a: [] },
  metadata: { source: 'github', commit: 'abc123' },
};
const PYTHON_BODY =
  '{"parameters": {"branch_name": "feature-x", "environment": "staging", "who": "Jos\\u00e9 \\u2603 \\ud83d\\ude00", "note": "line1\\nline2\\t\\"q\\" \\\\ /", "n": [1, 2.5, -3, true, false, null], "e": {}, "a": []}, "metadata": {"source": "github", "commit": "abc123"}}';
const PYTHON_SIGNATURE = '2612d83a2613b175ee1f67b5d04d7ba5d5f0dfd475abd02d9d0c2aadb23a845c';
const TRIGGERED = { job_id: 'job_1', execution_id: 'e-1', workflow_id: 'agent-execution-e-1', status: 'started', message: 'Job execution started successfully via webhook' };

describe('webhook signing', () => {
  it('serialises a payload exactly like Python json.dumps (", " and ": " separators, \\u escapes)', () => {
    expect(toPythonJson(PAYLOAD)).toBe(PYTHON_BODY);
  });

  it('signs with lowercase hex HMAC-SHA256, equal to the Python reference', () => {
    expect(signWebhookPayload('your-webhook-secret', PYTHON_BODY)).toBe(PYTHON_SIGNATURE);
    expect(signWebhookPayload('your-webhook-secret', Buffer.from(PYTHON_BODY))).toBe(PYTHON_SIGNATURE);
  });

  it('escapes control characters and DEL as Python does, and drops undefined members', () => {
    expect(toPythonJson({ c: '\u0001\u001f\u007f\b\f\r', u: undefined, list: [undefined] })).toBe('{"c": "\\u0001\\u001f\\u007f\\b\\f\\r", "list": [null]}');
  });

  it('refuses numbers JSON cannot carry', () => {
    expect(() => toPythonJson({ x: Number.NaN })).toThrow(/NaN/);
  });
});

describe('jobs.triggerWebhook', () => {
  let server: RecordingServer;
  let client: ControlPlaneClient;
  beforeEach(async () => {
    server = await startRecordingServer((_req, res) => sendJson(res, 200, TRIGGERED));
    client = new ControlPlaneClient({ baseUrl: server.url, apiKey: 'user-token' });
  });
  afterEach(() => server.close());

  it('sends the Python serialisation and signs exactly the bytes the server receives', async () => {
    const result = await client.jobs.triggerWebhook('tok123', PAYLOAD, { secret: 'your-webhook-secret' });
    const [request] = server.requests;
    expect(result).toEqual(TRIGGERED);
    expect(request.url).toBe('/api/v1/jobs/webhook/tok123');
    expect(request.body.toString('utf8')).toBe(PYTHON_BODY);
    expect(request.headers['x-webhook-signature']).toBe(PYTHON_SIGNATURE);
    expect(request.headers['x-webhook-signature']).toBe(createHmac('sha256', 'your-webhook-secret').update(request.body).digest('hex'));
    expect(request.headers['content-type']).toBe('application/json');
  });

  it('does not send the API key to the webhook endpoint', async () => {
    await client.jobs.triggerWebhook('tok123', {}, { secret: 's' });
    expect(server.requests[0].headers.authorization).toBeUndefined();
  });

  it('sends a string body unchanged (compact JSON) and signs those bytes', async () => {
    const compact = '{"parameters":{"name":"Zoë"}}';
    await client.jobs.triggerWebhook('tok123', compact, { secret: 's3cret' });
    const [request] = server.requests;
    expect(request.body.toString('utf8')).toBe(compact);
    expect(request.headers['x-webhook-signature']).toBe(createHmac('sha256', 's3cret').update(Buffer.from(compact, 'utf8')).digest('hex'));
  });

  it('passes a caller-computed signature through as given, with the delivery id', async () => {
    await client.jobs.triggerWebhook('tok123', PAYLOAD, { signature: PYTHON_SIGNATURE, deliveryId: 'delivery-7' });
    expect(server.requests[0].headers['x-webhook-signature']).toBe(PYTHON_SIGNATURE);
    expect(server.requests[0].headers['x-webhook-delivery']).toBe('delivery-7');
  });

  it.each([
    ['the token alone', 'tok123'],
    ['the path of webhook_url', '/api/v1/jobs/webhook/tok123'],
  ])('accepts %s', async (_label, pathOrUrl) => {
    await client.jobs.triggerWebhook(pathOrUrl, {}, { secret: 's' });
    expect(server.requests[0].url).toBe('/api/v1/jobs/webhook/tok123');
  });

  it('accepts the full webhook_url', async () => {
    await client.jobs.triggerWebhook(`${server.url}/api/v1/jobs/webhook/tok123`, {}, { secret: 's' });
    expect(server.requests[0].url).toBe('/api/v1/jobs/webhook/tok123');
  });
});
