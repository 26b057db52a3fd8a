import type { DataSource } from 'typeorm';
import { PostgresEventStore } from '@cp/event-store';
import { createTestSchema } from '@cp/testing';
import type { TestSchema } from '@cp/testing';
import { createReadModelDataSource, runMigrations } from '../data-source';
import { waitForCheckpoint } from '../checkpoint.store';
import type { ProjectionLogger } from '../projection';

export type ReadModelFixture = {
  db: TestSchema;
  store: PostgresEventStore;
  dataSource: DataSource;
  /** Waits (up to 10 s) until checkpoint `name` has reached the newest event in the store. */
  caughtUp(name: string): Promise<boolean>;
  close(): Promise<void>;
};

/** A real event store and read model in a fresh schema. */
export async function openReadModelFixture(prefix: string): Promise<ReadModelFixture> {
  const db = await createTestSchema(prefix);
  const store = new PostgresEventStore({ pool: db.pool, schema: db.schema, pollIntervalMs: 200 });
  await store.migrate();
  const dataSource = await createReadModelDataSource({ databaseUrl: db.databaseUrl, schema: db.schema, poolSize: 4 });
  await runMigrations(dataSource);
  return {
    db,
    store,
    dataSource,
    async caughtUp(name) {
      const head = await store.headPosition();
      return head === null || waitForCheckpoint(dataSource, name, head, 10_000, (a, b) => store.comparePositions(a, b));
    },
    async close() {
      await dataSource.destroy();
      await db.drop();
    },
  };
}

/** Collects log entries instead of printing them, so expected failures stay quiet and can be asserted on. */
export function memoryLogger(): ProjectionLogger & { entries: { level: string; msg: string; fields?: Record<string, unknown> }[] } {
  const entries: { level: string; msg: string; fields?: Record<string, unknown> }[] = [];
  return {
    entries,
    info: (msg, fields) => entries.push({ level: 'info', msg, fields }),
    warn: (msg, fields) => entries.push({ level: 'warn', msg, fields }),
    error: (msg, fields) => entries.push({ level: 'error', msg, fields }),
  };
}
