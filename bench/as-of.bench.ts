/**
 * As-of latency benchmark (issue 8): `GET /api/v1/jobs/{id}?as_of=` through the gateway for a job with 10,000 events,
 * (a) all on the job's own stream, (b) spread over ~1,250 executions of the job. Reports the first (cold) request,
 * a full replay without snapshots, and p50/p99 of random instants once snapshots exist; every sampled answer is
 * checked against a full replay. Target: p99 < 50 ms. Not a test: run it by hand.
 *
 *   node scripts/run-ts.js bench/as-of.bench.ts
 */
import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { isDeepStrictEqual } from 'node:util';
import { createEventStore, ensureEventStoreSchema, type EventStore } from '@cp/event-store';
import { createReadModelDataSource, JobAsOfReader, rebuildReadModels, syntheticHistory, toJobResponse } from '@cp/read-model';
import { devToken, launchServices } from '@cp/testing';
import { bulkLoad, percentile } from './rebuild-bench-support';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 300);
const ORG = 'org-bench';

type Scenario = { name: string; executionsPerJob: number; jobChangesPerJob: number };
const SCENARIOS: Scenario[] = [
  { name: '10,000 events on the job stream', executionsPerJob: 0, jobChangesPerJob: 9_999 },
  { name: '10,000 events over ~1,250 executions', executionsPerJob: 1_250, jobChangesPerJob: 0 },
];

async function main(): Promise<void> {
  const schema = `bench_asof_${randomBytes(4).toString('hex')}`;
  const pool = new Pool({ connectionString: DATABASE_URL, max: 4 });
  try {
    await ensureEventStoreSchema(pool, schema);
    const histories = SCENARIOS.map((scenario, seed) => [...syntheticHistory({ organizationId: ORG, jobs: 1, seed, start: new Date(Date.UTC(2025, seed, 1)), concurrency: 4, maxStepMs: 100, ...scenario })]);
    await bulkLoad(pool, schema, histories.flat());
    const eventStore = await createEventStore({ eventStore: 'postgres', eventStoreDbUrl: null }, pool, schema);
    await rebuildReadModels({ databaseUrl: DATABASE_URL, schema, eventStore });
    const services = await launchServices({ services: ['gateway'], env: { DB_SCHEMA: schema } });
    try {
      for (const [index, scenario] of SCENARIOS.entries()) {
        const jobId = String(histories[index][0].events[0].data.job_id);
        // Bulk-loaded events are recorded at (or just after) their occurredAt: instants worth asking about.
        const instants = histories[index].flatMap((append) => append.events.map((event) => event.metadata.occurredAt));
        process.stdout.write(`${JSON.stringify(await measure(scenario, jobId, instants, services.gatewayUrl, eventStore, schema))}\n`);
      }
    } finally {
      await services.stop();
    }
  } finally {
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await pool.end();
  }
}

async function measure(scenario: Scenario, jobId: string, instants: string[], gatewayUrl: string, eventStore: EventStore, schema: string) {
  const token = devToken({ organizationId: ORG, userId: 'bench' });
  const get = async (asOf: string): Promise<{ ms: number; body: unknown }> => {
    const started = process.hrtime.bigint();
    const res = await fetch(`${gatewayUrl}/api/v1/jobs/${jobId}?as_of=${encodeURIComponent(asOf)}`, { headers: { Authorization: `Bearer ${token}` } });
    const body = await res.json();
    if (res.status !== 200) throw new Error(`as_of ${asOf}: ${res.status} ${JSON.stringify(body)}`);
    return { ms: Number(process.hrtime.bigint() - started) / 1e6, body };
  };
  const last = instants[instants.length - 1];
  const cold = await get(last);
  const readModel = await createReadModelDataSource({ databaseUrl: DATABASE_URL, schema, poolSize: 2 });
  const reader = new JobAsOfReader({ eventStore, dataSource: readModel });
  const fullReplay: number[] = [];
  const warm: number[] = [];
  let mismatches = 0;
  try {
    for (let n = 0; n < 5; n++) {
      const started = process.hrtime.bigint();
      await reader.read(jobId, new Date(last), { useSnapshots: false });
      fullReplay.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    for (let n = 0; n < SAMPLES; n++) {
      const asOf = instants[Math.floor(Math.random() * instants.length)];
      const answer = await get(asOf);
      warm.push(answer.ms);
      if (n % 10 === 0) {
        const replayed = await reader.read(jobId, new Date(asOf), { useSnapshots: false });
        if (!replayed || !isDeepStrictEqual(JSON.parse(JSON.stringify(toJobResponse(replayed.row, gatewayUrl))), answer.body)) mismatches += 1;
      }
    }
  } finally {
    await readModel.destroy();
  }
  warm.sort((a, b) => a - b);
  fullReplay.sort((a, b) => a - b);
  return {
    benchmark: 'as_of', scenario: scenario.name, samples: SAMPLES, cold_first_request_ms: round(cold.ms), full_replay_p50_ms: round(percentile(fullReplay, 50)),
    p50_ms: round(percentile(warm, 50)), p99_ms: round(percentile(warm, 99)), max_ms: round(warm[warm.length - 1]), checked_against_full_replay: Math.ceil(SAMPLES / 10), mismatches,
    target_p99_ms: 50, met: percentile(warm, 99) < 50 && mismatches === 0,
  };
}

const round = (ms: number): number => Math.round(ms * 10) / 10;

main().catch((error: unknown) => {
  process.stderr.write(`as-of benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
