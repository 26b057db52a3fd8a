/**
 * Where our pipeline spends its time, for the notes of bench/executions.bench.ts: lifecycle stages from the event
 * store, and what our services' PostgreSQL connections are doing while the load runs (pg_stat_activity samples).
 */
import { Pool } from 'pg';
import { sleep, summarize, type Summary } from './executions-support';

type StageTimes = { requested: number; dispatched?: number; started?: number; succeeded?: number };
export type StageBreakdown = { n: number; requestedToDispatched: Summary; dispatchedToStarted: Summary; startedToSucceeded: Summary };

/** First ExecutionRequested/Dispatched/Started/Succeeded per execution (ms since epoch, clock_timestamp() of the append). */
async function stageTimes(pool: Pool, schema: string): Promise<Map<string, StageTimes>> {
  const { rows } = await pool.query<{ stream_id: string; type: string; ms: number }>(
    `SELECT stream_id, type, extract(epoch FROM recorded_at) * 1000 AS ms FROM "${schema}".events
      WHERE stream_id LIKE 'execution-%' AND type IN ('ExecutionRequested', 'ExecutionDispatched', 'ExecutionStarted', 'ExecutionSucceeded') ORDER BY global_position`);
  const times = new Map<string, StageTimes>();
  const key = { ExecutionRequested: 'requested', ExecutionDispatched: 'dispatched', ExecutionStarted: 'started', ExecutionSucceeded: 'succeeded' } as const;
  for (const row of rows) {
    const entry = times.get(row.stream_id) ?? { requested: NaN };
    const field = key[row.type as keyof typeof key];
    if (field === 'requested' || entry[field] === undefined) entry[field] = Number(row.ms);
    times.set(row.stream_id, entry);
  }
  return times;
}

function breakdown(entries: StageTimes[]): StageBreakdown {
  const done = entries.filter((e) => e.dispatched !== undefined && e.started !== undefined && e.succeeded !== undefined) as Required<StageTimes>[];
  return {
    n: done.length,
    requestedToDispatched: summarize(done.map((e) => e.dispatched - e.requested)),
    dispatchedToStarted: summarize(done.map((e) => e.started - e.dispatched)),
    startedToSucceeded: summarize(done.map((e) => e.succeeded - e.started)),
  };
}

/** Stages of the latency phase's executions (by stream id) and of those requested during the throughput load. */
export async function stageBreakdowns(pool: Pool, schema: string, latencyStreams: Set<string>, load: { from: number; to: number }) {
  const times = await stageTimes(pool, schema);
  const latency: StageTimes[] = [];
  const throughput: StageTimes[] = [];
  for (const [stream, entry] of times) {
    if (latencyStreams.has(stream)) latency.push(entry);
    else if (entry.requested >= load.from && entry.requested <= load.to) throughput.push(entry);
  }
  return { latency: breakdown(latency), throughput: breakdown(throughput) };
}

export function describeBreakdown(label: string, b: StageBreakdown): string {
  const s = (x: Summary): string => `${x.p50.toFixed(1)} / ${x.p99.toFixed(1)}`;
  return `${label} (${b.n} executions), p50 / p99 ms: Requested -> Dispatched ${s(b.requestedToDispatched)}; Dispatched -> Started ${s(b.dispatchedToStarted)}; Started -> Succeeded ${s(b.startedToSucceeded)}`;
}

/**
 * Every 100 ms: what the services' PostgreSQL connections are doing (pg_stat_activity) and how far the read-model
 * projection is behind the head of the store (the gateway's read-your-writes wait follows it). `stop()` summarises.
 */
export function loadProbe(databaseUrl: string, schema: string, applications: string[]) {
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  const tally = new Map<string, number>();
  const lags: number[] = [];
  let samples = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const { rows } = await pool.query<{ app: string; state: string; wait: string }>(
        `SELECT application_name AS app, coalesce(state, '?') AS state, coalesce(wait_event_type || '/' || wait_event, 'on CPU') AS wait
           FROM pg_stat_activity WHERE application_name = ANY($1)`, [applications]).catch(() => ({ rows: [] }));
      const lag = await pool.query<{ lag: string | null }>(
        `SELECT (SELECT max(global_position) FROM "${schema}".events) - (SELECT position::bigint FROM "${schema}".projection_checkpoints WHERE name = 'read-model') AS lag`)
        .catch(() => ({ rows: [{ lag: null }] }));
      samples++;
      if (lag.rows[0].lag !== null) lags.push(Number(lag.rows[0].lag));
      for (const r of rows) {
        const state = `${r.app}: ${r.state === 'active' ? `active (${r.wait})` : r.state}`;
        tally.set(state, (tally.get(state) ?? 0) + 1);
      }
      await sleep(100);
    }
  })();
  return {
    async stop(): Promise<{ connections: string; projectionLag: Summary }> {
      running = false;
      await loop;
      await pool.end();
      const connections = [...tally].filter(([state]) => !state.endsWith(': idle')).sort((a, b) => b[1] - a[1]).slice(0, 8)
        .map(([state, count]) => `${state} ${(count / Math.max(1, samples)).toFixed(2)}`).join('; ');
      return { connections, projectionLag: summarize(lags) };
    },
  };
}
