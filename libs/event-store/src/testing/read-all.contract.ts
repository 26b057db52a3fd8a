import { type ContractContext, expectStrictlyIncreasing, idsOf, newEvent } from './contract-helpers';

export function describeReadAll(ctx: ContractContext): void {
  describe('readAll and headPosition', () => {
    it('reads every stream in append order, strictly after the given position', async () => {
      const [left, right] = [ctx.stream('all-left'), ctx.stream('all-right')];
      const before = await ctx.store().headPosition();
      const l1 = [newEvent('L1'), newEvent('L2')];
      const r1 = [newEvent('R1')];
      const l2 = [newEvent('L3')];
      await ctx.store().append(left, l1, 'no_stream');
      await ctx.store().append(right, r1, 'no_stream');
      const last = await ctx.store().append(left, l2, 1);

      const ours = (await ctx.store().readAll({ after: before })).filter((e) => e.streamId === left || e.streamId === right);

      expect(idsOf(ours)).toEqual(idsOf([...l1, ...r1, ...l2]));
      expectStrictlyIncreasing(ctx.store(), ours);
      expect(ours[3].position).toBe(last.position);
      const afterFirst = await ctx.store().readAll({ after: ours[0].position });
      expect(idsOf(afterFirst.filter((e) => ours.some((o) => o.id === e.id)))).toEqual(idsOf(ours.slice(1)));
    });

    it('reads from the start when no position is given, and at most maxCount events', async () => {
      await ctx.store().append(ctx.stream('all-max'), [newEvent('A'), newEvent('B'), newEvent('C')], 'no_stream');
      const fromStart = await ctx.store().readAll({ maxCount: 2 });
      const head = await ctx.store().headPosition();

      expect(fromStart).toHaveLength(2);
      expectStrictlyIncreasing(ctx.store(), fromStart);
      const page = await ctx.store().readAll({ after: fromStart[0].position, maxCount: 1 });
      expect(idsOf(page)).toEqual([fromStart[1].id]);
      expect(head).not.toBeNull();
      expect(await ctx.store().readAll({ after: head })).toEqual([]);
    });

    it('headPosition is the position of the newest event', async () => {
      const result = await ctx.store().append(ctx.stream('head'), [newEvent('A')], 'no_stream');
      const head = await ctx.store().headPosition();
      expect(head).not.toBeNull();
      expect(ctx.store().comparePositions(head as string, result.position)).toBeGreaterThanOrEqual(0);
      expect(ctx.store().comparePositions(result.position, result.position)).toBe(0);
    });
  });
}
