import type { HttpTransport } from './http-transport';
import { JobError } from './job-error';
import { isRetryableStatus, sleep } from './retry-policy';
import { SseParser } from './sse-parser';
import { TERMINAL_STREAM_EVENTS, type ExecutionStreamEvent, type StreamOptions } from './types';

/**
 * Follows `GET /api/v1/executions/{id}/stream`. When the connection drops before a terminal event (`complete`,
 * `done`, `error`), it reconnects with `Last-Event-ID` set to the last event seen, so nothing is missed or repeated.
 * A 4xx answer (unknown execution, bad token) ends the iteration with a JobError.
 */
export async function* streamExecution(transport: HttpTransport, executionId: string, options: StreamOptions = {}): AsyncGenerator<ExecutionStreamEvent> {
  const path = `/api/v1/executions/${encodeURIComponent(executionId)}/stream`;
  const maxReconnects = options.maxReconnects ?? 20;
  let lastEventId = options.lastEventId ?? null;
  let delayMs = options.reconnectDelayMs ?? 1_000;
  let idleReconnects = 0;
  for (;;) {
    const parser = new SseParser(lastEventId);
    let received = false;
    try {
      const response = await transport.stream({ method: 'GET', path, headers: streamHeaders(lastEventId), signal: options.signal });
      if (!response.body) throw new Error('the stream answer has no body');
      for await (const chunk of response.body.pipeThrough(new TextDecoderStream())) {
        for (const message of parser.push(chunk)) {
          received = true;
          lastEventId = message.id;
          yield { id: message.id, event: message.event, data: parseData(message.data) };
          if (TERMINAL_STREAM_EVENTS.includes(message.event)) return;
        }
      }
    } catch (error) {
      if (options.signal?.aborted || isFinal(error)) throw error;
    }
    lastEventId = parser.lastEventId;
    delayMs = parser.retryMs ?? delayMs;
    idleReconnects = received ? 0 : idleReconnects + 1;
    if (idleReconnects > maxReconnects) throw gaveUp(transport, path, maxReconnects);
    await sleep(delayMs, options.signal);
  }
}

function streamHeaders(lastEventId: string | null): Record<string, string> {
  const headers: Record<string, string> = { Accept: 'text/event-stream', 'Cache-Control': 'no-cache' };
  if (lastEventId !== null) headers['Last-Event-ID'] = lastEventId;
  return headers;
}

/** A client error will not go away by reconnecting; server errors and dropped connections might. */
function isFinal(error: unknown): boolean {
  return error instanceof JobError && error.status !== null && error.status < 500 && !isRetryableStatus(error.status);
}

function parseData(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
}

function gaveUp(transport: HttpTransport, path: string, maxReconnects: number): JobError {
  const detail = `the execution stream ended ${maxReconnects + 1} times in a row without a new event or a complete/error event`;
  return new JobError({ status: null, detail, method: 'GET', url: transport.url(path) });
}
