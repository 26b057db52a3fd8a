import { abortableSleep } from '@cp/config';
import type { RecordedEvent } from '@cp/contracts';
import type { EventStore } from '@cp/event-store';
import type { SchedulerLogger } from '../slot-runner';

export type EventFollowerHandlers = {
  /** Every event, in store order, exactly once per process (a resumed subscription starts after the last one). */
  onEvent(event: RecordedEvent): void;
  /** Once, when the events that existed at start have all been applied. */
  onCaughtUp(): void;
};

/**
 * Follows the event store from the beginning (the scheduler rebuilds its state from events on every start), then
 * live via the store's catch-up subscription; a broken subscription resumes after the last applied event.
 */
export class EventFollower {
  private readonly abort = new AbortController();
  private running: Promise<void> | null = null;
  private last: string | null = null;
  private caughtUp = false;

  constructor(
    private readonly store: EventStore,
    private readonly handlers: EventFollowerHandlers,
    private readonly logger: SchedulerLogger,
  ) {}

  /** Resolves once caught up with the store as it was when called. */
  async start(): Promise<void> {
    const head = await this.store.headPosition();
    const ready = new Promise<void>((resolve, reject) => {
      this.running = this.run(head, resolve).catch(reject);
    });
    await ready;
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.running;
  }

  private async run(head: string | null, ready: () => void): Promise<void> {
    const markCaughtUp = (): void => {
      if (this.caughtUp) return;
      this.caughtUp = true;
      this.handlers.onCaughtUp();
      ready();
    };
    if (head === null) markCaughtUp();
    let delay = 200;
    while (!this.abort.signal.aborted) {
      try {
        for await (const event of this.store.subscribeAll({ after: this.last, signal: this.abort.signal })) {
          this.handlers.onEvent(event);
          this.last = event.position;
          delay = 200;
          if (!this.caughtUp && head !== null && this.store.comparePositions(event.position, head) >= 0) markCaughtUp();
        }
      } catch (error) {
        if (this.abort.signal.aborted) break;
        this.logger.error('event subscription failed; resuming', { after: this.last, retryInMs: delay, error: (error as Error).message });
      }
      if (!this.abort.signal.aborted) await abortableSleep(delay, this.abort.signal);
      delay = Math.min(delay * 2, 5000);
    }
  }
}
