import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { JsonLogger } from '@cp/config';
import { notFound, type RequestContext } from '@cp/contracts';
import { EVENT_STORE, type EventStore } from '@cp/event-store';
import { ExecutionQueries } from '@cp/read-model';
import { LOGGER } from '@cp/runtime';
import { Caller } from '../auth/auth.guard';
import { parseIntegerQuery } from '../validation/query-params';
import { ExecutionLiveFeed } from './execution-live-feed';
import { formatSse, parseLastEventId, type SseMessage } from './execution-sse';
import { ExecutionStreamFollower } from './execution-stream';

export type ExecutionLogLineResponse = { seq: number; stream: string; line: string; at: string };
export type ExecutionLogsResponse = { execution_id: string; status: string; lines: ExecutionLogLineResponse[]; next_after: number; has_more: boolean };

/** Comment lines keep proxies and clients from closing an idle stream. */
const KEEPALIVE_MS = 15_000;

/** Output of an execution: stored lines (`/logs`) and the live Server-Sent Events stream the Go CLI follows (`/stream`). */
@Controller('api/v1/executions')
export class ExecutionLogsController {
  constructor(
    private readonly executions: ExecutionQueries,
    private readonly feed: ExecutionLiveFeed,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(LOGGER) private readonly logger: JsonLogger,
  ) {}

  /** Stored lines with seq > `after` (all without it; seq counts from 0), in order; page on with `after=next_after` while `has_more`. */
  @Get(':executionId/logs')
  async logs(@Caller() caller: RequestContext, @Param('executionId') executionId: string, @Query('after') after: unknown, @Query('limit') limit: unknown): Promise<ExecutionLogsResponse> {
    const from = parseIntegerQuery('after', after, -1, -1, Number.MAX_SAFE_INTEGER);
    const size = parseIntegerQuery('limit', limit, 1000, 1, 10_000);
    const execution = await this.executions.findExecution(caller.organizationId, executionId);
    if (!execution) throw notFound(`Execution ${executionId} not found`);
    const rows = await this.executions.logs(executionId, from, size + 1);
    const lines = rows.slice(0, size).map((row) => ({ seq: row.seq, stream: row.stream, line: row.line, at: row.at.toISOString() }));
    return { execution_id: executionId, status: execution.status, lines, next_after: lines.length > 0 ? lines[lines.length - 1].seq : from, has_more: rows.length > size };
  }

  /** Replays stored events after Last-Event-ID, then follows live until `complete` or `error`. */
  @Get(':executionId/stream')
  async stream(@Caller() caller: RequestContext, @Param('executionId') executionId: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const follower = new ExecutionStreamFollower(this.eventStore, this.feed, executionId);
    const opened = await follower.open();
    if (opened.organizationId !== caller.organizationId) throw notFound(`Execution ${executionId} not found`);
    const closed = new AbortController();
    res.on('close', () => closed.abort());
    res.status(200).set({ 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache, no-transform', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    res.flushHeaders();
    const write = (text: string): Promise<void> => writeRespectingBackpressure(res, text, closed.signal);
    const keepalive = setInterval(() => void write(': keepalive\n\n'), KEEPALIVE_MS);
    try {
      await write(formatSse(connected(executionId, caller.organizationId, opened.status)));
      await follower.follow(opened.events, parseLastEventId(req.headers['last-event-id']), { send: (message) => write(formatSse(message)), signal: closed.signal });
    } catch (error) {
      // Headers are out: end the stream without a terminal event; the client reconnects with Last-Event-ID.
      this.logger.error('execution stream failed', { executionId, error });
    } finally {
      clearInterval(keepalive);
      res.end();
    }
  }
}

/** The CLI's `connected` event (top-level fields); it has no id, so it never moves the client's Last-Event-ID. */
function connected(executionId: string, organizationId: string, status: string | null): SseMessage {
  const now = new Date().toISOString();
  return { id: null, event: 'connected', data: { execution_id: executionId, organization_id: organizationId, status, connected_at: now, timestamp: now } };
}

function writeRespectingBackpressure(res: Response, text: string, signal: AbortSignal): Promise<void> {
  if (signal.aborted || res.writableEnded) return Promise.resolve();
  if (res.write(text)) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      signal.removeEventListener('abort', done);
      resolve();
    };
    res.once('drain', done);
    signal.addEventListener('abort', done, { once: true });
  });
}
