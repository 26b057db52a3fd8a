/**
 * Our system for bench/executions.bench.ts: gateway, jobs, projector, executor and 4 reference workers (real
 * processes), a `command` agent running /bin/true with the prompt on stdin, a few manual jobs triggered over HTTP.
 * Timings come from the event store itself (events.recorded_at is clock_timestamp() at append).
 */
import { Agent, request } from 'node:http';
import { Pool } from 'pg';
import { executionStreamId } from '@cp/contracts';
import { devToken, launchServices, type LaunchedServices } from '@cp/testing';
import { describeBreakdown, loadProbe, stageBreakdowns } from './executions-ours-diagnostics';
import { runPhases } from './executions-phases';
import type { Send, SystemReport } from './executions-support';
import type { BenchSettings } from './executions-settings';

const CORE_SERVICES = ['projector', 'jobs', 'gateway', 'executor', 'worker'];
type Json = Record<string, unknown>;

/** Keep-alive JSON POSTs (one socket per concurrent client), so the measured round trip is the service's, not TCP set-up. */
function poster(baseUrl: string, token: string, sockets: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });
  const url = new URL(baseUrl);
  const post = (path: string, body: unknown): Promise<{ status: number; body: Json }> => new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const req = request({ agent, host: url.hostname, port: url.port, path, method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk)).on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) as Json : {} }));
    });
    req.on('error', reject).end(payload);
  });
  return { post, close: () => agent.destroy() };
}

async function createJobs(post: ReturnType<typeof poster>['post'], count: number): Promise<string[]> {
  const agent = await post('/api/v1/agents', { name: 'No-op', description: 'Runs /bin/true', capabilities: ['noop'], runtime: { type: 'command', command: '/bin/true', args: [] } });
  if (agent.status !== 201) throw new Error(`create agent: ${agent.status} ${JSON.stringify(agent.body)}`);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const job = await post('/api/v1/jobs', { name: `bench-${i}`, trigger_type: 'manual', planning_mode: 'predefined_agent', entity_type: 'agent', entity_id: agent.body.id, prompt_template: 'Run number {{n}}' });
    if (job.status !== 201) throw new Error(`create job: ${job.status} ${JSON.stringify(job.body)}`);
    ids.push(job.body.id as string);
  }
  return ids;
}

/** Counts events of some types appended after a position, incrementally (primary-key range scans only). */
function eventCounter(pool: Pool, schema: string, types: string[]) {
  let after = '0';
  let count = 0;
  return async (): Promise<number> => {
    const { rows } = await pool.query<{ n: string; last: string | null }>(
      `SELECT count(*) FILTER (WHERE type = ANY($2)) AS n, max(global_position)::text AS last FROM "${schema}".events WHERE global_position > $1`, [after, types]);
    count += Number(rows[0].n);
    after = rows[0].last ?? after;
    return count;
  };
}

/** ExecutionRequested and first ExecutionStarted times (ms since epoch) per execution. */
async function lifecycleTimes(pool: Pool, schema: string, executionIds: string[]): Promise<Map<string, { requested?: number; started?: number }>> {
  const { rows } = await pool.query<{ stream_id: string; type: string; ms: number }>(
    `SELECT stream_id, type, extract(epoch FROM recorded_at) * 1000 AS ms FROM "${schema}".events
      WHERE stream_id = ANY($1) AND type IN ('ExecutionRequested', 'ExecutionStarted') ORDER BY global_position`, [executionIds.map(executionStreamId)]);
  const times = new Map<string, { requested?: number; started?: number }>();
  for (const row of rows) {
    const entry = times.get(row.stream_id) ?? {};
    if (row.type === 'ExecutionRequested') entry.requested = Number(row.ms);
    else entry.started ??= Number(row.ms);
    times.set(row.stream_id, entry);
  }
  return times;
}

async function startAll(settings: BenchSettings): Promise<LaunchedServices> {
  const services = await launchServices({ services: CORE_SERVICES, readyTimeoutMs: 180_000, env: { WORKER_QUEUES: 'default', WORKER_CONCURRENCY: String(settings.concurrency) } });
  try {
    await Promise.all(Array.from({ length: settings.workers - 1 }, (_, i) => services.startService('worker', { instance: i + 2 })));
  } catch (error) {
    await services.stop();
    throw error;
  }
  return services;
}

export async function runOurs(settings: BenchSettings): Promise<SystemReport> {
  const services = await startAll(settings);
  const pool = new Pool({ connectionString: services.env.DATABASE_URL, max: 4 });
  const schema = services.env.DB_SCHEMA;
  const http = poster(services.gatewayUrl, devToken({ organizationId: 'org-bench', userId: 'bench' }), settings.throughputConcurrency);
  try {
    const jobIds = await createJobs(http.post, settings.jobs);
    const trigger = async (n: number): Promise<string> => {
      const res = await http.post(`/api/v1/jobs/${jobIds[n % jobIds.length]}/trigger`, { parameters: { n } });
      if (res.status !== 200) throw new Error(`trigger: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.execution_id as string;
    };
    const processes = [
      ...CORE_SERVICES.slice(0, 4).map((name) => ({ name, pid: services.service(name).pid as number })),
      ...Array.from({ length: settings.workers }, (_, i) => ({ name: `worker#${i + 1}`, pid: services.service('worker', i + 1).pid as number })),
    ];
    const latencyStreams = new Set<string>();
    const probe = loadProbe(services.env.DATABASE_URL, schema, ['gateway', 'jobs', 'projector', 'executor', 'worker']);
    const phases = await runPhases({
      enqueue: trigger, completed: eventCounter(pool, schema, ['ExecutionSucceeded']), processes,
      startTimes: (sends, phase) => (phase === 'latency' && sends.forEach((s) => latencyStreams.add(executionStreamId(s.id))), startTimes(pool, schema, sends)),
    }, settings);
    const { connections, projectionLag } = await probe.stop();
    const check = await exactlyOnce(pool, schema);
    const stages = await stageBreakdowns(pool, schema, latencyStreams, { from: phases.throughput.startedAt, to: phases.throughput.loadEndedAt });
    return {
      system: 'ours', settings: `${settings.workers} worker processes x WORKER_CONCURRENCY=${settings.concurrency}; command agent /bin/true; ${settings.jobs} manual jobs`,
      ...phases, duplicates: check.duplicates, lost: check.requested - check.finished,
      notes: [
        'ours: enqueue recorded = ExecutionRequested.recorded_at; worker start = ExecutionStarted.recorded_at (appended when the worker asks to start, just before it spawns the agent); both clock_timestamp() of the append',
        `ours: ${describeBreakdown('stages in the latency phase', stages.latency)}`,
        `ours: ${describeBreakdown('stages in the throughput phase', stages.throughput)}`,
        `ours: read-model projection behind the store head during the latency and throughput phases (events, sampled every 100 ms): p50 ${projectionLag.p50}, p99 ${projectionLag.p99}, max ${projectionLag.max}`,
        `ours: PostgreSQL connections of our services during the latency and throughput phases (mean count per state, idle ones left out): ${connections}`,
        ...(phases.latencyErrors.length > 0 ? [`ours: ${phases.latencyErrors.length} triggers failed in the latency phase, first: ${phases.latencyErrors[0]}`] : []),
        ...(check.failed > 0 ? [`ours: ${check.failed} executions ended failed/timed out`] : []),
        ...(check.requested !== phases.enqueued ? [`ours: ${check.requested} executions requested in the store, ${phases.enqueued} triggers answered 200`] : []),
      ],
    };
  } finally {
    http.close();
    await pool.end();
    await services.stop();
  }
}

async function startTimes(pool: Pool, schema: string, sends: Send[]): Promise<{ recorded: number[]; client: number[] }> {
  const times = await lifecycleTimes(pool, schema, sends.map((s) => s.id));
  const recorded: number[] = [];
  const client: number[] = [];
  for (const send of sends) {
    const t = times.get(executionStreamId(send.id));
    if (t?.requested === undefined || t.started === undefined) continue;
    recorded.push(t.started - t.requested);
    client.push(t.started - send.sentAt);
  }
  return { recorded, client };
}

/** Every requested execution must have exactly one terminal success, none twice. */
async function exactlyOnce(pool: Pool, schema: string): Promise<{ requested: number; finished: number; duplicates: number; failed: number }> {
  const { rows } = await pool.query<{ requested: string; finished: string; duplicates: string; failed: string }>(`
    SELECT count(*) FILTER (WHERE requested > 0) AS requested, count(*) FILTER (WHERE succeeded > 0) AS finished,
           count(*) FILTER (WHERE succeeded > 1) AS duplicates, count(*) FILTER (WHERE failed > 0) AS failed
      FROM (SELECT stream_id, count(*) FILTER (WHERE type = 'ExecutionRequested') AS requested, count(*) FILTER (WHERE type = 'ExecutionSucceeded') AS succeeded,
                   count(*) FILTER (WHERE type IN ('ExecutionFailed', 'ExecutionTimedOut')) AS failed
              FROM "${schema}".events WHERE stream_id LIKE 'execution-%' GROUP BY stream_id) s`);
  const r = rows[0];
  return { requested: Number(r.requested), finished: Number(r.finished), duplicates: Number(r.duplicates), failed: Number(r.failed) };
}
