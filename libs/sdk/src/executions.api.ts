import { streamExecution } from './execution-stream';
import type { HttpTransport } from './http-transport';
import type { ExecutionResponse, ExecutionLogs, ExecutionStreamEvent, LogsOptions, StreamOptions } from './types';

const executionPath = (executionId: string, suffix = ''): string => `/api/v1/executions/${encodeURIComponent(executionId)}${suffix}`;

/** `client.executions`: one run of a job, its stored logs and its live stream. */
export class ExecutionsApi {
  constructor(private readonly http: HttpTransport) {}

  get(executionId: string): Promise<ExecutionResponse> {
    return this.http.json({ method: 'GET', path: executionPath(executionId) });
  }

  /** Stored log lines in order; `after` returns only lines with a greater sequence number. */
  async logs(executionId: string, options: LogsOptions = {}): Promise<ExecutionLogs> {
    const body = await this.http.json<ExecutionLogs | ExecutionLogs['logs']>({ method: 'GET', path: executionPath(executionId, '/logs'), query: { after: options.after } });
    return Array.isArray(body) ? { execution_id: executionId, logs: body } : body;
  }

  /**
   * Live status changes and log lines as an async iterator; reconnects and resumes with Last-Event-ID, and ends after
   * the `complete` (or `done`/`error`) event.
   */
  stream(executionId: string, options: StreamOptions = {}): AsyncGenerator<ExecutionStreamEvent> {
    return streamExecution(this.http, executionId, options);
  }
}
