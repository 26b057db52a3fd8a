import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { READ_MODEL_ENTITIES } from './entities';
import { READ_MODEL_MIGRATIONS } from './migrations';
import { quoteIdentifier } from './migrations/migration-schema';

export type ReadModelDataSourceOptions = {
  databaseUrl: string;
  /** PostgreSQL schema of the read-model tables and of the migrations table. */
  schema: string;
  /** Connection pool size (default 10). */
  poolSize?: number;
  applicationName?: string;
  /** Log every SQL statement (debugging). */
  logging?: boolean;
};

export const READ_MODEL_MIGRATIONS_TABLE = 'read_model_migrations';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** An initialized DataSource bound to `schema`; the schema is created when missing. Tables come from runMigrations(). */
export async function createReadModelDataSource(options: ReadModelDataSourceOptions): Promise<DataSource> {
  if (!SCHEMA_NAME.test(options.schema)) throw new Error(`Read-model schema must be a lower-case SQL identifier (got "${options.schema}")`);
  const dataSource = new DataSource({
    type: 'postgres',
    url: options.databaseUrl,
    schema: options.schema,
    entities: READ_MODEL_ENTITIES,
    migrations: READ_MODEL_MIGRATIONS,
    migrationsTableName: READ_MODEL_MIGRATIONS_TABLE,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: options.logging ?? false,
    applicationName: options.applicationName,
    poolSize: options.poolSize ?? 10,
  });
  await dataSource.initialize();
  try {
    await withSchemaLock(dataSource, () => createSchemaIfMissing(dataSource, options.schema));
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}

/** Applies pending migrations; safe to call from several processes at once (serialised by an advisory lock). */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  return withSchemaLock(dataSource, async () => {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  });
}

/** True when some known migration has not been applied yet. */
export async function hasPendingMigrations(dataSource: DataSource): Promise<boolean> {
  return dataSource.showMigrations();
}

async function createSchemaIfMissing(dataSource: DataSource, schema: string): Promise<void> {
  try {
    await dataSource.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(schema)}`);
  } catch (error) {
    // Another process (e.g. the event store set-up) may create the same schema concurrently.
    if (!isDuplicateSchemaError(error)) throw error;
  }
}

function isDuplicateSchemaError(error: unknown): boolean {
  const code = (error as { code?: string }).code ?? (error as { driverError?: { code?: string } }).driverError?.code;
  return code === '23505' || code === '42P06';
}

/** Holds a session advisory lock keyed on the schema name on a dedicated connection while `work` runs. */
async function withSchemaLock<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  const schema = (dataSource.options as { schema?: string }).schema ?? 'public';
  const lockRunner = dataSource.createQueryRunner();
  await lockRunner.connect();
  try {
    await lockRunner.query(`SELECT pg_advisory_lock(hashtext($1))`, [`read-model-migrations:${schema}`]);
    try {
      return await work();
    } finally {
      await lockRunner.query(`SELECT pg_advisory_unlock(hashtext($1))`, [`read-model-migrations:${schema}`]);
    }
  } finally {
    await lockRunner.release();
  }
}
