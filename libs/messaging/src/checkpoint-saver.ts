import type { CheckpointStore } from './checkpoint-store';
import { describeError, type MessagingLogger } from './logger';

/**
 * Batches checkpoint writes: saves after `saveEvery` marks or `intervalMs` after the first unsaved mark,
 * whichever comes first. Writes are serialised so a slow save never overtakes a newer one.
 */
export class CheckpointSaver {
  private pending: string | null = null;
  private count = 0;
  private timer: NodeJS.Timeout | null = null;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: CheckpointStore,
    private readonly name: string,
    private readonly saveEvery: number,
    private readonly intervalMs: number,
    private readonly logger: MessagingLogger,
  ) {}

  mark(position: string): void {
    this.pending = position;
    this.count += 1;
    if (this.count >= this.saveEvery) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.intervalMs);
  }

  /** Saves the newest marked position (if any) and resolves once every write so far has finished. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const position = this.pending;
    if (position === null) return this.chain;
    this.pending = null;
    this.count = 0;
    this.chain = this.chain.then(() => this.save(position));
    return this.chain;
  }

  private async save(position: string): Promise<void> {
    try {
      await this.store.save(this.name, position);
    } catch (err) {
      this.logger.error('could not save checkpoint; will retry', { checkpoint: this.name, position, ...describeError(err) });
      if (this.pending === null) {
        this.pending = position;
        this.timer ??= setTimeout(() => void this.flush(), this.intervalMs);
      }
    }
  }

  /** Stops the timer without saving (used after the final flush). */
  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
