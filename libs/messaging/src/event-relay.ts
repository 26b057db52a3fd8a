import { headers as natsHeaders, type JetStreamClient } from 'nats';
import { streamCategory, type RecordedEvent, type Subjects } from '@cp/contracts';
import type { EventStore } from '@cp/event-store';
import { Backoff, sleep } from './backoff';
import { CheckpointSaver } from './checkpoint-saver';
import type { CheckpointStore } from './checkpoint-store';
import { CORRELATION_ID_HEADER } from './command-server';
import { encodeJson } from './json';
import { defaultMessagingLogger, describeError, type MessagingLogger } from './logger';

export type EventRelayOptions = {
  store: EventStore;
  js: JetStreamClient;
  subjects: Subjects;
  checkpoints: CheckpointStore;
  /** Checkpoint name; one per relay deployment. */
  name?: string;
  logger?: MessagingLogger;
  saveEvery?: number;
  saveIntervalMs?: number;
  /** Publishes awaiting JetStream's acknowledgement at once (default 128); 1 publishes strictly one by one. */
  maxInFlight?: number;
};

/**
 * Follows the event store from its checkpoint and publishes every event to JetStream EVENTS
 * (`evt.<category>.<type>`, DESIGN.md §5). The checkpoint is saved after the publish is acknowledged, so a
 * crash re-publishes at most the last unsaved batch, which the server drops as duplicates (msgID = event id).
 * Publishes are pipelined (up to maxInFlight awaiting their ack, written to the socket together); the checkpoint only
 * ever covers an unbroken prefix of acknowledged events. A failed publish stops the subscription and the relay starts
 * again from the checkpoint, so no event is skipped.
 */
export class EventRelay {
  private readonly name: string;
  private readonly logger: MessagingLogger;
  private abort: AbortController | null = null;
  private running: Promise<void> | null = null;
  private published: string | null = null;

  constructor(private readonly options: EventRelayOptions) {
    this.name = options.name ?? 'event-relay';
    this.logger = options.logger ?? defaultMessagingLogger;
  }

  /** Position of the last event whose publish was acknowledged by this instance. */
  get lastPublishedPosition(): string | null {
    return this.published;
  }

  start(): void {
    if (this.running) return;
    this.abort = new AbortController();
    this.running = this.run(this.abort.signal);
  }

  /** Stops following, waits for the publish in flight and saves the checkpoint. */
  async stop(): Promise<void> {
    this.abort?.abort();
    await this.running;
    this.running = null;
    this.abort = null;
  }

  private async run(signal: AbortSignal): Promise<void> {
    const backoff = new Backoff(200, 10_000);
    while (!signal.aborted) {
      try {
        await this.follow(signal, () => backoff.reset());
        if (!signal.aborted) throw new Error('event store subscription ended unexpectedly');
      } catch (err) {
        if (signal.aborted) break;
        const delayMs = backoff.next();
        this.logger.error('event relay failed; restarting from checkpoint', { relay: this.name, delayMs, ...describeError(err) });
        await sleep(delayMs, signal);
      }
    }
  }

  private async follow(signal: AbortSignal, onProgress: () => void): Promise<void> {
    const { store, checkpoints, saveEvery = 100, saveIntervalMs = 200, maxInFlight = 128 } = this.options;
    const saver = new CheckpointSaver(checkpoints, this.name, saveEvery, saveIntervalMs, this.logger);
    const subscription = new AbortController();
    const stopSubscription = (): void => subscription.abort();
    signal.addEventListener('abort', stopSubscription, { once: true });
    let acknowledged: Promise<void> = Promise.resolve();
    let inFlight = 0;
    let failure: { error: unknown } | null = null;
    try {
      const after = await checkpoints.load(this.name);
      for await (const event of store.subscribeAll({ after, signal: subscription.signal })) {
        if (failure) break;
        const published = this.publish(event);
        published.catch(() => undefined); // its failure is taken (in order) by the chain below
        inFlight++;
        // Acknowledgements are taken in store order: each event is marked only after every earlier one.
        acknowledged = acknowledged.then(() => published).then(() => {
          inFlight--;
          this.published = event.position;
          saver.mark(event.position);
          onProgress();
        });
        acknowledged.catch((error: unknown) => {
          failure ??= { error };
          subscription.abort();
        });
        if (inFlight >= maxInFlight) await acknowledged.catch(() => undefined);
        if (signal.aborted) break;
      }
      await acknowledged.catch(() => undefined);
      if (failure) throw (failure as { error: unknown }).error;
    } finally {
      signal.removeEventListener('abort', stopSubscription);
      subscription.abort();
      await saver.flush();
      saver.dispose();
    }
  }

  private async publish(event: RecordedEvent): Promise<void> {
    const { js, subjects } = this.options;
    const eventHeaders = natsHeaders();
    if (event.metadata?.correlationId) eventHeaders.set(CORRELATION_ID_HEADER, event.metadata.correlationId);
    await js.publish(subjects.event(streamCategory(event.streamId), event.type), encodeJson(event), { msgID: event.id, headers: eventHeaders });
  }
}
