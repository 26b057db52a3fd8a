import { Pool } from 'pg';
import { createTestSchema, type TestSchema } from '@cp/testing';
import { PostgresRateLimiter } from './postgres-rate-limiter';

describe('PostgresRateLimiter (real PostgreSQL, several replicas)', () => {
  let db: TestSchema;
  let replicas: Pool[];
  const t0 = new Date('2030-01-01T00:00:00Z');

  beforeAll(async () => {
    db = await createTestSchema('webhook_rate');
    replicas = [new Pool({ connectionString: db.databaseUrl, max: 5 }), new Pool({ connectionString: db.databaseUrl, max: 5 })];
    await Promise.all(replicas.map((pool) => PostgresRateLimiter.ensureTable(pool, db.schema)));
  });
  afterAll(async () => {
    await Promise.all(replicas.map((pool) => pool.end()));
    await db.drop();
  });

  it('admits exactly the limit when two replicas race 3× the limit at once', async () => {
    const limiters = replicas.map((pool) => new PostgresRateLimiter(pool, db.schema));
    const decisions = await Promise.all(Array.from({ length: 90 }, (_, i) => limiters[i % 2].take('job_race', 30, t0)));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(30);
    expect(decisions.filter((d) => !d.allowed).every((d) => !d.allowed && d.retryAfterSeconds === 2)).toBe(true);
  });

  it('keeps each job to its own budget', async () => {
    const limiter = new PostgresRateLimiter(replicas[0], db.schema);
    for (let i = 0; i < 2; i++) expect((await limiter.take('job_a', 2, t0)).allowed).toBe(true);
    expect((await limiter.take('job_a', 2, t0)).allowed).toBe(false);
    expect((await limiter.take('job_b', 2, t0)).allowed).toBe(true);
  });

  it('admits again after the interval and tells how long to wait before that', async () => {
    const limiter = new PostgresRateLimiter(replicas[1], db.schema);
    expect(await limiter.take('job_slow', 1, t0)).toEqual({ allowed: true });
    expect(await limiter.take('job_slow', 1, new Date(t0.getTime() + 20_000))).toEqual({ allowed: false, retryAfterSeconds: 40 });
    expect(await limiter.take('job_slow', 1, new Date(t0.getTime() + 60_000))).toEqual({ allowed: true });
  });

  it('decides takes of many jobs asked for at once like takes one after the other', async () => {
    const limiter = new PostgresRateLimiter(replicas[0], db.schema);
    const asks = ['job_m1', 'job_m2', 'job_m1', 'job_m3', 'job_m1', 'job_m2', 'job_m1'];
    const decisions = await Promise.all(asks.map((jobId) => limiter.take(jobId, 2, t0)));
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, true, false, true, false]);
    expect(decisions[4]).toEqual({ allowed: false, retryAfterSeconds: 30 });
  });

  it('keeps apart takes of one job made with different limits (its config changed meanwhile)', async () => {
    const limiter = new PostgresRateLimiter(replicas[1], db.schema);
    const decisions = await Promise.all([limiter.take('job_changed', 1, t0), limiter.take('job_changed', 1, t0), limiter.take('job_changed', 60, t0)]);
    expect(decisions.map((d) => d.allowed)).toEqual([true, false, false]);
  });

  it('creates its table idempotently when replicas start together', async () => {
    await expect(Promise.all(replicas.map((pool) => PostgresRateLimiter.ensureTable(pool, db.schema)))).resolves.toBeDefined();
  });
});
