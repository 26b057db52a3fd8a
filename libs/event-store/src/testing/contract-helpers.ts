import { randomUUID } from 'node:crypto';
import type { EventMetadata, RecordedEvent } from '@cp/contracts';
import { type EventStore, type EventToAppend, WrongExpectedRevisionError } from '../event-store.port';

export type ContractContext = {
  store: () => EventStore;
  /** A stream id unique to this run of the suite, so the suite can share a server with other runs. */
  stream: (name: string) => string;
};

const metadata = (): EventMetadata => ({
  organizationId: 'org_contract',
  actor: { id: 'user_contract', email: 'contract@example.com' },
  correlationId: randomUUID(),
  causationId: null,
  schemaVersion: 1,
  occurredAt: '2025-01-01T00:00:00.000Z',
});

export function newEvent(type: string, data: Record<string, unknown> = {}): EventToAppend {
  return { id: randomUUID(), type, data, metadata: metadata() };
}

export const idsOf = (events: Array<{ id: string }>): string[] => events.map((e) => e.id);

export async function expectWrongRevision(attempt: Promise<unknown>, actual: number | 'no_stream'): Promise<void> {
  const error = await attempt.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WrongExpectedRevisionError);
  expect((error as WrongExpectedRevisionError).actual).toEqual(actual);
}

export function expectStrictlyIncreasing(store: EventStore, events: RecordedEvent[]): void {
  for (let i = 1; i < events.length; i += 1) {
    if (store.comparePositions(events[i - 1].position, events[i].position) >= 0) {
      throw new Error(`positions not strictly increasing at index ${i}: ${events[i - 1].position} then ${events[i].position}`);
    }
  }
}

/** Runs a subscription in the background and records what it yields, until `stop()`. */
export class SubscriptionRecorder {
  readonly events: RecordedEvent[] = [];
  readonly finished: Promise<void>;
  private readonly controller = new AbortController();
  private failure: unknown = null;
  private wake: (() => void) | null = null;

  constructor(store: EventStore, after: string | null) {
    this.finished = this.run(store, after);
  }

  async waitFor(what: string, done: (events: RecordedEvent[]) => boolean, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done(this.events)) {
      if (this.failure) throw this.failure;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`subscription did not reach "${what}" within ${timeoutMs} ms (${this.events.length} events seen)`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 200));
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  async stop(): Promise<void> {
    this.controller.abort();
    await this.finished;
    if (this.failure) throw this.failure;
  }

  private async run(store: EventStore, after: string | null): Promise<void> {
    try {
      for await (const event of store.subscribeAll({ after, signal: this.controller.signal })) {
        this.events.push(event);
        this.wake?.();
      }
    } catch (error) {
      this.failure = error;
      this.wake?.();
    }
  }
}
