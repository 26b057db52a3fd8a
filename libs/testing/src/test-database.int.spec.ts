import { Pool } from 'pg';
import { createTestSchema, testDatabaseUrl } from './test-database';

const schemaExists = async (schema: string): Promise<boolean> => {
  const pool = new Pool({ connectionString: testDatabaseUrl(), max: 1 });
  try {
    const { rowCount } = await pool.query('SELECT 1 FROM information_schema.schemata WHERE schema_name = $1', [schema]);
    return rowCount === 1;
  } finally {
    await pool.end();
  }
};

describe('createTestSchema', () => {
  it('creates a fresh, randomly named schema that the pool uses by default', async () => {
    const test = await createTestSchema('Read Model');
    try {
      expect(test.schema).toMatch(/^t_read_model_[0-9a-f]{12}$/);
      expect(await schemaExists(test.schema)).toBe(true);
      await test.pool.query('CREATE TABLE things (id int)');
      const { rows } = await test.pool.query('SELECT table_schema FROM information_schema.tables WHERE table_name = $1 AND table_schema = $2', ['things', test.schema]);
      expect(rows).toHaveLength(1);
    } finally {
      await test.drop();
    }
  });

  it('gives two callers two different schemas', async () => {
    const [a, b] = await Promise.all([createTestSchema('same'), createTestSchema('same')]);
    try {
      expect(a.schema).not.toBe(b.schema);
    } finally {
      await Promise.all([a.drop(), b.drop()]);
    }
  });

  it('drops the schema with its tables, and a second drop is harmless', async () => {
    const test = await createTestSchema();
    await test.pool.query(`CREATE TABLE "${test.schema}".things (id int)`);

    await test.drop();
    await test.drop();

    expect(await schemaExists(test.schema)).toBe(false);
  });
});
