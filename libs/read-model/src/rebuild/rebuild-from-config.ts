import { Pool } from 'pg';
import { createEventStore, type EventStoreSelection } from '@cp/event-store';
import { rebuildReadModels, type RebuildOptions, type RebuildReport } from './read-model-rebuild';

export type RebuildSettings = EventStoreSelection & { databaseUrl: string; dbSchema: string };

/** `npm run rebuild` and `jobs admin rebuild`: the configured event store, the configured schema, one rebuild. */
export async function rebuildFromSettings(
  settings: RebuildSettings,
  options: Pick<RebuildOptions, 'batchSize' | 'maxCachedRows' | 'progress'> = {},
): Promise<RebuildReport> {
  const pool = new Pool({ connectionString: settings.databaseUrl, max: 3, application_name: 'rebuild' });
  try {
    const eventStore = await createEventStore(settings, pool, settings.dbSchema);
    try {
      return await rebuildReadModels({ databaseUrl: settings.databaseUrl, schema: settings.dbSchema, eventStore, ...options });
    } finally {
      await eventStore.close();
    }
  } finally {
    await pool.end();
  }
}
