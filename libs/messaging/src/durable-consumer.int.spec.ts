import { consumeDurable, withWorkingHeartbeat, type DurableConsumerHandle } from './durable-consumer';
import { encodeJson } from './json';
import type { MessagingLogger } from './logger';
import { ensureStreams } from './streams';
import { eventually, natsTestEnv, type NatsTestEnv } from './test-support/nats-test-env';

const silent: MessagingLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };
type Work = { n: number };

describe('durable pull consumer', () => {
  let env: NatsTestEnv;
  const handles: DurableConsumerHandle[] = [];

  beforeEach(async () => {
    env = await natsTestEnv('durable');
    await ensureStreams(env.jsm, env.subjects);
  });
  afterEach(async () => {
    await Promise.all(handles.splice(0).map((h) => h.stop()));
    await env.close();
  });

  const publishWork = async (queue: string, ...items: Work[]) => {
    for (const item of items) await env.js.publish(env.subjects.work(queue), encodeJson(item));
  };
  const consume = async (options: Partial<Parameters<typeof consumeDurable<Work>>[2]> & Pick<Parameters<typeof consumeDurable<Work>>[2], 'handler'>) => {
    const handle = await consumeDurable<Work>(env.js, env.jsm, { stream: env.subjects.workStream, durable: 'workers', logger: silent, ...options });
    handles.push(handle);
    return handle;
  };

  it('acks a handled message so it is never delivered again', async () => {
    const seen: Work[] = [];
    await consume({ handler: async (work) => void seen.push(work) });

    await publishWork('default', { n: 1 }, { n: 2 });

    await eventually(() => seen.length === 2, 'both messages handled');
    await eventually(async () => (await env.jsm.streams.info(env.subjects.workStream)).state.messages === 0, 'work queue emptied by the acks');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(seen).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('redelivers a message whose handler failed (nak), until it succeeds', async () => {
    const deliveries: number[] = [];
    await consume({
      nakDelayMs: 50,
      handler: async (_work, msg) => {
        deliveries.push(msg.info.deliveryCount);
        if (msg.info.deliveryCount < 3) throw new Error('transient failure');
      },
    });

    await publishWork('default', { n: 1 });

    await eventually(() => deliveries.length === 3, 'three deliveries');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(deliveries).toEqual([1, 2, 3]);
  });

  it('stops redelivering after maxDeliver attempts', async () => {
    const deliveries: number[] = [];
    await consume({
      maxDeliver: 2,
      nakDelayMs: 20,
      handler: async (_work, msg) => {
        deliveries.push(msg.info.deliveryCount);
        throw new Error('permanent failure');
      },
    });

    await publishWork('default', { n: 1 });

    await eventually(() => deliveries.length === 2, 'two deliveries');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(deliveries).toEqual([1, 2]);
  });

  it('only reads the subjects of its filter', async () => {
    const seen: Work[] = [];
    await consume({ durable: 'env-prod', filterSubject: env.subjects.work('env.prod'), handler: async (work) => void seen.push(work) });

    await publishWork('default', { n: 1 });
    await publishWork('env.prod', { n: 2 });

    await eventually(() => seen.length === 1, 'the filtered message');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(seen).toEqual([{ n: 2 }]);
  });

  it('handles up to `concurrency` messages at once', async () => {
    let running = 0;
    let maxRunning = 0;
    let done = 0;
    await consume({
      concurrency: 3,
      handler: async () => {
        running += 1;
        maxRunning = Math.max(maxRunning, running);
        await new Promise((resolve) => setTimeout(resolve, 150));
        running -= 1;
        done += 1;
      },
    });

    await publishWork('default', ...Array.from({ length: 9 }, (_, n) => ({ n })));

    await eventually(() => done === 9, 'all nine handled');
    expect(maxRunning).toBe(3);
  });

  it('keeps a long-running message from being redelivered while the handler reports progress', async () => {
    const deliveries: number[] = [];
    let done = false;
    await consume({
      ackWaitMs: 1_000,
      handler: (_work, msg) =>
        withWorkingHeartbeat(msg, 250, async () => {
          deliveries.push(msg.info.deliveryCount);
          await new Promise((resolve) => setTimeout(resolve, 2_500));
          done = true;
        }),
    });

    await publishWork('default', { n: 1 });

    await eventually(() => done, 'the long handler to finish');
    expect(deliveries).toEqual([1]);
  });

  it('resumes where the durable left off after a restart', async () => {
    const seen: number[] = [];
    const first = await consume({ handler: async (work) => void seen.push(work.n) });
    await publishWork('default', { n: 1 });
    await eventually(() => seen.length === 1, 'first message');
    await first.stop();

    await publishWork('default', { n: 2 });
    await consume({ handler: async (work) => void seen.push(work.n) });

    await eventually(() => seen.length === 2, 'second message');
    expect(seen).toEqual([1, 2]);
  });
});
