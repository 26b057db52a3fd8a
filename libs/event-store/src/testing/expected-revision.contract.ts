import { WrongExpectedRevisionError } from '../event-store.port';
import { type ContractContext, expectWrongRevision, idsOf, newEvent } from './contract-helpers';

export function describeExpectedRevisions(ctx: ContractContext): void {
  describe('expected revision', () => {
    it("'no_stream' creates a stream once and then conflicts", async () => {
      const stream = ctx.stream('no-stream');
      await ctx.store().append(stream, [newEvent('A')], 'no_stream');
      await expectWrongRevision(ctx.store().append(stream, [newEvent('B')], 'no_stream'), 0);
    });

    it("'stream_exists' conflicts on a missing stream and appends to an existing one", async () => {
      const stream = ctx.stream('stream-exists');
      await expectWrongRevision(ctx.store().append(stream, [newEvent('A')], 'stream_exists'), 'no_stream');
      await ctx.store().append(stream, [newEvent('A')], 'no_stream');
      expect((await ctx.store().append(stream, [newEvent('B')], 'stream_exists')).nextRevision).toBe(1);
    });

    it('an exact revision appends only when it is the current one', async () => {
      const stream = ctx.stream('exact');
      await expectWrongRevision(ctx.store().append(stream, [newEvent('A')], 0), 'no_stream');
      await ctx.store().append(stream, [newEvent('A'), newEvent('B')], 'no_stream');
      await expectWrongRevision(ctx.store().append(stream, [newEvent('C')], 0), 1);
      await expectWrongRevision(ctx.store().append(stream, [newEvent('C')], 2), 1);
      expect((await ctx.store().append(stream, [newEvent('C')], 1)).nextRevision).toBe(2);
    });

    it("'any' appends to missing and existing streams", async () => {
      const stream = ctx.stream('any');
      expect((await ctx.store().append(stream, [newEvent('A')], 'any')).nextRevision).toBe(0);
      expect((await ctx.store().append(stream, [newEvent('B')], 'any')).nextRevision).toBe(1);
    });

    it('a failed append writes nothing', async () => {
      const stream = ctx.stream('failed-writes-nothing');
      const first = [newEvent('A')];
      await ctx.store().append(stream, first, 'no_stream');
      await expectWrongRevision(ctx.store().append(stream, [newEvent('B'), newEvent('C')], 5), 0);
      expect(idsOf(await ctx.store().readStream(stream))).toEqual(idsOf(first));
    });

    it('of two appenders racing with the same expected revision, exactly one wins', async () => {
      for (let round = 0; round < 10; round += 1) {
        const stream = ctx.stream(`race-${round}`);
        await ctx.store().append(stream, [newEvent('Seed')], 'no_stream');
        const contenders = [[newEvent('Left')], [newEvent('Right')]];

        const outcomes = await Promise.allSettled(contenders.map((batch) => ctx.store().append(stream, batch, 0)));

        const winners = outcomes.filter((o) => o.status === 'fulfilled');
        const losers = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []));
        expect(winners).toHaveLength(1);
        expect(losers).toHaveLength(1);
        expect(losers[0]).toBeInstanceOf(WrongExpectedRevisionError);
        const winnerIds = idsOf(contenders[outcomes.indexOf(winners[0])]);
        expect(idsOf(await ctx.store().readStream(stream, { fromRevision: 1 }))).toEqual(winnerIds);
      }
    });

    it("of two appenders racing to create a stream with 'no_stream', exactly one wins", async () => {
      const stream = ctx.stream('race-create');
      const outcomes = await Promise.allSettled([1, 2].map(() => ctx.store().append(stream, [newEvent('Created')], 'no_stream')));
      expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect(await ctx.store().readStream(stream)).toHaveLength(1);
    });
  });

  describe('idempotent re-append', () => {
    it('returns the first result and stores nothing twice', async () => {
      const stream = ctx.stream('idempotent');
      const batch = [newEvent('A'), newEvent('B')];
      const first = await ctx.store().append(stream, batch, 'no_stream');

      const again = await ctx.store().append(stream, batch, 'no_stream');

      expect(again).toEqual(first);
      expect(idsOf(await ctx.store().readStream(stream))).toEqual(idsOf(batch));
    });

    it('still returns the first result after the stream moved on', async () => {
      const stream = ctx.stream('idempotent-later');
      const batch = [newEvent('A')];
      const first = await ctx.store().append(stream, batch, 'no_stream');
      const next = [newEvent('B'), newEvent('C')];
      const second = await ctx.store().append(stream, next, 0);

      expect(await ctx.store().append(stream, batch, 'no_stream')).toEqual(first);
      expect(await ctx.store().append(stream, next, 0)).toEqual(second);
      expect(await ctx.store().append(stream, next, 'any')).toEqual(second);
      expect(idsOf(await ctx.store().readStream(stream))).toEqual(idsOf([...batch, ...next]));
    });
  });
}
