import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { JsonLogger } from '@cp/config';
import { EVENT_STORE, type EventStore } from '@cp/event-store';
import { ExecutionQueries, READ_MODEL_CHECKPOINT, waitForCheckpoint } from '@cp/read-model';
import { LOGGER } from '@cp/runtime';
import { EXECUTOR_READ_MODEL } from '../executor.tokens';
import { EXECUTOR_SETTINGS, type ExecutorSettings } from '../executor.settings';
import { ExecutionLifecycle } from '../shared/execution-lifecycle';
import { ExecutionStore } from '../shared/execution-store';

/**
 * Durable timers: the executor keeps no state of its own, so after a start (or a crash) it scans every unfinished
 * execution and re-derives its effects from the events: re-publish queued attempts (deduplicated by msgID), re-arm
 * deadlines and retries, and give running attempts a fresh heartbeat grace period. A periodic sweep repeats the scan
 * to re-arm anything a failed timer left behind and to dispatch requests whose EVENTS message was lost.
 */
@Injectable()
export class RecoveryService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private sweepTimer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly store: ExecutionStore,
    private readonly lifecycle: ExecutionLifecycle,
    @Inject(ExecutionQueries) private readonly queries: ExecutionQueries,
    @Inject(EXECUTOR_READ_MODEL) private readonly readModel: DataSource,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(EXECUTOR_SETTINGS) private readonly settings: ExecutorSettings,
    @Inject(LOGGER) private readonly logger: JsonLogger,
  ) {}

  onApplicationBootstrap(): void {
    this.running = this.recover().finally(() => this.scheduleSweep());
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.sweepTimer) clearTimeout(this.sweepTimer);
    await this.running;
  }

  private async recover(): Promise<void> {
    const head = await this.eventStore.headPosition().catch(() => null);
    if (head !== null) {
      const caughtUp = await waitForCheckpoint(this.readModel, READ_MODEL_CHECKPOINT, head, this.settings.recoveryCatchUpTimeoutMs, (a, b) => this.eventStore.comparePositions(a, b)).catch(() => false);
      if (!caughtUp) this.logger.warn('read model is behind the event store; recovering what it shows, the sweep catches the rest', { head });
    }
    const recovered = await this.scan(true);
    this.logger.info('recovery scan done', { executions: recovered });
  }

  private scheduleSweep(): void {
    if (this.stopped) return;
    this.sweepTimer = setTimeout(() => {
      this.running = this.scan(false).then(() => undefined).finally(() => this.scheduleSweep());
    }, this.settings.sweepIntervalMs);
  }

  /** Returns how many unfinished executions it looked at. Errors are logged: the next sweep tries again. */
  private async scan(republish: boolean): Promise<number> {
    let ids: string[];
    try {
      ids = await this.queries.activeExecutionIds();
    } catch (error) {
      this.logger.error('could not list unfinished executions', { error });
      return 0;
    }
    for (const id of ids) {
      if (this.stopped) break;
      await this.recoverOne(id, republish).catch((error: unknown) => this.logger.error('could not recover execution', { executionId: id, error }));
    }
    return ids.length;
  }

  private async recoverOne(executionId: string, republish: boolean): Promise<void> {
    const loaded = await this.store.load(executionId);
    if (loaded.state.status === 'pending') return this.lifecycle.dispatch(executionId);
    await this.lifecycle.afterChange({ ...loaded, events: [], position: null }, { republish });
  }
}
