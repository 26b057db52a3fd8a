import { abortableSleep } from '@cp/config';
import { EventEmitter } from 'node:events';
import type { DataSource } from 'typeorm';
import type { RecordedEvent } from '@cp/contracts';
import type { EventStore } from '@cp/event-store';
import { BatchProjector } from './batch-projector';
import { advanceCheckpoint, readCheckpoint } from './checkpoint.store';
import { batchEvents } from './event-batches';
import type { Projection, ProjectionLogger, ProjectionProgress } from './projection';

export type ProjectionRunnerOptions = {
  dataSource: DataSource;
  eventStore: EventStore;
  /** Checkpoint name; one runner per name at a time (a second one only ever retries, never skips). */
  name: string;
  projections: Projection[];
  logger?: ProjectionLogger;
  /** Most events applied in one transaction (default 200). */
  maxBatchSize?: number;
  /** Longest time spent gathering one batch (default 50 ms). */
  maxBatchWaitMs?: number;
  /** Back-off after a failure: doubles from initialDelayMs up to maxDelayMs (defaults 100 ms, 5 s). */
  retry?: { initialDelayMs?: number; maxDelayMs?: number };
};

/**
 * Follows the event store from the stored checkpoint and applies events to the read models, a batch at a time
 * (BatchProjector: rows loaded and written in bulk); the rows and the checkpoint commit in one transaction.
 * On failure it logs, backs off and resumes from the last committed checkpoint.
 * Events: 'progress' (ProjectionProgress) after each commit, 'failure' ({ error, retryInMs }) after each failure.
 */
export class ProjectionRunner extends EventEmitter {
  private readonly stopping = new AbortController();
  private readonly projector: BatchProjector;
  private readonly logger: ProjectionLogger;
  private committed: string | null = null;
  private loop: Promise<void> | null = null;

  constructor(private readonly options: ProjectionRunnerOptions) {
    super();
    const schema = (options.dataSource.options as { schema?: string }).schema;
    if (!schema) throw new Error('The projection runner needs a read-model DataSource with a schema; create it with createReadModelDataSource()');
    this.projector = new BatchProjector(options.projections, schema);
    this.logger = options.logger ?? stderrLogger;
  }

  get name(): string {
    return this.options.name;
  }

  /** Starts following the store; resolves once the checkpoint is loaded. `signal` stops the runner like stop(). */
  async start(signal?: AbortSignal): Promise<void> {
    if (this.loop) throw new Error(`Projection runner ${this.name} is already started`);
    signal?.addEventListener('abort', () => this.stopping.abort(), { once: true });
    this.committed = await readCheckpoint(this.options.dataSource, this.name);
    this.logger.info('projection runner started', { projection: this.name, after: this.committed });
    this.loop = this.runUntilStopped();
  }

  /** Ends the subscription after the transaction in flight has committed. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.loop;
  }

  /** The committed checkpoint, read from the database. */
  async checkpoint(): Promise<string | null> {
    return readCheckpoint(this.options.dataSource, this.name);
  }

  private async runUntilStopped(): Promise<void> {
    const initialDelay = this.options.retry?.initialDelayMs ?? 100;
    const maxDelay = this.options.retry?.maxDelayMs ?? 5000;
    let delay = initialDelay;
    while (!this.stopping.signal.aborted) {
      try {
        if (await this.follow()) delay = initialDelay;
        if (!this.stopping.signal.aborted) throw new Error('The event store subscription ended unexpectedly');
      } catch (error) {
        if (this.stopping.signal.aborted) break;
        this.logger.error('projection failed; restarting from the last committed checkpoint', { projection: this.name, checkpoint: this.committed, error: describe(error), retryInMs: delay });
        this.emit('failure', { error, retryInMs: delay });
        await abortableSleep(delay, this.stopping.signal);
        delay = Math.min(delay * 2, maxDelay);
        this.committed = await readCheckpoint(this.options.dataSource, this.name).catch(() => this.committed);
      }
    }
    this.logger.info('projection runner stopped', { projection: this.name, checkpoint: this.committed });
  }

  /** One subscription from the committed checkpoint; returns whether any batch committed. */
  private async follow(): Promise<boolean> {
    const attempt = new AbortController();
    const stop = (): void => attempt.abort();
    this.stopping.signal.addEventListener('abort', stop, { once: true });
    let progressed = false;
    try {
      const events = this.options.eventStore.subscribeAll({ after: this.committed, signal: attempt.signal });
      const batches = batchEvents(events, { maxSize: this.options.maxBatchSize ?? 200, maxWaitMs: this.options.maxBatchWaitMs ?? 50, signal: attempt.signal });
      for await (const batch of batches) {
        try {
          await this.commit(batch);
          progressed = true;
        } catch (error) {
          attempt.abort();
          throw error;
        }
      }
      return progressed;
    } finally {
      attempt.abort();
      this.stopping.signal.removeEventListener('abort', stop);
    }
  }

  private async commit(batch: RecordedEvent[]): Promise<void> {
    const position = batch[batch.length - 1].position;
    await this.options.dataSource.transaction(async (manager) => {
      await this.projector.apply(batch, manager);
      await advanceCheckpoint(manager, this.name, this.committed, position);
    });
    this.committed = position;
    const progress: ProjectionProgress = { name: this.name, position, events: batch.length };
    this.emit('progress', progress);
  }
}

/** Without a logger, warnings and errors still reach stderr as JSON lines. */
const stderrLogger: ProjectionLogger = {
  info: () => undefined,
  warn: (msg, fields) => process.stderr.write(`${JSON.stringify({ level: 'warn', service: 'projection-runner', msg, time: new Date().toISOString(), ...fields })}\n`),
  error: (msg, fields) => process.stderr.write(`${JSON.stringify({ level: 'error', service: 'projection-runner', msg, time: new Date().toISOString(), ...fields })}\n`),
};

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
