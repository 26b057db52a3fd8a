import type { EventToAppend } from '../event-store.port';
import { type ContractContext, expectStrictlyIncreasing, newEvent, SubscriptionRecorder } from './contract-helpers';

const APPENDERS = 20;
const APPENDS_EACH = 50;
const SHARED_STREAMS = 3;

/** One appender: its own stream with exact revisions, interleaved with 'any' appends to shared streams. */
async function runAppender(ctx: ContractContext, index: number, appended: EventToAppend[]): Promise<void> {
  const own = ctx.stream(`own-${index}`);
  let ownRevision: number | 'no_stream' = 'no_stream';
  for (let i = 0; i < APPENDS_EACH; i += 1) {
    const batch = i % 10 === 9 ? [newEvent('Pair', { index, i }), newEvent('Pair', { index, i })] : [newEvent('Single', { index, i })];
    if (i % 2 === 0) {
      ownRevision = (await ctx.store().append(own, batch, ownRevision)).nextRevision;
    } else {
      await ctx.store().append(ctx.stream(`shared-${(index + i) % SHARED_STREAMS}`), batch, 'any');
    }
    appended.push(...batch);
  }
}

export function describeConcurrency(ctx: ContractContext): void {
  describe('concurrent appends seen by a $all follower', () => {
    it(`a follower sees every event exactly once, in position order (${APPENDERS} appenders x ${APPENDS_EACH} appends)`, async () => {
      const start = await ctx.store().headPosition();
      const follower = new SubscriptionRecorder(ctx.store(), start);
      const appended: EventToAppend[] = [];
      try {
        await Promise.all(Array.from({ length: APPENDERS }, (_, index) => runAppender(ctx, index, appended)));
        const head = await ctx.store().headPosition();
        await follower.waitFor('the head position', (seen) => seen.length > 0 && ctx.store().comparePositions(seen[seen.length - 1].position, head as string) >= 0, 120_000);
      } finally {
        await follower.stop();
      }

      const appendedIds = new Set(appended.map((e) => e.id));
      const seenOurs = follower.events.filter((e) => appendedIds.has(e.id)).map((e) => e.id);
      const seenSet = new Set(seenOurs);
      expect(appended).toHaveLength(APPENDERS * (APPENDS_EACH + APPENDS_EACH / 10));
      expect({ missed: [...appendedIds].filter((id) => !seenSet.has(id)), duplicates: seenOurs.length - seenSet.size }).toEqual({ missed: [], duplicates: 0 });
      expectStrictlyIncreasing(ctx.store(), follower.events);
    }, 180_000);
  });
}
