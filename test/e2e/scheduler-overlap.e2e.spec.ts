import { launchServices, waitFor, type LaunchedServices } from '@cp/testing';
import { SchedulerProbe, secondsBetween, sleep, type CronRun } from './scheduler-probe';
import { apiClient, tokenFor, type ApiClient } from './support/api-client';

type Job = { id: string };
const TERMINAL = new Set(['ExecutionSucceeded', 'ExecutionCancelled', 'ExecutionTimedOut', 'ExecutionFailed']);

/**
 * Issue 5 §6, end to end with a real executor and worker: runs of a `sleep` agent outlast the every-second slots,
 * so the overlap policy decides each slot.
 */
describe('Scheduler overlap policy (config.concurrency_policy) with real runs', () => {
  let services: LaunchedServices;
  let api: ApiClient;
  let probe: SchedulerProbe;

  const sleepAgent = async (seconds: string): Promise<string> => {
    const res = await api.post<{ id: string }>('/api/v1/agents', { name: `sleep ${seconds}`, capabilities: ['sleep'], runtime: { type: 'command', command: 'sleep', args: [seconds] } });
    expect(res.status).toBe(201);
    return res.body.id;
  };
  const createCronJob = async (cron: string, agentId: string, config: Record<string, unknown>): Promise<Job> => {
    const res = await api.post<Job>('/api/v1/jobs', { name: `cron ${cron}`, trigger_type: 'cron', cron_schedule: cron, planning_mode: 'predefined_agent', entity_id: agentId, prompt_template: 'nap', config });
    expect(res.status).toBe(201);
    return res.body;
  };
  const runsAtLeast = (jobId: string, count: number, timeoutMs = 30_000): Promise<CronRun[]> =>
    waitFor(async () => { const runs = await probe.runs(jobId); return runs.length >= count ? runs : null; }, { timeoutMs, description: `${count} cron runs of ${jobId}` });
  /** [requested, ended] of a run from its own stream; ended is Infinity while it goes on. */
  const lifetime = async (executionId: string): Promise<{ from: number; to: number; ending: string | null; reason: string | null }> => {
    const events = await probe.executionEvents(executionId);
    const end = events.find((e) => TERMINAL.has(e.type) && !(e.data as { will_retry?: boolean }).will_retry);
    return { from: Date.parse(events[0].recordedAt), to: end ? Date.parse(end.recordedAt) : Infinity, ending: end?.type ?? null, reason: (end?.data as { reason?: string } | undefined)?.reason ?? null };
  };

  beforeAll(async () => {
    services = await launchServices({ services: ['projector', 'jobs', 'executor', 'worker', 'gateway', 'scheduler'] });
    api = apiClient(services.gatewayUrl, tokenFor('org-overlap', 'ops', 'ops@example.com'));
    probe = new SchedulerProbe(services.env);
  }, 180_000);
  afterAll(async () => {
    await probe?.close();
    await services?.stop();
  }, 60_000);

  it('forbid: while a run goes on, its slots are recorded as skipped; runs never overlap and no slot is lost', async () => {
    const job = await createCronJob('* * * * * *', await sleepAgent('2.5'), { concurrency_policy: 'forbid' });
    await runsAtLeast(job.id, 3);
    await api.post(`/api/v1/jobs/${job.id}/disable`);
    await sleep(500);
    const runs = await probe.runs(job.id);
    const skips = await probe.skips(job.id);
    const lifetimes = await Promise.all(runs.map((run) => lifetime(run.executionId)));
    for (let i = 1; i < runs.length; i++) expect(lifetimes[i].from).toBeGreaterThanOrEqual(lifetimes[i - 1].to);
    expect(skips.length).toBeGreaterThanOrEqual(2);
    for (const skip of skips) {
      expect(skip).toMatchObject({ reason: 'overlap_forbid', slot_count: 1 });
      expect(skip.scheduled_for).toBe(skip.last_scheduled_for);
      expect(runs.map((run) => run.executionId)).toEqual(expect.arrayContaining(skip.blocking_execution_ids));
    }
    const lastRun = runs[runs.length - 1].slot;
    const handled = [...runs.map((run) => run.slot), ...skips.map((skip) => skip.scheduled_for)].filter((slot) => slot <= lastRun).sort();
    expect(handled).toEqual(secondsBetween(runs[0].slot, lastRun));
  }, 90_000);

  it('replace: the running one is cancelled and the new slot starts', async () => {
    const job = await createCronJob('*/3 * * * * *', await sleepAgent('60'), { concurrency_policy: 'replace' });
    const runs = await runsAtLeast(job.id, 2);
    await api.post(`/api/v1/jobs/${job.id}/disable`);
    const first = await waitFor(async () => { const l = await lifetime(runs[0].executionId); return l.ending ? l : null; }, { timeoutMs: 10_000, description: 'the first run to end' });
    expect(first.ending).toBe('ExecutionCancelled');
    expect(first.reason).toMatch(/concurrency_policy replace/);
    const second = await lifetime(runs[1].executionId);
    expect(second.from).toBeGreaterThanOrEqual(first.to);
    expect(second.ending).not.toBe('ExecutionCancelled');
    expect(await probe.skips(job.id)).toEqual([]);
    await api.post(`/api/v1/jobs/${job.id}/executions/${runs[1].executionId}/cancel`);
  }, 60_000);
});
