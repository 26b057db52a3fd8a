/**
 * Executions benchmark (issue 4): trigger -> worker start latency and sustained triggers/s with 4 workers, and the
 * same workload on pg-boss 10 (PostgreSQL) and BullMQ 5 (Redis) as baselines, measured in the same run on this
 * machine; RSS of every process at rest and under load. Not a test: run it by hand (whole run < 5 minutes).
 *
 *   node scripts/run-ts.js bench/executions.bench.ts        (or: npm run bench executions)
 *   BENCH_SYSTEMS=ours,pgboss,bullmq BENCH_RATE=50 BENCH_LATENCY_SECONDS=20 BENCH_THROUGHPUT_SECONDS=30 BENCH_CONCURRENCY=64
 *   BENCH_WORKERS=4 BENCH_WORKER_CONCURRENCY=8 BENCH_BASELINE_HANDLER=spawn|noop BENCH_PGBOSS_BATCH=64 BENCH_PGBOSS_POLL_SECONDS=0.5
 *
 * Per system: rest (RSS at rest), warm-up, latency (open loop at a fixed rate), throughput (closed loop: many
 * concurrent enqueue calls for 30 s, completions counted over time after a 5 s warm-up; clients pause while more
 * than BENCH_BACKLOG_CAP units are outstanding), drain, then a check that every unit completed exactly once.
 */
import { cpus, totalmem } from 'node:os';
import { Pool } from 'pg';
import { runBullmq, runPgBoss } from './executions-baselines';
import { runOurs } from './executions-ours';
import { loadBenchSettings, type BenchSettings } from './executions-settings';
import type { MachineLoad } from './executions-machine';
import type { MemoryRow, Summary, SystemReport } from './executions-support';

const RUNNERS: Record<string, (settings: BenchSettings) => Promise<SystemReport>> = { ours: runOurs, pgboss: runPgBoss, bullmq: runBullmq };

const f = (value: number, digits = 1): string => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const load = (m: MachineLoad): string => `${f(m.busy, 0)} / ${f(m.bench, 0)} / ${f(m.servers, 0)} / ${f(m.others, 0)}`;
const pp = (s: Summary): string => `${f(s.p50)} / ${f(s.p99)} (max ${f(s.max, 0)})`;

async function versions(settings: BenchSettings): Promise<string> {
  const pool = new Pool({ connectionString: settings.databaseUrl, max: 1 });
  const pg = (await pool.query<{ v: string }>("SELECT current_setting('server_version') AS v").catch(() => ({ rows: [{ v: '?' }] }))).rows[0].v;
  await pool.end();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pkg = (name: string): string => { try { return require(`${name}/package.json`).version as string; } catch { return 'not installed'; } };
  return `PostgreSQL ${pg}, pg-boss ${pkg('pg-boss')}, bullmq ${pkg('bullmq')}, nats client ${pkg('nats')}`;
}

function resultsTable(reports: SystemReport[]): string[] {
  const row = (label: string, cell: (r: SystemReport) => string): string => `| ${label} | ${reports.map(cell).join(' | ')} |`;
  return [
    `| | ${reports.map((r) => r.system).join(' | ')} |`,
    `|---|${reports.map(() => '---').join('|')}|`,
    row('light load: enqueue recorded -> worker start, p50 / p99 ms', (r) => pp(r.light.recordedToStart)),
    row('light load: enqueue call round trip, p50 / p99 ms', (r) => pp(r.light.enqueueRoundTrip)),
    row('light load: calls made / skipped', (r) => `${r.light.calls} / ${r.light.skipped} (${r.light.rate})`),
    row('enqueue recorded -> worker start, p50 / p99 ms', (r) => pp(r.recordedToStart)),
    row('client call -> worker start, p50 / p99 ms', (r) => pp(r.clientToStart)),
    row('enqueue call round trip (HTTP trigger / send / add), p50 / p99 ms', (r) => pp(r.enqueueRoundTrip)),
    row('latency phase: calls made / skipped while 2 s of calls were unanswered / starts missing', (r) => `${r.latencyCalls} / ${r.latencySkipped} / ${r.latencyLost}`),
    row('machine CPU in latency phase, % of one core: all / this bench / servers / other', (r) => load(r.machine.latency)),
    row('sustained completions/s end to end', (r) => f(r.throughput.completedPerSec, 0)),
    row('enqueue calls accepted/s during load', (r) => f(r.throughput.acceptedPerSec, 0)),
    row('accepted / enqueue errors during load', (r) => `${r.throughput.accepted} / ${r.throughput.errors}`),
    row('drain after load, s', (r) => (r.throughput.drainMs === null ? 'not drained in 30 s' : f(r.throughput.drainMs / 1000, 1))),
    row('lost / run twice', (r) => `${r.lost} / ${r.duplicates}`),
    row('machine CPU in throughput phase, % of one core: all / this bench / servers / other', (r) => load(r.machine.throughput)),
  ];
}

/** Processes of the same kind (worker#1..4) are folded into one row: mean RSS, max peak, mean CPU per process. */
function memoryTable(reports: SystemReport[]): string[] {
  const lines = ['| system | process | RSS at rest MiB | RSS under load MiB (mean / max) | CPU under load % of a core |', '|---|---|---|---|---|'];
  for (const report of reports) {
    const groups = new Map<string, MemoryRow[]>();
    for (const row of report.memory) {
      const kind = row.name.replace(/#\d+$/, '');
      groups.set(kind, [...(groups.get(kind) ?? []), row]);
    }
    for (const [kind, rows] of groups) {
      const mean = (pick: (r: MemoryRow) => number): number => rows.reduce((sum, r) => sum + pick(r), 0) / rows.length;
      const label = rows.length > 1 ? `${kind} (each of ${rows.length})` : kind;
      lines.push(`| ${report.system} | ${label} | ${f(mean((r) => r.restRssMiB), 0)} | ${f(mean((r) => r.loadRssMiB), 0)} / ${f(Math.max(...rows.map((r) => r.loadMaxRssMiB)), 0)} | ${f(mean((r) => r.loadCpuPercent), 0)} |`);
    }
  }
  return lines;
}

async function main(): Promise<void> {
  const settings = loadBenchSettings();
  const unknown = settings.systems.filter((s) => !RUNNERS[s]);
  if (unknown.length > 0) throw new Error(`BENCH_SYSTEMS: unknown ${unknown.join(', ')} (known: ${Object.keys(RUNNERS).join(', ')})`);
  const startedAt = new Date();
  const reports: SystemReport[] = [];
  for (const system of settings.systems) {
    const t0 = Date.now();
    process.stderr.write(`[executions bench] ${system}...\n`);
    const report = await RUNNERS[system](settings);
    process.stderr.write(`[executions bench] ${system} done in ${((Date.now() - t0) / 1000).toFixed(0)} s: ${JSON.stringify({ ...report, memory: undefined, latencyErrors: undefined })}\n`);
    reports.push(report);
  }
  const cpu = cpus();
  const lines = [
    `## Executions: trigger -> worker start, sustained throughput (${startedAt.toISOString()})`,
    '',
    `Machine: ${cpu.length} cores, ${cpu[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}; ${await versions(settings)}; run took ${((Date.now() - startedAt.getTime()) / 1000).toFixed(0)} s.`,
    `Workload: ${settings.workers} worker processes x concurrency ${settings.concurrency}; work per unit: ${settings.baselineHandler === 'spawn' ? 'spawn /bin/true with the prompt on stdin (ours: a command agent running /bin/true)' : 'baselines: no-op handler; ours: command agent /bin/true'}; light load at ${settings.lightRate}/s for ${settings.lightSeconds} s, then latency at ${settings.latencyRate}/s for ${settings.latencySeconds} s (rows without "light load"); throughput with ${settings.loop.concurrency} concurrent enqueue calls for ${settings.loop.seconds} s (rate after ${settings.loop.warmupSeconds} s warm-up, backlog cap ${settings.loop.backlogCap}).`,
    '',
    ...resultsTable(reports),
    '',
    ...memoryTable(reports),
    '',
    `CPU columns: % of one core (${cpu.length} cores = ${cpu.length * 100} %); "this bench" = the bench process and everything it started (services, workers, /bin/true), "servers" = postgres, nats-server, redis-server (shared with anything else running), "other" = every other process on the machine.`,
    '',
    ...reports.map((r) => `- ${r.system}: ${r.settings}`),
    ...reports.flatMap((r) => r.notes.map((n) => `- ${n}`)),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
