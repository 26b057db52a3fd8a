import { describeEventStoreContract } from '../testing/event-store-contract';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

// Runs only against a real server, e.g. EVENTSTOREDB_URL='esdb://127.0.0.1:2113?tls=false'. Stream ids are
// unique per run, so a shared server is fine.
const url = process.env.EVENTSTOREDB_URL;

if (url) {
  describeEventStoreContract('EventStoreDB event store contract', async () => {
    const store = EventStoreDbEventStore.fromConnectionString(url);
    return { store, dispose: () => store.close() };
  });
} else {
  describe.skip('EventStoreDB contract (skipped: EVENTSTOREDB_URL not set)', () => {
    it('runs the event store contract suite against EventStoreDB', () => undefined);
  });
}
