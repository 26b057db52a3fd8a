import { WrongExpectedRevisionError } from '../event-store.port';
import { newEvent } from '../testing/contract-helpers';
import { type AppendOutcome, type GroupState, planAppends } from './append-plan';
import { eventChainHash, eventDataHash } from './event-hash';

const emptyStore = (): GroupState => ({ heads: new Map(), stored: new Map(), storePosition: 0n });
const errorOf = (outcome: AppendOutcome): unknown => ('error' in outcome ? outcome.error : undefined);

/** Deciding a group of appends in memory, from the state read under the append lock. */
describe('planAppends', () => {
  it('gives the events of the accepted appends consecutive positions after the store position, in queue order', () => {
    const plan = planAppends(
      [
        { streamId: 'a', events: [newEvent('A1'), newEvent('A2')], expected: 'no_stream' },
        { streamId: 'b', events: [newEvent('B1')], expected: 'no_stream' },
      ],
      { ...emptyStore(), storePosition: 41n },
    );
    expect(plan.outcomes).toEqual([{ ok: { nextRevision: 1, position: '43' } }, { ok: { nextRevision: 0, position: '44' } }]);
    expect(plan.rows.map((r) => [r.position, r.streamId, r.revision])).toEqual([['42', 'a', 0], ['43', 'a', 1], ['44', 'b', 0]]);
    expect(plan.heads).toEqual(new Map([['a', 1], ['b', 0]]));
  });

  it('continues a stream from its stored head, revision and hash chain', () => {
    const event = newEvent('Next');
    const plan = planAppends(
      [{ streamId: 's', events: [event], expected: 4 }],
      { heads: new Map([['s', { revision: 4, chainHash: 'abc', lastPosition: '9' }]]), stored: new Map(), storePosition: 12n },
    );
    expect(plan.rows).toEqual([expect.objectContaining({ position: '13', revision: 5, dataHash: eventDataHash(event), chainHash: eventChainHash('abc', eventDataHash(event)) })]);
  });

  it('lets a later append see the stream head an earlier append of the group wrote', () => {
    const [first, second] = [newEvent('First'), newEvent('Second')];
    const plan = planAppends(
      [
        { streamId: 's', events: [first], expected: 'no_stream' },
        { streamId: 's', events: [newEvent('Stale')], expected: 'no_stream' },
        { streamId: 's', events: [second], expected: 0 },
      ],
      emptyStore(),
    );
    expect(errorOf(plan.outcomes[1])).toEqual(new WrongExpectedRevisionError('s', 'no_stream', 0));
    expect(plan.rows.map((r) => [r.position, r.revision])).toEqual([['1', 0], ['2', 1]]);
    expect(plan.rows[1].chainHash).toBe(eventChainHash(eventChainHash('', eventDataHash(first)), eventDataHash(second)));
    expect(plan.heads).toEqual(new Map([['s', 1]]));
  });

  it('leaves nothing behind of a rejected append', () => {
    const plan = planAppends(
      [
        { streamId: 's', events: [newEvent('Stale')], expected: 3 },
        { streamId: 's', events: [newEvent('Created')], expected: 'no_stream' },
      ],
      emptyStore(),
    );
    expect(plan.outcomes.map((o) => 'ok' in o)).toEqual([false, true]);
    expect(plan.rows.map((r) => [r.type, r.position, r.revision])).toEqual([['Created', '1', 0]]);
  });

  it('answers a replay of a stored batch, or of one appended earlier in the group, as the first time', () => {
    const stored = newEvent('Stored');
    const batch = [newEvent('One'), newEvent('Two')];
    const plan = planAppends(
      [
        { streamId: 'old', events: [{ ...stored, id: stored.id.toUpperCase() }], expected: 'no_stream' },
        { streamId: 'new', events: batch, expected: 'no_stream' },
        { streamId: 'new', events: batch, expected: 'no_stream' },
      ],
      {
        heads: new Map([['old', { revision: 0, chainHash: 'h', lastPosition: '7' }]]),
        stored: new Map([[stored.id, { id: stored.id, streamId: 'old', revision: 0, position: '7' }]]),
        storePosition: 7n,
      },
    );
    expect(plan.outcomes).toEqual([{ ok: { nextRevision: 0, position: '7' } }, { ok: { nextRevision: 1, position: '9' } }, { ok: { nextRevision: 1, position: '9' } }]);
    expect(plan.rows).toHaveLength(2);
  });

  it('rejects an append whose event id is stored in another stream or was appended earlier in the group', () => {
    const shared = newEvent('Shared');
    const plan = planAppends(
      [
        { streamId: 'first', events: [shared], expected: 'any' },
        { streamId: 'second', events: [newEvent('Own'), shared], expected: 'any' },
      ],
      emptyStore(),
    );
    expect(String(errorOf(plan.outcomes[1]))).toContain(`event id ${shared.id} is already stored in first at revision 0`);
    expect(plan.rows.map((r) => r.streamId)).toEqual(['first']);
  });

  it('rejects only the append whose events cannot be serialised', () => {
    const plan = planAppends(
      [
        { streamId: 'bad', events: [{ ...newEvent('Bad'), data: { n: 1n } }], expected: 'any' },
        { streamId: 'good', events: [newEvent('Good')], expected: 'any' },
      ],
      emptyStore(),
    );
    expect(errorOf(plan.outcomes[0])).toBeInstanceOf(TypeError);
    expect(plan.rows.map((r) => [r.streamId, r.position])).toEqual([['good', '1']]);
  });

  it('answers an empty append with the stream head and writes nothing', () => {
    const plan = planAppends(
      [{ streamId: 's', events: [], expected: 2 }, { streamId: 'none', events: [], expected: 'any' }],
      { ...emptyStore(), heads: new Map([['s', { revision: 2, chainHash: 'h', lastPosition: '5' }]]) },
    );
    expect(plan.outcomes).toEqual([{ ok: { nextRevision: 2, position: '5' } }, { ok: { nextRevision: -1, position: '0' } }]);
    expect(plan.rows).toEqual([]);
  });
});
