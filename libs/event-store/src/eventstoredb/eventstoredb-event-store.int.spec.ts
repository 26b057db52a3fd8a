import { describeEventStoreContract } from '../testing/event-store-contract';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

// Runs only against a real server, e.g. EVENTSTOREDB_URL='esdb://127.0.0.1:2113?tls=false'. Stream ids are
// unique per run, so a shared server is fine.
const url = process.env.EVENTSTOREDB_URL;

if (url) {
  jest.setTimeout(30_000); // a remote server answers slower than the local PostgreSQL the defaults are tuned for
  describeEventStoreContract('EventStoreDB event store contract', async () => {
    const store = EventStoreDbEventStore.fromConnectionString(url);
    return { store, dispose: () => store.close() };
  });
} else {
  console.warn('EventStoreDB contract suite skipped: EVENTSTOREDB_URL not set (e.g. esdb://127.0.0.1:2113?tls=false)');
  describe.skip('EventStoreDB contract (skipped: EVENTSTOREDB_URL not set)', () => {
    it('runs the event store contract suite against EventStoreDB', () => undefined);
  });
}
