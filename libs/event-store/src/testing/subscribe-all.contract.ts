import { type ContractContext, idsOf, newEvent, SubscriptionRecorder } from './contract-helpers';

/** Longer than SubscriptionRecorder.waitFor's 30 s, so a stuck subscription fails with its own message. */
const TIMEOUT = 60_000;

export function describeSubscribeAll(ctx: ContractContext): void {
  describe('subscribeAll', () => {
    it('catches up from a checkpoint, then delivers live events', async () => {
      const stream = ctx.stream('subscribe');
      const old = [newEvent('Old1'), newEvent('Old2'), newEvent('Old3')];
      await ctx.store().append(stream, old, 'no_stream');
      const [checkpoint] = await ctx.store().readStream(stream, { maxCount: 1 });
      const subscription = new SubscriptionRecorder(ctx.store(), checkpoint.position);
      const ours = () => subscription.events.filter((e) => e.streamId === stream);
      try {
        await subscription.waitFor('catch-up', () => ours().length >= 2);
        const live = [newEvent('Live1'), newEvent('Live2')];
        await ctx.store().append(stream, live, 2);
        await subscription.waitFor('live events', () => ours().length >= 4);

        expect(idsOf(ours())).toEqual(idsOf([...old.slice(1), ...live]));
      } finally {
        await subscription.stop();
      }
    }, TIMEOUT);

    it('stops when the signal aborts, also while waiting for new events', async () => {
      const stream = ctx.stream('abort');
      await ctx.store().append(stream, [newEvent('A')], 'no_stream');
      const head = await ctx.store().headPosition();
      const subscription = new SubscriptionRecorder(ctx.store(), head);

      await new Promise((resolve) => setTimeout(resolve, 300));
      await subscription.stop();
      await ctx.store().append(stream, [newEvent('AfterStop')], 0);
      await new Promise((resolve) => setTimeout(resolve, 300));

      expect(subscription.events.filter((e) => e.streamId === stream)).toEqual([]);
    }, TIMEOUT);

    it('stops when the consumer breaks out of the loop', async () => {
      const stream = ctx.stream('break');
      const before = await ctx.store().headPosition();
      await ctx.store().append(stream, [newEvent('A'), newEvent('B')], 'no_stream');
      const [first] = await ctx.store().readStream(stream, { maxCount: 1 });
      const seen: string[] = [];
      for await (const event of ctx.store().subscribeAll({ after: before })) {
        seen.push(event.id);
        if (event.id === first.id) break;
      }
      expect(seen).toContain(first.id);
    }, TIMEOUT);

    it('yields nothing for an already aborted signal', async () => {
      const controller = new AbortController();
      controller.abort();
      const seen: unknown[] = [];
      for await (const event of ctx.store().subscribeAll({ after: null, signal: controller.signal })) seen.push(event);
      expect(seen).toEqual([]);
    }, TIMEOUT);
  });
}
