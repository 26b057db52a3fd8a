import type { DataSource } from 'typeorm';
import { readCheckpoint } from './checkpoint.store';

type Waiter = { position: string; resolve: (reached: boolean) => void; timer: NodeJS.Timeout };

/**
 * Read-your-writes for a whole process: any number of callers wait for the checkpoint of `name` to reach their
 * position, and one loop reads the checkpoint for all of them (every `pollMs` while anyone waits, never when no one
 * does). Waiting callers thus cost one query per poll in total, not one each.
 */
export class CheckpointWatcher {
  private waiters: Waiter[] = [];
  private polling: Promise<void> | null = null;
  private seen: string | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly name: string,
    private readonly comparePositions: (a: string, b: string) => number,
    private readonly pollMs = 5,
  ) {}

  /** Resolves true once the checkpoint is at or past `position`, false when `timeoutMs` passes first. */
  waitFor(position: string, timeoutMs: number): Promise<boolean> {
    if (this.reached(position)) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        position,
        resolve,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          resolve(this.reached(position));
        }, Math.max(0, timeoutMs)),
      };
      this.waiters.push(waiter);
      this.polling ??= this.poll().finally(() => (this.polling = null));
    });
  }

  private reached(position: string): boolean {
    return this.seen !== null && this.comparePositions(this.seen, position) >= 0;
  }

  private async poll(): Promise<void> {
    while (this.waiters.length > 0) {
      try {
        this.seen = await readCheckpoint(this.dataSource, this.name);
      } catch {
        // The database is briefly unreachable: the waiters' timeouts bound the wait; try again next round.
      }
      const still: Waiter[] = [];
      for (const waiter of this.waiters) {
        if (this.reached(waiter.position)) {
          clearTimeout(waiter.timer);
          waiter.resolve(true);
        } else {
          still.push(waiter);
        }
      }
      this.waiters = still;
      if (still.length > 0) await new Promise((resolve) => setTimeout(resolve, this.pollMs));
    }
  }
}
