import { type ContractContext, expectStrictlyIncreasing, idsOf, newEvent } from './contract-helpers';

export function describeAppendAndRead(ctx: ContractContext): void {
  describe('append and readStream', () => {
    it('reads back what was appended, with revisions, positions and recording time', async () => {
      const stream = ctx.stream('round-trip');
      const events = [newEvent('JobCreated', { name: 'nightly', nested: { b: 2, a: [1, 'x', null] } }), newEvent('JobEnabled'), newEvent('JobDisabled')];

      const result = await ctx.store().append(stream, events, 'no_stream');
      const read = await ctx.store().readStream(stream);

      expect(result.nextRevision).toBe(2);
      expect(read.map(({ id, streamId, revision, type, data, metadata }) => ({ id, streamId, revision, type, data, metadata }))).toEqual(
        events.map((e, revision) => ({ ...e, streamId: stream, revision })),
      );
      expectStrictlyIncreasing(ctx.store(), read);
      expect(read[2].position).toBe(result.position);
      for (const e of read) expect(new Date(e.recordedAt).toISOString()).toBe(e.recordedAt);
    });

    it('reads backwards, from a revision, and at most maxCount events', async () => {
      const stream = ctx.stream('read-options');
      const events = [newEvent('A'), newEvent('B'), newEvent('C'), newEvent('D')];
      await ctx.store().append(stream, events, 'no_stream');
      const [a, b, c, d] = idsOf(events);

      expect(idsOf(await ctx.store().readStream(stream, { direction: 'backwards' }))).toEqual([d, c, b, a]);
      expect(idsOf(await ctx.store().readStream(stream, { fromRevision: 1 }))).toEqual([b, c, d]);
      expect(idsOf(await ctx.store().readStream(stream, { fromRevision: 2, direction: 'backwards' }))).toEqual([c, b, a]);
      expect(idsOf(await ctx.store().readStream(stream, { maxCount: 2 }))).toEqual([a, b]);
      expect(idsOf(await ctx.store().readStream(stream, { fromRevision: 1, maxCount: 2 }))).toEqual([b, c]);
      expect(idsOf(await ctx.store().readStream(stream, { direction: 'backwards', maxCount: 1 }))).toEqual([d]);
    });

    it('answers reads of many streams asked for at once each as if it were alone', async () => {
      const first = ctx.stream('together-1');
      const second = ctx.stream('together-2');
      const firstEvents = [newEvent('A'), newEvent('B'), newEvent('C')];
      const secondEvents = [newEvent('X'), newEvent('Y')];
      await ctx.store().append(first, firstEvents, 'no_stream');
      await ctx.store().append(second, secondEvents, 'no_stream');
      const [a, b, c] = idsOf(firstEvents);
      const [x, y] = idsOf(secondEvents);

      const reads = await Promise.all([
        ctx.store().readStream(first),
        ctx.store().readStream(second, { direction: 'backwards' }),
        ctx.store().readStream(ctx.stream('together-missing')),
        ctx.store().readStream(first, { fromRevision: 1, maxCount: 1 }),
        ctx.store().readStream(first, { direction: 'backwards', maxCount: 2 }),
        ctx.store().readStream(second, { maxCount: 1 }),
      ]);

      expect(reads.map(idsOf)).toEqual([[a, b, c], [y, x], [], [b], [c, b], [x]]);
      expect(reads[0].map((e) => e.streamId)).toEqual([first, first, first]);
    });

    it('reads a stream that does not exist as empty', async () => {
      expect(await ctx.store().readStream(ctx.stream('never-written'))).toEqual([]);
    });

    it('rejects a batch whose ids are not UUIDs or repeat, and writes nothing', async () => {
      const stream = ctx.stream('bad-batch');
      const twice = newEvent('A');

      await expect(ctx.store().append(stream, [{ ...newEvent('A'), id: 'not-a-uuid' }], 'any')).rejects.toThrow('is not a UUID');
      await expect(ctx.store().append(stream, [twice, twice], 'any')).rejects.toThrow('occurs twice');
      expect(await ctx.store().readStream(stream)).toEqual([]);
    });

    it('appends further batches after the last revision', async () => {
      const stream = ctx.stream('batches');
      await ctx.store().append(stream, [newEvent('A'), newEvent('B')], 'no_stream');

      const second = await ctx.store().append(stream, [newEvent('C')], 1);
      const third = await ctx.store().append(stream, [newEvent('D'), newEvent('E')], 2);

      expect([second.nextRevision, third.nextRevision]).toEqual([2, 4]);
      expect(ctx.store().comparePositions(second.position, third.position)).toBe(-1);
      expect((await ctx.store().readStream(stream)).map((e) => e.revision)).toEqual([0, 1, 2, 3, 4]);
    });
  });
}
