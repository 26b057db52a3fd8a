import type { Pool } from 'pg';

/** Where a follower of the event store (e.g. the relay) remembers the last position it has handled. */
export interface CheckpointStore {
  load(name: string): Promise<string | null>;
  save(name: string, position: string): Promise<void>;
}

const SQL_IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;
/** Errors of two processes racing on CREATE ... IF NOT EXISTS: unique_violation, duplicate_table/schema. */
const CREATE_RACE_CODES = new Set(['23505', '42P07', '42P06']);

/** Checkpoints in `<schema>.relay_checkpoints`, created on first use. */
export class PgCheckpointStore implements CheckpointStore {
  private ready: Promise<void> | null = null;
  private readonly table: string;

  constructor(
    private readonly pool: Pool,
    private readonly schema: string,
  ) {
    if (!SQL_IDENTIFIER.test(schema)) throw new Error(`Invalid schema name "${schema}" for PgCheckpointStore`);
    this.table = `"${schema}".relay_checkpoints`;
  }

  async load(name: string): Promise<string | null> {
    await this.ensureTable();
    const { rows } = await this.pool.query<{ position: string | null }>(`SELECT position FROM ${this.table} WHERE name = $1`, [name]);
    return rows[0]?.position ?? null;
  }

  async save(name: string, position: string): Promise<void> {
    await this.ensureTable();
    await this.pool.query(
      `INSERT INTO ${this.table} (name, position, updated_at) VALUES ($1, $2, now())
       ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position, updated_at = EXCLUDED.updated_at`,
      [name, position],
    );
  }

  private ensureTable(): Promise<void> {
    this.ready ??= this.createTable().catch((err: unknown) => {
      this.ready = null;
      throw err;
    });
    return this.ready;
  }

  private async createTable(): Promise<void> {
    const statements = [
      `CREATE SCHEMA IF NOT EXISTS "${this.schema}"`,
      `CREATE TABLE IF NOT EXISTS ${this.table} (name text PRIMARY KEY, position text, updated_at timestamptz NOT NULL DEFAULT now())`,
    ];
    for (const sql of statements) {
      try {
        await this.pool.query(sql);
      } catch (err) {
        if (!CREATE_RACE_CODES.has((err as { code?: string }).code ?? '')) throw err;
      }
    }
  }
}
