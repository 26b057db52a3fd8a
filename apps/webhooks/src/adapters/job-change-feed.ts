import { ConsumerEvents, DeliverPolicy, type ConsumerMessages, type NatsConnection } from 'nats';
import type { JsonLogger } from '@cp/config';
import type { RecordedEvent, Subjects } from '@cp/contracts';
import { decodeJson, ensureStreams } from '@cp/messaging';

export type JobChangeListener = {
  jobChanged(jobId: string, revision: number): void;
  /** Changes may have been missed (the feed was cut off for a while). */
  clear(): void;
};

/**
 * Job events from JetStream EVENTS (`evt.job.*`, published by the projector's relay) as they happen, through an
 * ephemeral ordered consumer that starts with the newest events: this process only needs to hear of changes made
 * from now on. The ordered consumer resumes after the last message it saw; a missed heartbeat or a re-created
 * consumer still tells the listener to forget everything, since changes may have gone by meanwhile.
 */
export class JobChangeFeed {
  private messages: ConsumerMessages | null = null;
  private loops: Promise<void>[] = [];

  constructor(
    private readonly nats: NatsConnection,
    private readonly subjects: Subjects,
    private readonly listener: JobChangeListener,
    private readonly logger: JsonLogger,
  ) {}

  async start(): Promise<void> {
    await ensureStreams(await this.nats.jetstreamManager(), this.subjects);
    const consumer = await this.nats.jetstream().consumers.get(this.subjects.eventsStream, {
      filterSubjects: this.subjects.eventsOfCategory('job'),
      deliver_policy: DeliverPolicy.New,
    });
    this.messages = await consumer.consume();
    this.loops = [this.readEvents(this.messages), this.watchStatus(this.messages)];
  }

  async stop(): Promise<void> {
    await this.messages?.close();
    await Promise.all(this.loops);
  }

  private async readEvents(messages: ConsumerMessages): Promise<void> {
    for await (const message of messages) {
      const event = decodeJson(message.data) as RecordedEvent | undefined;
      if (typeof event?.data?.job_id === 'string') this.listener.jobChanged(event.data.job_id, event.revision);
    }
  }

  private async watchStatus(messages: ConsumerMessages): Promise<void> {
    for await (const status of await messages.status()) {
      if (status.type === ConsumerEvents.HeartbeatsMissed || status.type === ConsumerEvents.OrderedConsumerRecreated) {
        this.logger.warn('job change feed interrupted; webhook job cache cleared', { status: status.type });
        this.listener.clear();
      }
    }
  }
}
