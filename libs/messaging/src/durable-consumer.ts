import type { Consumer, ConsumerMessages, JetStreamClient, JetStreamManager, JsMsg } from 'nats';
import { Backoff, sleep } from './backoff';
import { ConcurrencyLimiter } from './concurrency-limiter';
import { ensureDurableConsumer, type DurableConsumerConfig } from './durable-consumer-setup';
import { decodeJson } from './json';
import { defaultMessagingLogger, describeError, type MessagingLogger } from './logger';

export type DurableHandler<T> = (data: T, msg: JsMsg) => Promise<void>;

export type ConsumeDurableOptions<T> = DurableConsumerConfig & {
  handler: DurableHandler<T>;
  /** Messages handled at the same time by this process (default 1). */
  concurrency?: number;
  /** Delay before a failed message is redelivered; by default 1 s doubling per delivery, capped at 30 s. */
  nakDelayMs?: number | ((deliveryCount: number) => number);
  logger?: MessagingLogger;
};

export type DurableConsumerHandle = {
  /** Stops pulling and waits for the handlers still running to ack or nak. */
  stop(): Promise<void>;
};

/**
 * Reads a durable pull consumer in a `for await` loop (nats.js JetStream examples): explicit ack on success,
 * nak with a delay on failure, at most `concurrency` handlers at once. Survives consumer errors by re-consuming.
 */
export async function consumeDurable<T = unknown>(js: JetStreamClient, jsm: JetStreamManager, options: ConsumeDurableOptions<T>): Promise<DurableConsumerHandle> {
  await ensureDurableConsumer(jsm, options);
  const consumer = await js.consumers.get(options.stream, options.durable);
  const limiter = new ConcurrencyLimiter(options.concurrency ?? 1);
  const abort = new AbortController();
  const current: { messages: ConsumerMessages | null } = { messages: null };
  const loop = pullLoop(consumer, options, limiter, abort.signal, current);
  return {
    async stop() {
      abort.abort();
      await current.messages?.close().catch(() => undefined);
      await loop;
      await limiter.idle();
    },
  };
}

async function pullLoop<T>(
  consumer: Consumer,
  options: ConsumeDurableOptions<T>,
  limiter: ConcurrencyLimiter,
  signal: AbortSignal,
  current: { messages: ConsumerMessages | null },
): Promise<void> {
  const logger = options.logger ?? defaultMessagingLogger;
  const backoff = new Backoff(500, 10_000);
  while (!signal.aborted) {
    try {
      current.messages = await consumer.consume({ max_messages: options.concurrency ?? 1 });
      if (signal.aborted) await current.messages.close();
      for await (const msg of current.messages) {
        await limiter.acquire();
        if (signal.aborted) {
          msg.nak();
          limiter.release();
          continue;
        }
        backoff.reset();
        void handleMessage(msg, options, logger).finally(() => limiter.release());
      }
    } catch (err) {
      if (!signal.aborted) logger.error('durable consumer failed; resuming', { stream: options.stream, durable: options.durable, ...describeError(err) });
    }
    if (!signal.aborted) await sleep(backoff.next(), signal);
  }
}

async function handleMessage<T>(msg: JsMsg, options: ConsumeDurableOptions<T>, logger: MessagingLogger): Promise<void> {
  const where = { stream: options.stream, durable: options.durable, subject: msg.subject, seq: msg.seq, deliveryCount: msg.info.deliveryCount };
  let data: T;
  try {
    data = decodeJson(msg.data) as T;
  } catch (err) {
    logger.error('message is not valid JSON; terminating it', { ...where, ...describeError(err) });
    msg.term();
    return;
  }
  try {
    await options.handler(data, msg);
    msg.ack();
  } catch (err) {
    const maxDeliver = options.maxDeliver ?? -1;
    const giveUp = maxDeliver > 0 && msg.info.deliveryCount >= maxDeliver;
    logger.error(giveUp ? 'message handler failed on its last delivery; giving up' : 'message handler failed; will redeliver', { ...where, ...describeError(err) });
    if (giveUp) msg.term();
    else msg.nak(nakDelay(options.nakDelayMs, msg.info.deliveryCount));
  }
}

function nakDelay(option: ConsumeDurableOptions<unknown>['nakDelayMs'], deliveryCount: number): number {
  if (typeof option === 'number') return option;
  if (typeof option === 'function') return option(deliveryCount);
  return Math.min(30_000, 1_000 * 2 ** Math.max(0, deliveryCount - 1));
}

/** Runs `work` while telling the server every `intervalMs` that the message is still being worked on. */
export async function withWorkingHeartbeat<R>(msg: JsMsg, intervalMs: number, work: () => Promise<R>): Promise<R> {
  const timer = setInterval(() => msg.working(), intervalMs);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
