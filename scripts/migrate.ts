// Creates the event-store tables, the read-model tables and the JetStream streams. Idempotent.
import { loadConfig } from '@cp/config';
import { natsSubjects } from '@cp/contracts';
import { ensureEventStoreSchema } from '@cp/event-store';
import { closeNats, connectNats, ensureStreams } from '@cp/messaging';
import { createReadModelDataSource, runMigrations } from '@cp/read-model';
import { Pool } from 'pg';

async function main(): Promise<void> {
  const config = loadConfig();
  const pool = new Pool({ connectionString: config.databaseUrl });
  try {
    await ensureEventStoreSchema(pool, config.dbSchema);
  } finally {
    await pool.end();
  }
  const dataSource = await createReadModelDataSource({ databaseUrl: config.databaseUrl, schema: config.dbSchema });
  try {
    const applied = await runMigrations(dataSource);
    process.stdout.write(`[migrate] schema ${config.dbSchema}: ${applied.length ? `applied ${applied.join(', ')}` : 'up to date'}\n`);
  } finally {
    await dataSource.destroy();
  }
  const nc = await connectNats(config.natsUrl, 'migrate');
  try {
    await ensureStreams(await nc.jetstreamManager(), natsSubjects(config.natsNamespace));
  } finally {
    await closeNats(nc);
  }
}

main().catch((error) => {
  process.stderr.write(`[migrate] ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
