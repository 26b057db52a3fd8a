import type { ServerResponse } from 'node:http';
import { ControlPlaneClient } from './control-plane-client';
import type { RetryInfo } from './retry-policy';
import { parseRetryAfter, resolveRetryPolicy, retryDelayMs } from './retry-policy';
import { sendJson, startRecordingServer, type RecordingServer } from './testing/recording-server';

const JOB = { id: 'job_1', name: 'n' };

/** Answers the scripted statuses in order, then 200 with a job. */
function scripted(statuses: (number | 'drop')[], headers: Record<string, string> = {}) {
  return (_req: unknown, res: ServerResponse, index: number) => {
    const step = statuses[index];
    if (step === 'drop') res.socket?.destroy();
    else if (step !== undefined) sendJson(res, step, { detail: `scripted ${step}` }, headers);
    else sendJson(res, 200, JOB);
  };
}

describe('retries', () => {
  let server: RecordingServer | undefined;
  const retries: RetryInfo[] = [];
  afterEach(async () => {
    await server?.close();
    retries.length = 0;
  });

  async function clientFor(handler: Parameters<typeof startRecordingServer>[0], retry = 3) {
    server = await startRecordingServer(handler);
    return new ControlPlaneClient({ baseUrl: server.url, apiKey: 't', retry: { retries: retry, baseDelayMs: 5, onRetry: (info) => retries.push(info) } });
  }

  it('a GET answered 503, 503, then 200 succeeds on the third attempt', async () => {
    const client = await clientFor(scripted([503, 503]));
    await expect(client.jobs.get('job_1')).resolves.toEqual(JOB);
    expect(server?.requests).toHaveLength(3);
    expect(retries.map((r) => r.reason)).toEqual(['HTTP 503', 'HTTP 503']);
  });

  it('a 429 waits as long as Retry-After says', async () => {
    const client = await clientFor(scripted([429], { 'Retry-After': '1' }));
    await expect(client.jobs.list()).resolves.toEqual(JOB);
    expect(server?.requests).toHaveLength(2);
    expect(retries).toEqual([expect.objectContaining({ attempt: 1, delayMs: 1000, reason: 'HTTP 429' })]);
  });

  it('gives up after the configured retries with the last error', async () => {
    const client = await clientFor(scripted([503, 503, 503, 503]), 2);
    await expect(client.jobs.get('job_1')).rejects.toMatchObject({ status: 503, detail: 'scripted 503' });
    expect(server?.requests).toHaveLength(3);
  });

  it('a dropped connection on a GET is retried', async () => {
    const client = await clientFor(scripted(['drop', 'drop']));
    await expect(client.jobs.get('job_1')).resolves.toEqual(JOB);
    expect(server?.requests).toHaveLength(3);
    expect(retries[0].reason).toMatch(/^network error/);
  });

  it('a DELETE is retried (it is idempotent)', async () => {
    const client = await clientFor(scripted([503]));
    await client.jobs.delete('job_1');
    expect(server?.requests.map((r) => r.method)).toEqual(['DELETE', 'DELETE']);
  });

  it.each([
    ['POST trigger', (c: ControlPlaneClient) => c.jobs.trigger('job_1')],
    ['POST create', (c: ControlPlaneClient) => c.jobs.create({ name: 'n', trigger_type: 'manual', prompt_template: 'p' })],
    ['PATCH update', (c: ControlPlaneClient) => c.jobs.update('job_1', { name: 'n2' })],
  ])('a %s is never retried, not even on 503', async (_label, call) => {
    const client = await clientFor(scripted([503]));
    await expect(call(client)).rejects.toMatchObject({ status: 503 });
    expect(server?.requests).toHaveLength(1);
    expect(retries).toEqual([]);
  });

  it('a POST whose connection drops is not retried', async () => {
    const client = await clientFor(scripted(['drop']));
    await expect(client.jobs.enable('job_1')).rejects.toMatchObject({ status: null });
    expect(server?.requests).toHaveLength(1);
  });

  it('a 500 is not retried (only 429, 503 and network errors are)', async () => {
    const client = await clientFor(scripted([500]));
    await expect(client.jobs.get('job_1')).rejects.toMatchObject({ status: 500 });
    expect(server?.requests).toHaveLength(1);
  });
});

describe('backoff', () => {
  const policy = resolveRetryPolicy({ baseDelayMs: 100, maxDelayMs: 1000 });
  it('grows exponentially with full jitter and stays under the cap', () => {
    expect([0, 1, 2, 3, 4].map((attempt) => retryDelayMs(policy, attempt, null, () => 1))).toEqual([100, 200, 400, 800, 1000]);
    expect(retryDelayMs(policy, 3, null, () => 0.5)).toBe(400);
  });
  it('honours Retry-After up to the cap', () => {
    expect(retryDelayMs(policy, 0, 700)).toBe(700);
    expect(retryDelayMs(policy, 0, 5000)).toBe(1000);
  });
  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});
