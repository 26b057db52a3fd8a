import { AckPolicy, DeliverPolicy, nanos, NatsError, type ConsumerConfig, type JetStreamManager } from 'nats';

export type DurableConsumerConfig = {
  stream: string;
  durable: string;
  filterSubject?: string;
  /** More than one filter needs NATS server 2.10 or later. */
  filterSubjects?: string[];
  ackWaitMs?: number;
  /** -1 (default) redelivers for ever. */
  maxDeliver?: number;
};

export const DEFAULT_ACK_WAIT_MS = 30_000;

/** Creates the durable pull consumer (explicit ack, deliver all), or updates an existing one. */
export async function ensureDurableConsumer(jsm: JetStreamManager, config: DurableConsumerConfig): Promise<void> {
  const wanted = consumerConfig(config);
  if (await consumerExists(jsm, config.stream, config.durable)) {
    await jsm.consumers.update(config.stream, config.durable, updatableFields(wanted));
    return;
  }
  try {
    await jsm.consumers.add(config.stream, wanted);
  } catch (err) {
    // Another replica created it first; make sure it carries our settings.
    if (!(await consumerExists(jsm, config.stream, config.durable))) throw err;
    await jsm.consumers.update(config.stream, config.durable, updatableFields(wanted));
  }
}

function consumerConfig(config: DurableConsumerConfig): Partial<ConsumerConfig> {
  const filters = [...(config.filterSubject ? [config.filterSubject] : []), ...(config.filterSubjects ?? [])];
  return {
    durable_name: config.durable,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: nanos(config.ackWaitMs ?? DEFAULT_ACK_WAIT_MS),
    max_deliver: config.maxDeliver ?? -1,
    ...(filters.length === 1 ? { filter_subject: filters[0] } : {}),
    ...(filters.length > 1 ? { filter_subjects: filters } : {}),
  };
}

function updatableFields(config: Partial<ConsumerConfig>): Partial<ConsumerConfig> {
  const { durable_name: _durable, ack_policy: _ack, deliver_policy: _deliver, ...rest } = config;
  return rest;
}

async function consumerExists(jsm: JetStreamManager, stream: string, durable: string): Promise<boolean> {
  try {
    await jsm.consumers.info(stream, durable);
    return true;
  } catch (err) {
    if (err instanceof NatsError && err.api_error?.err_code === 10014) return false;
    throw err;
  }
}
