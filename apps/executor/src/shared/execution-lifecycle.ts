import { Inject, Injectable } from '@nestjs/common';
import type { JsonLogger } from '@cp/config';
import type { ExecutionEvent, RecordedEvent } from '@cp/contracts';
import type { LiveExecution } from '@cp/domain';
import { LOGGER } from '@cp/runtime';
import { DispatchInputs } from '../dispatch/dispatch-inputs';
import { WorkPublisher } from '../dispatch/work-publisher';
import { EXECUTOR_SETTINGS, type ExecutorSettings } from '../executor.settings';
import { ExecutionTimers } from '../timers/execution-timers';
import { CancelNotifier } from './cancel-notifier';
import { ExecutionStore, type Handled } from './execution-store';
import { executorMetadata } from './executor-metadata';

const MAX_REMEMBERED_PUBLISHES = 50_000;

export type AfterChangeOptions = { republish?: boolean; correlationId?: string };

/**
 * The executor's side effects, derived from an execution's state after each command: publish the queued attempt,
 * arm the deadline and heartbeat timers of a running one, the retry timer of a retrying one, tell the worker to stop
 * after a timeout or cancel, and drop the timers of a finished one.
 */
@Injectable()
export class ExecutionLifecycle {
  /** Executions whose work this process has published (JetStream acknowledged), newest last; bounded. */
  private readonly published = new Set<string>();

  constructor(
    private readonly store: ExecutionStore,
    private readonly publisher: WorkPublisher,
    private readonly inputs: DispatchInputs,
    private readonly timers: ExecutionTimers,
    private readonly notifier: CancelNotifier,
    @Inject(EXECUTOR_SETTINGS) private readonly settings: ExecutorSettings,
    @Inject(LOGGER) private readonly logger: JsonLogger,
  ) {}

  /** Dispatches a pending or retrying execution; republishes a queued one (idempotent: msgID = id + attempt). */
  async dispatch(executionId: string, correlationId?: string, requested?: RecordedEvent): Promise<void> {
    const { state } = (requested && this.store.heldOr(requested)) || (await this.store.load(executionId));
    if (state.status === 'absent') throw new Error(`Execution ${executionId} has no events yet`);
    const needsInputs = state.status === 'pending' || state.status === 'retrying';
    const inputs = needsInputs ? await this.inputs.for(state) : { candidates: [], agent_default_queue: null };
    const handled = await this.store.handle({
      type: 'DispatchExecution',
      data: { execution_id: executionId, ...inputs },
      metadata: executorMetadata(state.request.organization_id, correlationId),
    });
    await this.afterChange(handled, { republish: true, correlationId });
  }

  /** Whether this process has already published the execution's work (its request needs nothing more here). */
  publishedHere(executionId: string): boolean {
    return this.published.has(executionId);
  }

  private notePublished(executionId: string): void {
    this.published.add(executionId);
    if (this.published.size > MAX_REMEMBERED_PUBLISHES) this.published.delete(this.published.values().next().value as string);
  }

  async timeOut(executionId: string, attempt: number, reason: 'timeout' | 'heartbeat'): Promise<void> {
    const { state } = await this.store.load(executionId);
    if (state.status === 'absent') return;
    const handled = await this.store.handle({ type: 'TimeOutExecution', data: { execution_id: executionId, attempt, reason }, metadata: executorMetadata(state.request.organization_id) });
    if (handled.events.length > 0) this.logger.warn('execution attempt timed out', { executionId, attempt, reason });
    await this.afterChange(handled);
  }

  async afterChange(handled: Handled, options: AfterChangeOptions = {}): Promise<void> {
    const { state, events } = handled;
    if (state.status === 'absent') return;
    this.notifyStop(state, events);
    const id = state.request.execution_id;
    switch (state.status) {
      case 'pending':
        return;
      case 'queued':
        this.timers.clear(id);
        if (options.republish || events.some((e) => e.type === 'ExecutionDispatched')) {
          await this.publisher.publish(state, options.correlationId ?? id);
          this.notePublished(id);
        }
        return;
      case 'running':
        return this.armRunning(state);
      case 'retrying':
        return this.armRetry(state);
      case 'completed':
      case 'failed':
      case 'timed_out':
      case 'cancelled':
        this.timers.clear(id);
        return;
      default: {
        const unreachable: never = state;
        return unreachable;
      }
    }
  }

  private notifyStop(state: LiveExecution, events: ExecutionEvent[]): void {
    const stop = events.find((e) => e.type === 'ExecutionTimedOut' || e.type === 'ExecutionCancelled');
    if (!stop) return;
    const reason = stop.type === 'ExecutionCancelled' ? stop.data.reason : stop.type === 'ExecutionTimedOut' ? stop.data.error_message : '';
    this.notifier.notify({ execution_id: state.request.execution_id, attempt: stop.data.attempt, reason, status: state.status });
  }

  private armRunning(state: LiveExecution): void {
    const id = state.request.execution_id;
    const attempt = state.attempt;
    this.timers.clear(id, ['retry']);
    if (state.run?.deadline && !this.timers.has(id, 'deadline')) {
      this.timers.schedule(id, 'deadline', Date.parse(state.run.deadline), () => this.safely(() => this.timeOut(id, attempt, 'timeout'), id));
    }
    if (this.timers.lastSeenAt(id, attempt) === undefined) this.timers.seen(id, attempt);
    if (!this.timers.has(id, 'heartbeat')) this.armWatchdog(id, attempt);
  }

  /** Fires when the last sign of life is older than the heartbeat timeout; otherwise waits for the rest. */
  private armWatchdog(id: string, attempt: number): void {
    const lastSeen = this.timers.lastSeenAt(id, attempt) ?? Date.now();
    this.timers.schedule(id, 'heartbeat', lastSeen + this.settings.heartbeatTimeoutMs, () => {
      const seen = this.timers.lastSeenAt(id, attempt) ?? lastSeen;
      if (Date.now() - seen >= this.settings.heartbeatTimeoutMs) this.safely(() => this.timeOut(id, attempt, 'heartbeat'), id);
      else this.armWatchdog(id, attempt);
    });
  }

  private armRetry(state: LiveExecution): void {
    const id = state.request.execution_id;
    this.timers.clear(id, ['deadline', 'heartbeat']);
    if (!state.retryAt || this.timers.has(id, 'retry')) return;
    this.timers.schedule(id, 'retry', Date.parse(state.retryAt), () => this.safely(() => this.dispatch(id), id));
  }

  /** A timer's work failed (database or NATS down): the periodic sweep re-arms it. */
  private safely(work: () => Promise<void>, executionId: string): void {
    work().catch((error: unknown) => this.logger.error('execution timer failed; the sweep will retry it', { executionId, error }));
  }
}
