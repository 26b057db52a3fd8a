import fc from 'fast-check';
import { isTerminalExecutionStatus, type AuditEventItem, type ExecutionAuditResponse, type JobResponse } from '@cp/contracts';
import { launchServices, waitFor, type LaunchedServices } from '@cp/testing';
import { apiClient, tokenFor, type ApiClient } from './support/api-client';
import { executionsApi } from './support/executions-api';
import { ScriptedWorker, type Run } from './support/executions-scripted-worker';

type Outcome = 'succeed' | 'fail' | 'timeout';
type Step =
  | { kind: 'create'; cron: boolean; attempts: 1 | 2 }
  | { kind: 'update'; job: number; attempts: 1 | 2 }
  | { kind: 'toggle'; job: number; enable: boolean }
  | { kind: 'delete'; job: number }
  | { kind: 'trigger'; job: number; outcomes: [Outcome, Outcome] };

const outcome = fc.constantFrom<Outcome>('succeed', 'succeed', 'fail', 'timeout');
const attempts = fc.constantFrom<1 | 2>(1, 2);
const job = fc.nat(7);
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('create' as const), cron: fc.boolean(), attempts }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('update' as const), job, attempts }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('toggle' as const), job, enable: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), job }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('trigger' as const), job, outcomes: fc.tuple(outcome, outcome) }) },
);

/** Jobs whose cron never fires during the test: next_execution_at is the next 1 January. */
const FAR_CRON = '0 0 1 1 *';

/**
 * Issue 8 §6: random job commands, triggers, successes, failures, time-outs and retries through the running system;
 * afterwards every job's counters, last/next execution fields and history equal a fold of its event streams
 * (computed here from the audit API, independently of the projections), and the job rebuilt as of now.
 */
describe('job counters reconcile with the event streams (property)', () => {
  let services: LaunchedServices;
  let worker: ScriptedWorker;
  const plans = new Map<string, Outcome[]>();
  let stopWorker = () => Promise.resolve();
  let run = 0;

  beforeAll(async () => {
    services = await launchServices({
      services: ['projector', 'jobs', 'gateway', 'executor'],
      env: { EXECUTOR_HEARTBEAT_INTERVAL_MS: '300', EXECUTOR_HEARTBEAT_TIMEOUT_MS: '1500', EXECUTOR_SWEEP_INTERVAL_MS: '300' },
    });
    worker = await ScriptedWorker.connect(services.env.NATS_URL, services.env.NATS_NAMESPACE, 'default');
    stopWorker = workAccordingToPlans(worker, plans);
  }, 180_000);
  afterAll(async () => {
    await stopWorker();
    await worker?.close();
    await services?.stop();
  }, 60_000);

  it('holds for random histories', async () => {
    const create = fc.record({ kind: fc.constant('create' as const), cron: fc.boolean(), attempts });
    const history = fc.tuple(create, create, fc.array(step, { minLength: 8, maxLength: 30 })).map(([a, b, rest]): Step[] => [a, b, ...rest]);
    await fc.assert(fc.asyncProperty(history, async (steps) => {
      const api = apiClient(services.gatewayUrl, tokenFor(`org-counters-${run++}`));
      const { jobs, executions, byJob } = await play(api, steps, plans);
      await waitFor(async () => ((await Promise.all(executions.map((id) => executionsApi(api).execution(id)))).every((e) => isTerminalExecutionStatus(e.status)) ? true : null),
        { timeoutMs: 90_000, intervalMs: 250, description: 'every execution to finish' });
      for (const jobId of jobs) await expectJobToMatchItsEvents(api, jobId, byJob.get(jobId) ?? []);
    }), { numRuns: Number(process.env.COUNTERS_RUNS ?? 10), endOnFailure: true });
  }, 900_000);
});

async function play(api: ApiClient, steps: Step[], plans: Map<string, Outcome[]>): Promise<{ jobs: string[]; executions: string[]; byJob: Map<string, string[]> }> {
  const x = executionsApi(api);
  const agentId = (await x.createAgent()).id;
  const jobs: string[] = [];
  const executions: string[] = [];
  const byJob = new Map<string, string[]>();
  const pick = (index: number): string | null => (jobs.length === 0 ? null : jobs[index % jobs.length]);
  const config = (n: 1 | 2) => ({ retry: { max_attempts: n, backoff_seconds: 0 } });
  for (const s of steps) {
    if (s.kind === 'create') {
      const cron = s.cron ? { trigger_type: 'cron', cron_schedule: FAR_CRON, cron_timezone: 'UTC' } : {};
      jobs.push((await x.createJob(agentId, { ...cron, config: config(s.attempts) })).id);
      continue;
    }
    const jobId = pick(s.job);
    if (!jobId) continue;
    if (s.kind === 'update') await api.patch(`/api/v1/jobs/${jobId}`, { config: config(s.attempts), description: `attempts ${s.attempts}` });
    if (s.kind === 'toggle') await api.post(`/api/v1/jobs/${jobId}/${s.enable ? 'enable' : 'disable'}`);
    if (s.kind === 'delete') await api.delete(`/api/v1/jobs/${jobId}`);
    if (s.kind === 'trigger') {
      const res = await api.post<{ execution_id: string }>(`/api/v1/jobs/${jobId}/trigger`, { parameters: { db: 'orders' } });
      if (res.status !== 200) continue;
      plans.set(res.body.execution_id, s.outcomes);
      executions.push(res.body.execution_id);
      byJob.set(jobId, [...(byJob.get(jobId) ?? []), res.body.execution_id]);
    }
  }
  return { jobs, executions, byJob };
}

/** Each work item: started, then succeed / fail / go silent (the executor times it out) as planned for its attempt. */
function workAccordingToPlans(worker: ScriptedWorker, plans: Map<string, Outcome[]>): () => Promise<void> {
  let stopping = false;
  const act = async (item: Run): Promise<void> => {
    const plan = await waitFor(async () => plans.get(item.item.execution_id) ?? null, { timeoutMs: 30_000, description: `a plan for ${item.item.execution_id}` });
    const start = await worker.started(item);
    const planned = plan[Math.min(item.item.attempt, plan.length) - 1];
    if (start.accepted && planned === 'succeed') await worker.succeed(item, 'ok');
    if (start.accepted && planned === 'fail') await worker.fail(item, 'planned failure');
    item.msg.ack();
  };
  const loop = async (): Promise<void> => {
    while (!stopping) {
      const item = await worker.next(1_000).catch(() => null);
      if (item) await act(item).catch(() => item.msg.ack());
    }
  };
  const loops = Array.from({ length: 6 }, loop);
  return async () => {
    stopping = true;
    await Promise.all(loops);
  };
}

/** `triggered`: the executions the test started (not read from the read model under test). */
async function expectJobToMatchItsEvents(api: ApiClient, jobId: string, triggered: string[]): Promise<void> {
  const jobEvents = (await api.get<{ events: AuditEventItem[] }>(`/api/v1/jobs/${jobId}/events?limit=1000`)).body.events;
  if (jobEvents.some((e) => e.type === 'JobDeleted')) {
    expect((await api.get(`/api/v1/jobs/${jobId}`)).status).toBe(404);
    return;
  }
  const listed = (await api.get<{ executions: { execution_id: string }[] }>(`/api/v1/jobs/${jobId}/executions?limit=1000`)).body.executions;
  expect(listed.map((e) => e.execution_id).sort()).toEqual([...triggered].sort());
  const streams = await Promise.all(triggered.map(async (id) => (await api.get<ExecutionAuditResponse>(`/api/v1/executions/${id}/events?limit=1000`)).body.events));
  const live = (await api.get<JobResponse>(`/api/v1/jobs/${jobId}`)).body;
  expect(pickFolded(live)).toEqual(foldJob(jobEvents, streams));
  expect((await api.get<JobResponse>(`/api/v1/jobs/${jobId}?as_of=${encodeURIComponent(new Date().toISOString())}`)).body).toEqual(live);
}

const pickFolded = (job: JobResponse) => ({
  total_executions: job.total_executions, successful_executions: job.successful_executions, failed_executions: job.failed_executions,
  last_execution_id: job.last_execution_id, last_execution_at: job.last_execution_at, last_triggered_at: job.last_triggered_at,
  next_execution_at: job.next_execution_at, execution_history: job.execution_history,
});

type Summary = { id: string; position: number; requestedAt: string; source: string; status: string; startedAt: string | null; completedAt: string | null; durationMs: number | null };

/** The job fields that come from executions, folded straight from the events (no projection code involved). */
function foldJob(jobEvents: AuditEventItem[], streams: AuditEventItem[][]) {
  const runs = streams.map(summarize).sort((a, b) => a.position - b.position);
  const last = runs[runs.length - 1];
  return {
    total_executions: runs.length,
    successful_executions: runs.filter((r) => r.status === 'completed').length,
    failed_executions: runs.filter((r) => r.status === 'failed' || r.status === 'timed_out').length,
    last_execution_id: last?.id ?? null,
    last_execution_at: last?.requestedAt ?? null,
    last_triggered_at: last?.requestedAt ?? null,
    next_execution_at: nextJanuaryFirst(jobEvents),
    execution_history: runs.slice(-10).reverse().map((r) => ({ execution_id: r.id, status: r.status, trigger_type: r.source, started_at: r.startedAt, completed_at: r.completedAt, duration_ms: r.durationMs })),
  };
}

function summarize(events: AuditEventItem[]): Summary {
  const [requested] = events;
  const started = events.find((e) => e.type === 'ExecutionStarted');
  const summary: Summary = {
    id: String(requested.data.execution_id), position: Number(requested.position), requestedAt: String(requested.data.requested_at), source: String(requested.data.source),
    status: 'pending', startedAt: started ? String(started.data.started_at) : null, completedAt: null, durationMs: null,
  };
  for (const { type, data } of events) {
    const end = (status: string, at: unknown) => Object.assign(summary, { status, completedAt: String(at), durationMs: (data.duration_ms as number | null) ?? null });
    if (type === 'ExecutionDispatched') summary.status = 'queued';
    if (type === 'ExecutionStarted') summary.status = 'running';
    if (type === 'ExecutionRetryScheduled' || ((type === 'ExecutionFailed' || type === 'ExecutionTimedOut') && data.will_retry)) summary.status = 'retrying';
    else if (type === 'ExecutionFailed') end('failed', data.failed_at);
    else if (type === 'ExecutionTimedOut') end('timed_out', data.timed_out_at);
    if (type === 'ExecutionSucceeded') end('completed', data.completed_at);
    if (type === 'ExecutionCancelled') end('cancelled', data.cancelled_at);
  }
  return summary;
}

/** An enabled FAR_CRON job runs next on the first 1 January after its schedule last changed; otherwise never. */
function nextJanuaryFirst(jobEvents: AuditEventItem[]): string | null {
  let enabled = false;
  let cron = false;
  let since = '';
  for (const { type, data, occurred_at } of jobEvents) {
    const definition = (type === 'JobCreated' ? data.definition : type === 'JobUpdated' ? data.changes : {}) as Record<string, unknown>;
    if ('trigger_type' in definition) cron = definition.trigger_type === 'cron';
    if ('enabled' in definition) enabled = definition.enabled === true;
    if (type === 'JobEnabled' || type === 'JobDisabled') enabled = type === 'JobEnabled';
    if (type !== 'JobUpdated' || 'enabled' in definition || 'cron_schedule' in definition) since = occurred_at;
  }
  if (!enabled || !cron) return null;
  return new Date(Date.UTC(new Date(since).getUTCFullYear() + 1, 0, 1)).toISOString();
}
