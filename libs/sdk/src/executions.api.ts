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

  /** One page of stored log lines in order; `after` returns only lines with a greater sequence number. */
  logs(executionId: string, options: LogsOptions = {}): Promise<ExecutionLogs> {
    return this.http.json({ method: 'GET', path: executionPath(executionId, '/logs'), query: { after: options.after, limit: options.limit } });
  }

  /** Every stored line, following `next_after` while the server says `has_more`. */
  async allLogs(executionId: string, options: LogsOptions = {}): Promise<ExecutionLogs> {
    const first = await this.logs(executionId, options);
    const lines = [...first.lines];
    let page = first;
    while (page.has_more) {
      page = await this.logs(executionId, { ...options, after: page.next_after });
      lines.push(...page.lines);
    }
    return { ...page, lines, has_more: false };
  }

  /**
   * Live status changes and log lines as an async iterator; reconnects and resumes with Last-Event-ID, and ends after
   * the `complete` (or `done`/`error`) event.
   */
  stream(executionId: string, options: StreamOptions = {}): AsyncGenerator<ExecutionStreamEvent> {
    return streamExecution(this.http, executionId, options);
  }
}
