import { randomUUID } from 'node:crypto';
import type { JsMsg, NatsConnection } from 'nats';
import type { JsonLogger } from '@cp/config';
import { cancelTopic, type ExecutionCancelNotice, type Subjects, type WorkItem, type WorkerReportResult } from '@cp/contracts';
import { ExecutorReports, ExecutorUnavailable } from '../run/executor-reports';
import { LogBatcher } from '../run/log-batcher';
import { runExecution, type RunDependencies } from '../run/run-execution';
import type { WorkerSettings } from '../worker.settings';

export type WorkContext = {
  nats: NatsConnection;
  subjects: Subjects;
  settings: WorkerSettings;
  logger: JsonLogger;
  deps: RunDependencies;
  /** Aborted when the worker starts shutting down: no new execution starts. */
  draining: AbortSignal;
  /** Aborted when the shutdown grace period is over: running executions are stopped and nak'ed. */
  graceOver: AbortSignal;
};

/** Thrown to nak a work item so that another worker (or this one, restarted) takes it. */
export class WorkItemReleased extends Error {}

/** How long past the executor's deadline the worker waits before it stops a run itself (the executor times it out). */
const DEADLINE_MARGIN_MS = 1_000;

/**
 * One work item: `started` (run only if accepted), heartbeats and logs while the agents run, then the result
 * (libs/contracts execution-work.ts). Returning acks the item; throwing WorkItemReleased or ExecutorUnavailable naks it.
 */
export async function handleWorkItem(item: WorkItem, msg: JsMsg, ctx: WorkContext): Promise<void> {
  if (ctx.draining.aborted) throw new WorkItemReleased('the worker is shutting down');
  const logger = ctx.logger.child({ executionId: item.execution_id, attempt: item.attempt, correlationId: item.correlation_id });
  const ref = { execution_id: item.execution_id, attempt: item.attempt, run_id: randomUUID(), worker_id: ctx.settings.workerId };
  const reports = new ExecutorReports(ctx.nats, ctx.subjects, ref, item.correlation_id);
  const stop = new AbortController();
  const cancel = ctx.nats.subscribe(ctx.subjects.live(cancelTopic(item.execution_id)), {
    callback: (_error, notice) => {
      const data = notice ? (notice.json() as ExecutionCancelNotice) : null;
      if (data && (data.attempt === item.attempt || data.status === 'cancelled')) stop.abort(data.status === 'cancelled' ? 'cancelled' : data.reason);
    },
  });
  try {
    let started: WorkerReportResult;
    try {
      started = await reports.started();
    } catch (error) {
      if (error instanceof ExecutorUnavailable) throw error;
      logger.error('the executor refused the work item; dropping it', { error });
      return;
    }
    if (!started.accepted) {
      logger.info('stale work item dropped', { status: started.status, reason: started.reason });
      return;
    }
    await runStarted(item, msg, ctx, { reports, stop, deadline: started.deadline, logger });
  } finally {
    cancel.unsubscribe();
  }
}

type Run = { reports: ExecutorReports; stop: AbortController; deadline: string | null; logger: JsonLogger };

async function runStarted(item: WorkItem, msg: JsMsg, ctx: WorkContext, run: Run): Promise<void> {
  const { reports, stop, logger } = run;
  const untilShutdown = (): void => stop.abort('shutdown');
  if (ctx.graceOver.aborted) untilShutdown();
  ctx.graceOver.addEventListener('abort', untilShutdown, { once: true });
  const deadlineTimer = run.deadline ? setTimeout(() => stop.abort('deadline'), Date.parse(run.deadline) - Date.now() + DEADLINE_MARGIN_MS) : null;
  const heartbeat = startHeartbeat(msg, reports, item.heartbeat_interval_ms, () => stop.abort('rejected'), logger);
  const logs = new LogBatcher({
    flushMs: ctx.settings.logFlushMs,
    batchLines: ctx.settings.logBatchLines,
    send: (first, lines) => reports.log(first, lines),
    onRejected: () => stop.abort('rejected'),
    onError: (error) => logger.warn('could not send output lines', { error }),
  });
  try {
    logger.info('execution started', { entity: item.entity });
    const outcome = await runExecution(item, ctx.deps, stop.signal, (stream, line) => logs.push(stream, line));
    await logs.close();
    if (stop.signal.aborted) {
      if (stop.signal.reason === 'shutdown') throw new WorkItemReleased('stopped at the end of the shutdown grace period');
      logger.info('execution stopped', { reason: stop.signal.reason });
      return;
    }
    const working = (): void => msg.working();
    const result = outcome.ok ? await reports.succeeded(outcome.output, working) : await reports.failed(outcome.error, working);
    logger.info(outcome.ok ? 'execution succeeded' : 'execution failed', { accepted: result.accepted, status: result.status, ...(outcome.ok ? {} : { error: outcome.error }) });
  } finally {
    heartbeat.stop();
    if (deadlineTimer) clearTimeout(deadlineTimer);
    ctx.graceOver.removeEventListener('abort', untilShutdown);
  }
}

/** Every interval: extend the JetStream ack and tell the executor the run is alive; a refusal stops the run. */
function startHeartbeat(msg: JsMsg, reports: ExecutorReports, intervalMs: number, onRejected: () => void, logger: JsonLogger): { stop(): void } {
  let inFlight = false;
  const timer = setInterval(() => {
    msg.working();
    if (inFlight) return;
    inFlight = true;
    reports
      .heartbeat()
      .then((result) => (result.accepted ? undefined : onRejected()))
      .catch((error: unknown) => logger.warn('heartbeat not delivered', { error }))
      .finally(() => (inFlight = false));
  }, intervalMs);
  return { stop: () => clearInterval(timer) };
}
