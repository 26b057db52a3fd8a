import { request, type IncomingMessage } from 'node:http';
import { launchServices, waitFor, type LaunchedServices } from '@cp/testing';
import { apiClient, tokenFor, type ApiClient } from './support/api-client';
import { executionsApi } from './support/executions-api';

type SseEvent = { id: string | null; event: string; data: Record<string, unknown> };
type SseRead = { status: number; events: SseEvent[]; comments: string[] };

/**
 * Reads `GET /api/v1/executions/{id}/stream` with a plain HTTP client, the way the Go CLI does: `id: `, `event: `,
 * `data: ` lines, blank line between events. Stops at the end of the response or once `stopAfter` says so.
 */
function readSse(url: string, token: string, options: { lastEventId?: string; stopAfter?: (events: SseEvent[]) => boolean } = {}): Promise<SseRead> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { Accept: 'text/event-stream', 'Cache-Control': 'no-cache', Authorization: `Bearer ${token}` };
    if (options.lastEventId) headers['Last-Event-ID'] = options.lastEventId;
    const req = request(url, { headers }, (res: IncomingMessage) => {
      const read: SseRead = { status: res.statusCode ?? 0, events: [], comments: [] };
      let buffer = '';
      let current: Partial<SseEvent> = {};
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let nl: number;
        while ((nl = buffer.indexOf('\n')) !== -1) {
          const line = buffer.slice(0, nl);
          buffer = buffer.slice(nl + 1);
          if (line.startsWith(':')) read.comments.push(line);
          else if (line.startsWith('id: ')) current.id = line.slice(4);
          else if (line.startsWith('event: ')) current.event = line.slice(7);
          else if (line.startsWith('data: ')) current.data = JSON.parse(line.slice(6)) as Record<string, unknown>;
          else if (line === '' && current.event) {
            read.events.push({ id: current.id ?? null, event: current.event, data: current.data ?? {} });
            current = {};
            if (options.stopAfter?.(read.events)) {
              req.destroy();
              return resolve(read);
            }
          }
        }
      });
      res.on('end', () => resolve(read));
      res.on('error', reject);
    });
    req.on('error', (error) => ((error as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(error)));
    req.end();
  });
}

const slowLines = (count: number, gapMs: number) =>
  `let i = 0; const t = setInterval(() => { i++; console.log('line ' + i); if (i === ${count}) clearInterval(t); }, ${gapMs});`;
const chunks = (events: SseEvent[]) => events.filter((e) => e.event === 'chunk').map((e) => e.data.content);

describe('Execution logs and live stream (issue 4 §7), end to end', () => {
  let services: LaunchedServices;
  let api: ApiClient;
  let x: ReturnType<typeof executionsApi>;
  const token = tokenFor('org-l', 'lena');
  const streamUrl = (executionId: string) => `${services.gatewayUrl}/api/v1/executions/${executionId}/stream`;

  beforeAll(async () => {
    services = await launchServices({
      services: ['projector', 'jobs', 'gateway', 'executor', 'worker'],
      env: { EXECUTOR_HEARTBEAT_INTERVAL_MS: '300', EXECUTOR_HEARTBEAT_TIMEOUT_MS: '2000', WORKER_LOG_FLUSH_MS: '50' },
    });
    api = apiClient(services.gatewayUrl, token);
    x = executionsApi(api);
  }, 180_000);
  afterAll(() => services?.stop(), 60_000);

  const runSlowJob = async (lines: number, gapMs: number) => {
    const agent = await x.createAgent({ name: 'Talker', runtime: { type: 'command', command: process.execPath, args: ['-e', slowLines(lines, gapMs)] } });
    return x.trigger((await x.createJob(agent.id)).id);
  };

  it('follows a run live from the start: connected, status changes, every line once and in order, then complete', async () => {
    const { execution_id } = await runSlowJob(5, 150);
    const read = await readSse(streamUrl(execution_id), token);
    expect(read.status).toBe(200);
    expect(read.events[0]).toMatchObject({ id: null, event: 'connected', data: { execution_id, organization_id: 'org-l' } });
    expect(chunks(read.events)).toEqual(['line 1\n', 'line 2\n', 'line 3\n', 'line 4\n', 'line 5\n']);
    expect(read.events.filter((e) => e.event === 'status').map((e) => e.data.status)).toEqual(['pending', 'queued', 'running', 'completed']);
    expect(read.events[read.events.length - 1]).toMatchObject({ event: 'complete', data: { status: 'completed', data: { output: 'line 1\nline 2\nline 3\nline 4\nline 5' } } });
    const ids = read.events.filter((e) => e.id !== null).map((e) => e.id as string);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.map((id) => id.split('.').map(Number))).toEqual([...ids.map((id) => id.split('.').map(Number))].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
    for (const event of read.events.slice(1)) expect(event.data.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
  }, 60_000);

  it('resumes with Last-Event-ID exactly after the last event seen, mid-run and after the end', async () => {
    const { execution_id } = await runSlowJob(6, 300);
    const first = await readSse(streamUrl(execution_id), token, { stopAfter: (events) => chunks(events).length === 2 });
    const lastSeen = first.events[first.events.length - 1].id as string;
    const rest = await readSse(streamUrl(execution_id), token, { lastEventId: lastSeen });
    const replay = await readSse(streamUrl(execution_id), token);
    const withoutConnected = (events: SseEvent[]) => events.filter((e) => e.event !== 'connected');
    expect([...withoutConnected(first.events), ...withoutConnected(rest.events)]).toEqual(withoutConnected(replay.events));
    expect(chunks(rest.events)).toEqual(['line 3\n', 'line 4\n', 'line 5\n', 'line 6\n']);

    const lastOfAll = replay.events[replay.events.length - 1].id as string;
    const nothingNew = await readSse(streamUrl(execution_id), token, { lastEventId: lastOfAll });
    expect(withoutConnected(nothingNew.events)).toEqual([]);
  }, 60_000);

  it('ends a failed run with an error event carrying the reason', async () => {
    const agent = await x.createAgent({ name: 'Crasher', runtime: { type: 'command', command: process.execPath, args: ['-e', "console.log('trying'); console.error('no route to host'); process.exit(2)"] } });
    const { execution_id } = await x.trigger((await x.createJob(agent.id)).id);
    const read = await readSse(streamUrl(execution_id), token);
    expect(chunks(read.events)).toEqual(['trying\n', 'no route to host\n']);
    expect(read.events[read.events.length - 1]).toMatchObject({ event: 'error', data: { status: 'failed', error: expect.stringMatching(/exited with code 2: no route to host/) } });
  }, 60_000);

  it('serves stored lines page by page', async () => {
    const { execution_id } = await runSlowJob(5, 10);
    await x.waitForStatus(execution_id, ['completed']);
    const all = await waitFor(async () => {
      const res = await api.get<{ lines: { seq: number; line: string }[] }>(`/api/v1/executions/${execution_id}/logs`);
      return res.body.lines.length === 5 ? res.body : null;
    }, { description: 'five stored lines' });
    expect(all.lines.map((l) => l.line)).toEqual(['line 1', 'line 2', 'line 3', 'line 4', 'line 5']);
    const page = (await api.get<{ lines: { line: string }[]; has_more: boolean }>(`/api/v1/executions/${execution_id}/logs?after=${all.lines[1].seq}&limit=2`)).body;
    expect(page).toMatchObject({ has_more: true, lines: [{ line: 'line 3' }, { line: 'line 4' }] });
    expect((await api.get(`/api/v1/executions/${execution_id}/logs?after=x`)).status).toBe(422);
  }, 60_000);

  it('hides another organization\'s execution and refuses a missing token', async () => {
    const { execution_id } = await runSlowJob(1, 10);
    const stranger = tokenFor('org-other');
    expect((await readSse(streamUrl(execution_id), stranger)).status).toBe(404);
    expect((await apiClient(services.gatewayUrl, stranger).get(`/api/v1/executions/${execution_id}/logs`)).status).toBe(404);
    expect((await readSse(streamUrl('00000000-0000-4000-8000-000000000000'), token)).status).toBe(404);
    expect((await apiClient(services.gatewayUrl, null).get(`/api/v1/executions/${execution_id}/stream`)).status).toBe(401);
  }, 60_000);
});
