import type { Pool } from 'pg';
import { EVENT_VERSIONING } from '@cp/domain';
import type { EventStore } from './event-store.port';
import { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store';
import { PostgresEventStore } from './postgres/postgres-event-store';
import { UpcastingEventStore } from './upcasting-event-store';

export type EventStoreSelection = {
  eventStore: 'postgres' | 'eventstoredb';
  eventStoreDbUrl: string | null;
};

/**
 * The adapter chosen by EVENT_STORE (DESIGN.md §4), reading every event upcast to its current schema version and
 * stamping appends with it (DESIGN.md §3). For PostgreSQL the tables are created if missing;
 * `pool` and `schema` are only used by the PostgreSQL store.
 */
export async function createEventStore(config: EventStoreSelection, pool: Pool, schema: string): Promise<EventStore> {
  return new UpcastingEventStore(await createAdapter(config, pool, schema), EVENT_VERSIONING);
}

async function createAdapter(config: EventStoreSelection, pool: Pool, schema: string): Promise<EventStore> {
  switch (config.eventStore) {
    case 'postgres': {
      const store = new PostgresEventStore({ pool, schema });
      await store.migrate();
      return store;
    }
    case 'eventstoredb':
      if (!config.eventStoreDbUrl) throw new Error('EVENTSTOREDB_URL is required when EVENT_STORE=eventstoredb');
      return EventStoreDbEventStore.fromConnectionString(config.eventStoreDbUrl);
    default: {
      const unknown: never = config.eventStore;
      throw new Error(`Unknown event store "${String(unknown)}": expected postgres or eventstoredb`);
    }
  }
}
