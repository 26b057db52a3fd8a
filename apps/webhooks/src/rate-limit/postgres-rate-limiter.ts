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

  /** Creates the table when missing; safe when several replicas start at once. */
  static async ensureTable(pool: Pool, schema: string): Promise<void> {
    if (!SCHEMA_NAME.test(schema)) throw new Error(`Invalid schema name "${schema}"`);
    const statements = [
      `CREATE SCHEMA IF NOT EXISTS "${schema}"`,
      `CREATE TABLE IF NOT EXISTS "${schema}".webhook_rate_limits (job_id text PRIMARY KEY, tat_us bigint NOT NULL)`,
    ];
    for (const sql of statements) {
      await pool.query(sql).catch((error: { code?: string }) => {
        if (!['23505', '42P06', '42P07'].includes(error.code ?? '')) throw error;
      });
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
