/**
 * Webhook ingestion benchmark (issue 6): verified deliveries per second and latency through the public URL
 * (gateway -> NATS -> webhooks -> NATS -> jobs -> event store), 100 concurrent senders, 10 jobs, every delivery
 * signed and carrying a unique Idempotency-Key. Afterwards the executions in the event store must equal the
 * 200 answers exactly (0 lost, 0 doubled). Not a test: run it by hand.
 *
 *   node scripts/run-ts.js bench/webhooks.bench.ts
 *   BENCH_REQUESTS=20000 BENCH_CONNECTIONS=100 BENCH_TARGET=gateway|webhooks node scripts/run-ts.js bench/webhooks.bench.ts
 *   BENCH_MODE=disabled ...  (jobs disabled: every delivery is fully verified, then answered 400 without a trigger,
 *                             which measures the webhook layer alone; afterwards 0 executions must exist)
 */
import { createHmac } from 'node:crypto';
import { cpus } from 'node:os';
import { launchServices, devToken } from '@cp/testing';
import { countExecutions, usageMeter } from './webhooks-bench-support';

// autocannon ships no types; this is the part of its API used here.
type AutocannonRequest = { method: string; setupRequest: (request: Record<string, unknown>) => Record<string, unknown> };
type AutocannonResult = {
  requests: { average: number; mean: number };
  latency: { p50: number; p90: number; p99: number; average: number; max: number };
  '2xx': number; non2xx: number; errors: number; timeouts: number; duration: number;
  statusCodeStats: Record<string, { count: number }>;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (options: Record<string, unknown>) => Promise<AutocannonResult>;

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 20_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 100);
const TARGET = process.env.BENCH_TARGET === 'webhooks' ? 'webhooks' : 'gateway';
const DISABLED = process.env.BENCH_MODE === 'disabled';
const JOBS = 10;
const SERVICES = ['projector', 'jobs', 'webhooks', 'gateway'];

type Job = { id: string; webhook_url: string; webhook_secret: string };

async function createJobs(gatewayUrl: string): Promise<Job[]> {
  const token = devToken({ organizationId: 'org-bench', userId: 'bench' });
  const jobs: Job[] = [];
  for (let i = 0; i < JOBS; i++) {
    const res = await fetch(`${gatewayUrl}/api/v1/jobs`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: `bench-${i}`, trigger_type: 'webhook', planning_mode: 'on_the_fly', prompt_template: 'Handle {{event}} #{{n}}', config: { webhook_rate_limit_per_minute: 100_000_000 } }),
    });
    if (res.status !== 201) throw new Error(`Creating a job failed: ${res.status} ${await res.text()}`);
    const job = (await res.json()) as Job;
    if (DISABLED) await fetch(`${gatewayUrl}/api/v1/jobs/${job.id}/disable`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
    jobs.push(job);
  }
  return jobs;
}

/** Each request: next job round-robin, a fresh body and delivery id, signed as the SDK's caller would. */
function signedRequests(jobs: Job[], base: string): AutocannonRequest[] {
  let n = 0;
  return [{
    method: 'POST',
    setupRequest: (request) => {
      const job = jobs[n % jobs.length];
      const body = `{"parameters": {"event": "push", "n": ${n}}, "metadata": {"source": "bench"}}`;
      const path = new URL(job.webhook_url).pathname;
      n++;
      return { ...request, path: `${new URL(base).pathname.replace(/\/$/, '')}${path}`, body, headers: {
        'content-type': 'application/json', 'idempotency-key': `bench-${n}`, 'x-webhook-signature': createHmac('sha256', job.webhook_secret).update(body).digest('hex'),
      } };
    },
  }];
}

async function main(): Promise<void> {
  const services = await launchServices({ services: SERVICES, readyTimeoutMs: 120_000 });
  try {
    const jobs = await createJobs(services.gatewayUrl);
    const base = TARGET === 'gateway' ? services.gatewayUrl : services.webhooksUrl;
    const meter = usageMeter(SERVICES.map((name) => ({ name, pid: services.service(name).pid as number })));
    const result = await autocannon({ url: base, connections: CONNECTIONS, amount: REQUESTS, timeout: 30, requests: signedRequests(jobs, base) });
    const usage = meter.stop();
    const executions = await countExecutions(services.env.DATABASE_URL, services.env.DB_SCHEMA, jobs.map((j) => j.id));
    report(result, usage, executions);
    const expected = DISABLED ? (result.statusCodeStats['400']?.count === REQUESTS ? 0 : -1) : result['2xx'];
    if (executions !== expected) process.exitCode = 1;
  } finally {
    await services.stop();
  }
}

function report(result: AutocannonResult, usage: ReturnType<ReturnType<typeof usageMeter>['stop']>, executions: number): void {
  const lines = [
    `## Webhook deliveries${DISABLED ? ' to disabled jobs (verification only, answered 400)' : ''} (${TARGET} URL, ${CONNECTIONS} concurrent senders, ${JOBS} jobs, ${REQUESTS} deliveries, ${cpus().length} CPUs: ${cpus()[0]?.model ?? '?'})`,
    '',
    `| deliveries/s (mean) | p50 ms | p90 ms | p99 ms | max ms | 200 | non-2xx | errors | timeouts | executions stored |`,
    `|---|---|---|---|---|---|---|---|---|---|`,
    `| ${result.requests.mean.toFixed(0)} | ${result.latency.p50} | ${result.latency.p90} | ${result.latency.p99} | ${result.latency.max} | ${result['2xx']} | ${result.non2xx} | ${result.errors} | ${result.timeouts} | ${executions} |`,
    '',
    `Status codes: ${JSON.stringify(Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count])))}`,
    `Executions ${executions === result['2xx'] ? '==' : '!='} 200 answers (${executions} vs ${result['2xx']}): ${executions === result['2xx'] ? '0 lost, 0 doubled' : 'MISMATCH'}`,
    '',
    '| service | CPU % (of one core) | RSS MiB | peak RSS MiB |',
    '|---|---|---|---|',
    ...usage.map((u) => `| ${u.name} | ${u.cpuPercent.toFixed(0)} | ${u.rssMiB.toFixed(0)} | ${u.peakRssMiB.toFixed(0)} |`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
