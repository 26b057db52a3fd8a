import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';

export const testDatabaseUrl = (): string => process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export type TestSchema = {
  schema: string;
  /** Connections whose search_path is the test schema (queries may still name the schema explicitly). */
  pool: Pool;
  databaseUrl: string;
  /** Drops the schema with everything in it and closes the pool. Safe to call twice. */
  drop(): Promise<void>;
};

/** A fresh PostgreSQL schema `t_<prefix>_<random>`, so concurrent test runs never collide. */
export async function createTestSchema(prefix = 'test'): Promise<TestSchema> {
  const schema = randomSchemaName(prefix);
  const databaseUrl = testDatabaseUrl();
  const pool = new Pool({ connectionString: databaseUrl, max: 5, options: `-c search_path=${schema}` });
  try {
    await pool.query(`CREATE SCHEMA "${schema}"`);
  } catch (err) {
    await pool.end();
    throw new Error(`Could not create test schema ${schema} on ${databaseUrl}: ${(err as Error).message}`);
  }
  let dropped = false;
  return {
    schema,
    pool,
    databaseUrl,
    async drop() {
      if (dropped) return;
      dropped = true;
      try {
        await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await pool.end();
      }
    },
  };
}

export function randomSchemaName(prefix = 'test'): string {
  const cleaned = prefix.toLowerCase().replace(/[^a-z0-9_]/g, '_').slice(0, 40);
  return `t_${cleaned}_${randomBytes(6).toString('hex')}`;
}

/** Drops a schema by name (for schemas created by someone else, e.g. the service launcher). */
export async function dropSchema(schema: string, databaseUrl = testDatabaseUrl()): Promise<void> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`Refusing to drop invalid schema name "${schema}"`);
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  try {
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await pool.end();
  }
}
