import type { ServerResponse } from 'node:http';
import { ControlPlaneClient } from './control-plane-client';
import { JobError } from './job-error';
import { sendJson, startRecordingServer, type RecordedRequest, type RecordingServer } from './testing/recording-server';
import type { ExecutionStreamEvent } from './types';

const EVENTS = [
  'id: 1\nevent: status\ndata: {"status":"running"}\n\n',
  'id: 2\nevent: log\ndata: {"seq":1,"line":"step one"}\n\n',
  'id: 3\nevent: log\ndata: {"seq":2,"line":"step two"}\n\n',
  'id: 4\nevent: complete\ndata: {"status":"succeeded"}\n\n',
];

function openStream(res: ServerResponse): void {
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
}

/** Sends the events after Last-Event-ID; the first connection drops after two events. */
function resumingServer(req: RecordedRequest, res: ServerResponse, index: number): void {
  const after = Number(req.headers['last-event-id'] ?? 0);
  openStream(res);
  res.write('retry: 10\n: hello\n\n');
  const pending = EVENTS.slice(after);
  const batch = index === 0 ? pending.slice(0, 2) : pending;
  batch.forEach((event) => res.write(event));
  // The first connection breaks abruptly once its events are flushed; the second ends cleanly.
  if (index === 0) res.write('', () => res.socket?.destroy());
  else res.end();
}

async function collect(iterator: AsyncIterable<ExecutionStreamEvent>): Promise<ExecutionStreamEvent[]> {
  const events: ExecutionStreamEvent[] = [];
  for await (const event of iterator) events.push(event);
  return events;
}

describe('executions.stream', () => {
  let server: RecordingServer;
  afterEach(() => server.close());
  const client = () => new ControlPlaneClient({ baseUrl: server.url, apiKey: 'tok', retry: { retries: 0 } });

  it('yields parsed events, reconnects after a drop with Last-Event-ID, and ends at complete', async () => {
    server = await startRecordingServer(resumingServer);
    const events = await collect(client().executions.stream('exec-1', { reconnectDelayMs: 5 }));
    expect(events.map((e) => [e.id, e.event])).toEqual([
      ['1', 'status'],
      ['2', 'log'],
      ['3', 'log'],
      ['4', 'complete'],
    ]);
    expect(events[1].data).toEqual({ seq: 1, line: 'step one' });
    expect(server.requests.map((r) => r.headers['last-event-id'])).toEqual([undefined, '2']);
    expect(server.requests[0]).toMatchObject({ url: '/api/v1/executions/exec-1/stream', headers: expect.objectContaining({ accept: 'text/event-stream', authorization: 'Bearer tok' }) });
  });

  it('starts after the lastEventId it is given', async () => {
    server = await startRecordingServer(resumingServer);
    const events = await collect(client().executions.stream('exec-1', { lastEventId: '2', reconnectDelayMs: 5 }));
    expect(events.map((e) => e.id)).toEqual(['3', '4']);
    expect(server.requests[0].headers['last-event-id']).toBe('2');
  });

  it('ends at an error event', async () => {
    server = await startRecordingServer((_req, res) => {
      openStream(res);
      res.write('id: 9\nevent: error\ndata: {"error_message":"boom"}\n\nid: 10\ndata: never read\n\n');
    });
    const events = await collect(client().executions.stream('exec-1'));
    expect(events).toEqual([{ id: '9', event: 'error', data: { error_message: 'boom' } }]);
  });

  it('throws a JobError for an unknown execution instead of reconnecting', async () => {
    server = await startRecordingServer((_req, res) => sendJson(res, 404, { detail: 'Execution exec-x not found' }));
    await expect(collect(client().executions.stream('exec-x', { reconnectDelayMs: 5 }))).rejects.toMatchObject({ status: 404, detail: 'Execution exec-x not found' });
    expect(server.requests).toHaveLength(1);
  });

  it('gives up after maxReconnects connections that bring nothing new', async () => {
    server = await startRecordingServer((_req, res) => {
      openStream(res);
      res.end(': nothing\n\n');
    });
    const error = await collect(client().executions.stream('exec-1', { reconnectDelayMs: 1, maxReconnects: 2 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobError);
    expect(server.requests).toHaveLength(3);
  });

  it('stops reading when the consumer breaks out of the loop', async () => {
    server = await startRecordingServer((_req, res) => {
      openStream(res);
      res.write(EVENTS[0]);
    });
    for await (const event of client().executions.stream('exec-1')) {
      expect(event.event).toBe('status');
      break;
    }
    expect(server.requests).toHaveLength(1);
  });
});
