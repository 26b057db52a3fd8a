import type { Pool } from 'pg';
import type { DeliveryRateLimiter, RateDecision } from '../delivery/ports';
import { gcraPlan, retryAfterSeconds } from './gcra';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Per-job rate limit shared by every webhooks replica: GCRA (one "theoretical arrival time" per job) kept in one
 * PostgreSQL row and advanced by a single atomic upsert, so concurrent replicas can never over-admit.
 * A refused delivery leaves the row unchanged.
 */
export class PostgresRateLimiter implements DeliveryRateLimiter {
  private readonly table: string;

  constructor(private readonly pool: Pool, schema: string) {
    if (!SCHEMA_NAME.test(schema)) throw new Error(`Invalid schema name "${schema}"`);
    this.table = `"${schema}".webhook_rate_limits`;
  }

  /**
   * Creates the table when missing; safe when several replicas start at once. Concurrent `CREATE ... IF NOT EXISTS`
   * can still collide in PostgreSQL's catalogs, so creation runs under a transaction-scoped advisory lock.
   */
  static async ensureTable(pool: Pool, schema: string): Promise<void> {
    if (!SCHEMA_NAME.test(schema)) throw new Error(`Invalid schema name "${schema}"`);
    for (let attempt = 1; ; attempt++) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${schema}:webhook_rate_limits`]);
        await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
        await client.query(`CREATE TABLE IF NOT EXISTS "${schema}".webhook_rate_limits (job_id text PRIMARY KEY, tat_us bigint NOT NULL)`);
        await client.query('COMMIT');
        return;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        // Another process (under its own lock) created the schema at the same instant: try again, it exists now.
        const collided = ['23505', '42P06', '42P07', '42710'].includes((error as { code?: string }).code ?? '');
        if (!collided || attempt >= 3) throw error;
      } finally {
        client.release();
      }
    }
  }

  async take(jobId: string, limitPerMinute: number, now: Date): Promise<RateDecision> {
    const plan = gcraPlan(limitPerMinute, now);
    const granted = await this.pool.query(
      `INSERT INTO ${this.table} AS r (job_id, tat_us) VALUES ($1, $2::bigint + $3::bigint)
       ON CONFLICT (job_id) DO UPDATE SET tat_us = GREATEST(r.tat_us, $2::bigint) + $3::bigint
       WHERE GREATEST(r.tat_us, $2::bigint) + $3::bigint - $2::bigint <= $4::bigint
       RETURNING tat_us`,
      [jobId, plan.nowUs, plan.intervalUs, plan.periodUs],
    );
    if (granted.rowCount === 1) return { allowed: true };
    const current = await this.pool.query<{ tat_us: string }>(`SELECT tat_us FROM ${this.table} WHERE job_id = $1`, [jobId]);
    return { allowed: false, retryAfterSeconds: retryAfterSeconds(plan, Number(current.rows[0]?.tat_us ?? plan.nowUs)) };
  }
}
