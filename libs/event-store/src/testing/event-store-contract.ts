import { randomBytes } from 'node:crypto';
import type { EventStore } from '../event-store.port';
import { describeAppendAndRead } from './append-read.contract';
import { describeConcurrency } from './concurrency.contract';
import type { ContractContext } from './contract-helpers';
import { describeExpectedRevisions } from './expected-revision.contract';
import { describeReadAll } from './read-all.contract';
import { describeSubscribeAll } from './subscribe-all.contract';

/** Creates the store under test once per suite; `dispose` removes whatever it created (schema, connections). */
export type EventStoreContractFactory = () => Promise<{ store: EventStore; dispose: () => Promise<void> }>;

/**
 * The behaviour every EventStore adapter must show (DESIGN.md §4), written once and run against each adapter.
 * Stream ids carry a random suffix per run, so the suite may share a server with other runs.
 */
export function describeEventStoreContract(name: string, factory: EventStoreContractFactory): void {
  describe(name, () => {
    const run = randomBytes(6).toString('hex');
    let store: EventStore | null = null;
    let dispose: (() => Promise<void>) | null = null;
    const ctx: ContractContext = {
      store: () => {
        if (!store) throw new Error('the event store under test was not created (see the beforeAll failure)');
        return store;
      },
      stream: (streamName) => `contract-${streamName}-${run}`,
    };

    beforeAll(async () => {
      ({ store, dispose } = await factory());
    }, 60_000);
    afterAll(async () => {
      await dispose?.();
    }, 60_000);

    describeAppendAndRead(ctx);
    describeExpectedRevisions(ctx);
    describeReadAll(ctx);
    describeSubscribeAll(ctx);
    describeConcurrency(ctx);
  });
}
