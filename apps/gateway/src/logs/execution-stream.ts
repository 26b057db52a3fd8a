import { executionStreamId, type ExecutionEvent, type ExecutionStatus, type RecordedEvent } from '@cp/contracts';
import { evolveExecution, initialExecutionState, type ExecutionState } from '@cp/domain';
import type { EventStore } from '@cp/event-store';
import { isAfter, isTerminalMessage, toSseMessages, type SseMessage, type SsePosition } from './execution-sse';
import type { ExecutionLiveFeed } from './execution-live-feed';

export type StreamTarget = {
  send(message: SseMessage): Promise<void>;
  /** Aborted when the client goes away. */
  signal: AbortSignal;
};

/** Without a live event, the store is read again after this long (a lost notification or a stopped relay). */
const POLL_MS = 1_000;

/**
 * Follows one execution stream for one SSE client: replays the stored events after `resumeAfter`, then live ones,
 * until the terminal event. Every event is taken in stream-revision order, from the live feed only when it is the
 * very next revision and from the event store otherwise, so nothing between replay and live is lost or doubled.
 */
export class ExecutionStreamFollower {
  private state: ExecutionState = initialExecutionState();
  private nextRevision = 0;
  private readonly pending: RecordedEvent[] = [];
  private wake: (() => void) | null = null;

  constructor(private readonly eventStore: EventStore, private readonly feed: ExecutionLiveFeed, private readonly executionId: string) {}

  /** The stored events so far: the organization check and the current status come from them. */
  async open(): Promise<{ organizationId: string | null; status: ExecutionStatus | null; events: RecordedEvent[] }> {
    const events = await this.eventStore.readStream(executionStreamId(this.executionId));
    return { organizationId: events[0]?.metadata.organizationId ?? null, status: this.fold(events), events };
  }

  async follow(initial: RecordedEvent[], resumeAfter: SsePosition | null, target: StreamTarget): Promise<void> {
    const stopListening = this.feed.listen(this.executionId, (event) => {
      this.pending.push(event);
      this.wake?.();
    });
    try {
      let state = initialExecutionState();
      let batch = initial;
      for (;;) {
        for (const event of batch) {
          state = evolveExecution(state, event as unknown as ExecutionEvent);
          if (state.status === 'absent') continue;
          for (const message of toSseMessages(event as RecordedEvent<ExecutionEvent>, state.status)) {
            if (!isAfter(position(message), resumeAfter)) continue;
            await target.send(message);
            if (isTerminalMessage(message)) return;
          }
        }
        if (isFinished(state) || target.signal.aborted) return;
        batch = await this.nextEvents(target.signal);
      }
    } finally {
      stopListening();
    }
  }

  private fold(events: RecordedEvent[]): ExecutionStatus | null {
    for (const event of events) this.state = evolveExecution(this.state, event as unknown as ExecutionEvent);
    this.nextRevision = events.length > 0 ? events[events.length - 1].revision + 1 : 0;
    return this.state.status === 'absent' ? null : this.state.status;
  }

  /** The events after the last one taken: the live ones when they connect, else (after a wake-up or poll) the store's. */
  private async nextEvents(signal: AbortSignal): Promise<RecordedEvent[]> {
    for (;;) {
      const live = this.takeContiguousLive();
      if (live.length > 0) return live;
      if (this.pending.length === 0) await this.sleep(signal);
      if (signal.aborted) return [];
      this.pending.length = 0;
      const stored = await this.eventStore.readStream(executionStreamId(this.executionId), { fromRevision: this.nextRevision });
      if (stored.length > 0) return this.advance(stored);
    }
  }

  private takeContiguousLive(): RecordedEvent[] {
    this.pending.sort((a, b) => a.revision - b.revision);
    while (this.pending.length > 0 && this.pending[0].revision < this.nextRevision) this.pending.shift();
    const taken: RecordedEvent[] = [];
    while (this.pending.length > 0 && this.pending[0].revision === this.nextRevision + taken.length) taken.push(this.pending.shift() as RecordedEvent);
    return taken.length > 0 ? this.advance(taken) : taken;
  }

  private advance(events: RecordedEvent[]): RecordedEvent[] {
    this.nextRevision = events[events.length - 1].revision + 1;
    return events;
  }

  private sleep(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, POLL_MS);
      signal.addEventListener('abort', done, { once: true });
      this.wake = done;
    });
  }
}

const position = (message: SseMessage): SsePosition => {
  const [revision, index] = (message.id ?? '0.0').split('.').map(Number);
  return { revision, index };
};

const isFinished = (state: ExecutionState): boolean =>
  state.status === 'completed' || state.status === 'failed' || state.status === 'timed_out' || state.status === 'cancelled';
