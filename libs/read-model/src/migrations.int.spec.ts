import { createTestSchema } from '@cp/testing';
import type { TestSchema } from '@cp/testing';
import { createReadModelDataSource, READ_MODEL_MIGRATIONS, READ_MODEL_MIGRATIONS_TABLE, runMigrations } from './index';

const ALL_MIGRATIONS = READ_MODEL_MIGRATIONS.map((m) => m.name);

describe('read-model migrations', () => {
  let db: TestSchema;

  beforeEach(async () => {
    db = await createTestSchema('rm_migrations');
  });
  afterEach(async () => {
    await db.drop();
  });

  async function tablesIn(schema: string): Promise<string[]> {
    const { rows } = await db.pool.query<{ table_name: string }>(
      'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
      [schema],
    );
    return rows.map((r) => r.table_name);
  }

  it('creates the tables and the migrations table inside the configured schema, and a second run applies nothing', async () => {
    const dataSource = await createReadModelDataSource({ databaseUrl: db.databaseUrl, schema: db.schema });
    try {
      expect(await runMigrations(dataSource)).toEqual(ALL_MIGRATIONS);
      expect(await runMigrations(dataSource)).toEqual([]);
      expect(await tablesIn(db.schema)).toEqual(expect.arrayContaining(['execution_logs', 'executions', 'jobs', 'projection_checkpoints', READ_MODEL_MIGRATIONS_TABLE]));
    } finally {
      await dataSource.destroy();
    }
  });

  it('creates a missing schema, and processes migrating at the same time apply each migration once', async () => {
    const schema = `${db.schema}_new`;
    const sources = await Promise.all([1, 2, 3].map(() => createReadModelDataSource({ databaseUrl: db.databaseUrl, schema, poolSize: 2 })));
    try {
      const applied = await Promise.all(sources.map((s) => runMigrations(s)));
      expect(applied.flat().sort()).toEqual([...ALL_MIGRATIONS].sort());
      expect(await tablesIn(schema)).toContain('jobs');
    } finally {
      await Promise.all(sources.map((s) => s.destroy()));
      await db.pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    }
  });

  it('gives the jobs table the indexes the queries use', async () => {
    const dataSource = await createReadModelDataSource({ databaseUrl: db.databaseUrl, schema: db.schema });
    try {
      await runMigrations(dataSource);
      const { rows } = await db.pool.query<{ indexdef: string }>("SELECT indexdef FROM pg_indexes WHERE schemaname = $1 AND tablename = 'jobs'", [db.schema]);
      const definitions = rows.map((r) => r.indexdef).join('\n');
      expect(definitions).toContain('(organization_id, created_at DESC)');
      expect(definitions).toContain('(organization_id, trigger_type)');
      expect(definitions).toContain('(organization_id, enabled)');
      expect(definitions).toMatch(/UNIQUE INDEX .* \(webhook_token\)/);
    } finally {
      await dataSource.destroy();
    }
  });
});
