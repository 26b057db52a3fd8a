import type { DataSource } from 'typeorm';
import { quoteIdentifier } from '../migrations/migration-schema';

/**
 * Makes the (empty) shadow tables cheap to fill: UNLOGGED (no WAL while replaying) and without their secondary
 * indexes (primary keys and unique constraints stay: upserts and correctness need them). Returns what puts them back
 * — indexes rebuilt in one pass each, tables made LOGGED — which must run before the swap.
 */
export async function enterBulkMode(shadow: DataSource, schema: string, tables: string[]): Promise<() => Promise<void>> {
  const indexes = (await shadow.query(
    `SELECT i.indexname, i.indexdef FROM pg_indexes i
      WHERE i.schemaname = $1 AND i.tablename = ANY($2)
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c JOIN pg_class ic ON ic.oid = c.conindid
                         JOIN pg_namespace n ON n.oid = ic.relnamespace WHERE n.nspname = i.schemaname AND ic.relname = i.indexname)`,
    [schema, tables],
  )) as { indexname: string; indexdef: string }[];
  const s = quoteIdentifier(schema);
  for (const index of indexes) await shadow.query(`DROP INDEX ${s}.${quoteIdentifier(index.indexname)}`);
  for (const table of tables) await shadow.query(`ALTER TABLE ${s}.${quoteIdentifier(table)} SET UNLOGGED`);
  return async () => {
    for (const index of indexes) await shadow.query(index.indexdef);
    for (const table of tables) await shadow.query(`ALTER TABLE ${s}.${quoteIdentifier(table)} SET LOGGED`);
  };
}
