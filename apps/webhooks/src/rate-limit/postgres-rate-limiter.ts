import type { Pool } from 'pg';
import { EventLoopTurnBatch } from '@cp/config';
import type { DeliveryRateLimiter, RateDecision } from '../delivery/ports';
import { type GcraPlan, gcraPlan, retryAfterSeconds } from './gcra';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

type Take = { jobId: string; plan: GcraPlan; resolve: (decision: RateDecision) => void; reject: (error: unknown) => void };

/**
 * Per-job rate limit shared by every webhooks replica: GCRA (one "theoretical arrival time" per job) kept in one
 * PostgreSQL row, advanced under the row's lock, so concurrent replicas can never over-admit.
 * The takes asked for in one turn of the event loop are decided by one statement: k takes of a job admit as many as
 * fit (the first ones), as k takes one after the other at the latest of their instants would. A refused take leaves
 * the row unchanged.
 */
export class PostgresRateLimiter implements DeliveryRateLimiter {
  private readonly table: string;
  private readonly knownRows = new Set<string>();
  private readonly batch = new EventLoopTurnBatch<Take>((takes) => this.flush(takes));

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

  take(jobId: string, limitPerMinute: number, now: Date): Promise<RateDecision> {
    return new Promise((resolve, reject) => this.batch.add({ jobId, plan: gcraPlan(limitPerMinute, now), resolve, reject }));
  }

  private flush(takes: Take[]): void {
    for (const round of rounds(takes)) {
      this.decide(round).then(
        (decisions) => round.forEach((take, i) => take.resolve(decisions[i])),
        (error: unknown) => round.forEach((take) => take.reject(error)),
      );
    }
  }

  /** One statement for every job of the round; the takes of one job share its plan (see rounds()). */
  private async decide(takes: Take[]): Promise<RateDecision[]> {
    const jobs = new Map<string, { plan: GcraPlan; count: number }>();
    for (const take of takes) {
      const job = jobs.get(take.jobId);
      if (!job) jobs.set(take.jobId, { plan: take.plan, count: 1 });
      else {
        job.count++;
        if (take.plan.nowUs > job.plan.nowUs) job.plan = take.plan;
      }
    }
    const ids = [...jobs.keys()];
    const wanted = [...jobs.values()];
    await this.ensureRows(ids);
    const { rows } = await this.pool.query<{ job_id: string; old_tat_us: string; tat_us: string }>(
      `UPDATE ${this.table} AS r
          SET tat_us = GREATEST(s.old_tat_us, s.now_us) + s.interval_us * LEAST(s.takes, GREATEST(0, (s.now_us + s.period_us - GREATEST(s.old_tat_us, s.now_us)) / s.interval_us))
         FROM (SELECT l.job_id, l.tat_us AS old_tat_us, w.now_us, w.interval_us, w.period_us, w.takes
                 FROM ${this.table} l
                 JOIN unnest($1::text[], $2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[]) AS w(job_id, now_us, interval_us, period_us, takes)
                   ON w.job_id = l.job_id
                ORDER BY l.job_id
                  FOR UPDATE OF l) AS s
        WHERE r.job_id = s.job_id
    RETURNING r.job_id, s.old_tat_us::text, r.tat_us::text`,
      [ids, wanted.map((w) => w.plan.nowUs), wanted.map((w) => w.plan.intervalUs), wanted.map((w) => w.plan.periodUs), wanted.map((w) => w.count)],
    );
    const admitted = new Map<string, { left: number; tatUs: number }>();
    for (const row of rows) {
      const plan = jobs.get(row.job_id)!.plan;
      const base = Math.max(Number(row.old_tat_us), plan.nowUs);
      admitted.set(row.job_id, { left: Math.round((Number(row.tat_us) - base) / plan.intervalUs), tatUs: Number(row.tat_us) });
    }
    return takes.map((take) => {
      const job = admitted.get(take.jobId);
      if (!job) throw new Error(`No rate limit row for job ${take.jobId}`);
      if (job.left > 0) {
        job.left--;
        return { allowed: true };
      }
      return { allowed: false, retryAfterSeconds: retryAfterSeconds(take.plan, job.tatUs) };
    });
  }

  /** The row of a job is created once (tat 0: a full burst available); this process remembers which exist. */
  private async ensureRows(jobIds: string[]): Promise<void> {
    const missing = jobIds.filter((id) => !this.knownRows.has(id));
    if (missing.length === 0) return;
    await this.pool.query(`INSERT INTO ${this.table} (job_id, tat_us) SELECT unnest($1::text[]), 0 ON CONFLICT (job_id) DO NOTHING`, [missing]);
    for (const id of missing) this.knownRows.add(id);
  }
}

/**
 * Splits takes into rounds in which every take of a job has the same limit, so that one statement can decide a job's
 * takes together; a take with another limit (the job's config changed meanwhile) waits for the next round.
 */
function rounds(takes: Take[]): Take[][] {
  const result: Take[][] = [];
  let rest = takes;
  while (rest.length > 0) {
    const plans = new Map<string, GcraPlan>();
    const round: Take[] = [];
    const later: Take[] = [];
    for (const take of rest) {
      const plan = plans.get(take.jobId);
      if (!plan) plans.set(take.jobId, take.plan);
      if (!plan || sameLimit(plan, take.plan)) round.push(take);
      else later.push(take);
    }
    result.push(round);
    rest = later;
  }
  return result;
}

const sameLimit = (a: GcraPlan, b: GcraPlan): boolean => a.intervalUs === b.intervalUs && a.periodUs === b.periodUs;
