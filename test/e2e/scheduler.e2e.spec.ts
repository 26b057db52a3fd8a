import { cronSlotExecutionId } from '@cp/domain';
import { launchServices, waitFor, type LaunchedServices } from '@cp/testing';
import { SchedulerProbe, secondsBetween, sleep, type CronRun } from './scheduler-probe';
import { apiClient, tokenFor, type ApiClient } from './support/api-client';

type Job = { id: string; enabled: boolean; next_execution_at: string | null; created_at: string };
type Preview = { job_id: string; cron_timezone: string; enabled: boolean; next_execution_at: string | null; concurrency_policy: string; catchup_window_seconds: number; slots: { at: string; local: string }[] };

/**
 * Issue 5, end to end with real processes (jobs, projector, gateway, scheduler) on 6-field every-second schedules.
 * The event store is read directly to count runs per slot exactly (no projection lag).
 */
describe('Scheduler: cron slots fire exactly once, on time, across changes, replicas and crashes', () => {
  let services: LaunchedServices;
  let api: ApiClient;
  let probe: SchedulerProbe;

  const createCronJob = async (cron: string, overrides: Record<string, unknown> = {}): Promise<Job> => {
    const res = await api.post<Job>('/api/v1/jobs', { name: `cron ${cron}`, trigger_type: 'cron', cron_schedule: cron, planning_mode: 'on_the_fly', prompt_template: 'tick', ...overrides });
    expect(res.status).toBe(201);
    return res.body;
  };
  const runsAtLeast = (jobId: string, count: number, timeoutMs = 20_000): Promise<CronRun[]> =>
    waitFor(async () => { const runs = await probe.runs(jobId); return runs.length >= count ? runs : null; }, { timeoutMs, description: `${count} cron runs of ${jobId}` });
  const disable = async (jobId: string): Promise<Job> => (await api.post<Job>(`/api/v1/jobs/${jobId}/disable`)).body;
  const slotsOf = (runs: CronRun[]): string[] => runs.map((run) => run.slot);

  beforeAll(async () => {
    services = await launchServices({ services: ['projector', 'jobs', 'gateway', 'scheduler'] });
    api = apiClient(services.gatewayUrl, tokenFor('org-cron', 'cron-admin', 'cron@example.com'));
    probe = new SchedulerProbe(services.env);
  }, 180_000);
  afterAll(async () => {
    await probe?.close();
    await services?.stop();
  }, 60_000);

  it('fires an every-second job within its second, once per slot, as a cron run carrying the slot', async () => {
    const job = await createCronJob('* * * * * *');
    await runsAtLeast(job.id, 4);
    await disable(job.id);
    const runs = await probe.runs(job.id);
    expect(slotsOf(runs)).toEqual(secondsBetween(runs[0].slot, runs[runs.length - 1].slot));
    expect(Date.parse(runs[0].slot)).toBeGreaterThan(Date.parse(job.created_at));
    for (const run of runs) {
      expect(run.latenessMs).toBeGreaterThanOrEqual(0);
      expect(run.latenessMs).toBeLessThan(1000);
      expect(run).toMatchObject({ source: 'cron', executionId: cronSlotExecutionId(job.id, Date.parse(run.slot)), triggerMetadata: { scheduled_for: run.slot, cron_schedule: '* * * * * *', cron_timezone: 'UTC' } });
    }
    const history = await api.get<{ executions: { trigger_type: string }[] }>(`/api/v1/jobs/${job.id}/executions`);
    if (history.status === 200) expect(history.body.executions.every((e) => e.trigger_type === 'cron')).toBe(true);
  }, 60_000);

  it('disable stops it at once (next_execution_at null); re-enable resumes without backfilling the pause', async () => {
    const job = await createCronJob('* * * * * *');
    await runsAtLeast(job.id, 2);
    const disabled = await disable(job.id);
    const disabledAt = Date.now();
    expect(disabled).toMatchObject({ enabled: false, next_execution_at: null });
    const atDisable = (await probe.runs(job.id)).length;
    await sleep(3000);
    const paused = await probe.runs(job.id);
    expect(paused.length).toBeLessThanOrEqual(atDisable + 1);
    expect(paused.every((run) => Date.parse(run.slot) <= disabledAt)).toBe(true);
    const enabledFrom = Date.now();
    const enabled = await api.post<Job>(`/api/v1/jobs/${job.id}/enable`);
    expect(enabled.body.enabled).toBe(true);
    const resumed = await runsAtLeast(job.id, paused.length + 2);
    await disable(job.id);
    const newSlots = resumed.slice(paused.length).map((run) => Date.parse(run.slot));
    expect(newSlots.every((slot) => slot > enabledFrom)).toBe(true);
    expect(new Set(slotsOf(resumed)).size).toBe(resumed.length);
  }, 60_000);

  it('an update of the expression takes effect at the next slot of the new one', async () => {
    const job = await createCronJob('* * * * * *');
    await runsAtLeast(job.id, 2);
    const updatedFrom = Date.now();
    expect((await api.patch(`/api/v1/jobs/${job.id}`, { cron_schedule: '*/2 * * * * *' })).status).toBe(200);
    const before = (await probe.runs(job.id)).filter((run) => Date.parse(run.slot) <= updatedFrom).length;
    const runs = await runsAtLeast(job.id, before + 3);
    await disable(job.id);
    const later = runs.filter((run) => Date.parse(run.slot) > updatedFrom + 1000);
    expect(later.length).toBeGreaterThanOrEqual(2);
    expect(later.every((run) => new Date(run.slot).getUTCSeconds() % 2 === 0)).toBe(true);
  }, 60_000);

  it('shows next_execution_at and previews the next slots in the job time zone', async () => {
    const job = await createCronJob('0 9 * * 1', { cron_timezone: 'America/New_York', config: { concurrency_policy: 'forbid' } });
    const preview = await api.get<Preview>(`/api/v1/jobs/${job.id}/schedule/preview?count=3`);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ job_id: job.id, cron_timezone: 'America/New_York', enabled: true, concurrency_policy: 'forbid', catchup_window_seconds: 60 });
    expect(preview.body.slots).toHaveLength(3);
    for (const slot of preview.body.slots) {
      expect(slot.local).toMatch(/T09:00:00-0[45]:00$/);
      expect(new Date(slot.at).getTime()).toBe(new Date(slot.local).getTime());
      expect(new Date(slot.at).getUTCDay()).toBe(1);
    }
    expect(job.next_execution_at).toBe(preview.body.slots[0].at);
    expect((await api.get(`/api/v1/jobs/${job.id}/schedule/preview?count=0`)).status).toBe(422);
    const manual = await api.post<Job>('/api/v1/jobs', { name: 'manual', trigger_type: 'manual', planning_mode: 'on_the_fly', prompt_template: 'x' });
    expect(manual.body.next_execution_at).toBeNull();
    expect((await api.get(`/api/v1/jobs/${manual.body.id}/schedule/preview`)).status).toBe(400);
    const stranger = apiClient(services.gatewayUrl, tokenFor('org-other'));
    expect((await stranger.get(`/api/v1/jobs/${job.id}/schedule/preview`)).status).toBe(404);
  }, 30_000);

  it('rejects an unknown overlap policy or a negative catch-up window with 422', async () => {
    for (const config of [{ concurrency_policy: 'queue' }, { catchup_window_seconds: -5 }]) {
      const res = await api.post('/api/v1/jobs', { name: 'bad', trigger_type: 'cron', cron_schedule: '* * * * *', planning_mode: 'on_the_fly', prompt_template: 'x', config });
      expect(res.status).toBe(422);
    }
  });

  it('two schedulers side by side: both try each slot, each slot runs once', async () => {
    await services.killService('scheduler', 'SIGTERM');
    const debug = { env: { ...services.env, LOG_LEVEL: 'debug' } };
    const first = await services.startService('scheduler', debug);
    const second = await services.startService('scheduler', { ...debug, instance: 2 });
    const job = await createCronJob('* * * * * *');
    await runsAtLeast(job.id, 6);
    await disable(job.id);
    await sleep(500);
    const runs = await probe.runs(job.id);
    expect(slotsOf(runs)).toEqual(secondsBetween(runs[0].slot, runs[runs.length - 1].slot));
    const attempts = [...firedLines(first.logs(), job.id), ...firedLines(second.logs(), job.id)];
    for (const run of runs) {
      const forSlot = attempts.filter((a) => a.slot === run.slot);
      expect(forSlot.filter((a) => !a.duplicate)).toHaveLength(1);
    }
    expect(attempts.filter((a) => a.duplicate).length).toBeGreaterThan(0);
    await services.killService('scheduler', 'SIGTERM', 2);
  }, 90_000);

  it('kill -9 for 5 s: missed slots inside the catch-up window fire once, older ones are recorded as skipped', async () => {
    const job = await createCronJob('* * * * * *', { config: { catchup_window_seconds: 2 } });
    await runsAtLeast(job.id, 2);
    await services.killService('scheduler', 'SIGKILL');
    const killedAt = Date.now();
    await sleep(5000);
    await services.startService('scheduler');
    const restartedAt = Date.now();
    await waitFor(async () => (await probe.runs(job.id)).some((run) => Date.parse(run.slot) > restartedAt + 1000), { timeoutMs: 20_000, description: 'a slot after the restart' });
    await disable(job.id);
    await sleep(500);
    const runs = await probe.runs(job.id);
    const skips = await probe.skips(job.id);
    expect(skips).toHaveLength(1);
    const [misfire] = skips;
    expect(misfire).toMatchObject({ reason: 'misfire', blocking_execution_ids: [] });
    expect(misfire.slot_count).toBeGreaterThanOrEqual(2);
    const skipped = secondsBetween(misfire.scheduled_for, misfire.last_scheduled_for);
    expect(skipped).toHaveLength(misfire.slot_count);
    expect(Date.parse(misfire.scheduled_for)).toBeGreaterThan(killedAt - 1000);
    // Every slot from the first run to the last is either run once or recorded as skipped, never both.
    const handled = [...slotsOf(runs), ...skipped].sort();
    expect(handled).toEqual(secondsBetween(runs[0].slot, runs[runs.length - 1].slot));
    const caughtUp = runs.filter((run) => Date.parse(run.slot) > Date.parse(misfire.last_scheduled_for) && Date.parse(run.slot) < restartedAt - 1000);
    expect(caughtUp.length).toBeGreaterThanOrEqual(1);
    expect(caughtUp.length).toBeLessThanOrEqual(3);
    expect(caughtUp.every((run) => run.latenessMs >= 1000 && run.latenessMs <= 3500)).toBe(true);
    const audit = await api.get<{ events: { type: string; data: Record<string, unknown>; actor: { id: string } }[] }>(`/api/v1/jobs/${job.id}/events`);
    expect(audit.status).toBe(200);
    expect(audit.body.events.filter((e) => e.type === 'ScheduledRunSkipped')).toEqual([
      expect.objectContaining({ actor: expect.objectContaining({ id: 'system:scheduler' }), data: expect.objectContaining({ reason: 'misfire', slot_count: misfire.slot_count }) }),
    ]);
  }, 90_000);
});

type FiredLine = { slot: string; duplicate: boolean };

/** The scheduler's debug log lines "cron slot fired" for one job. */
function firedLines(logs: string, jobId: string): FiredLine[] {
  const lines: FiredLine[] = [];
  for (const line of logs.split('\n')) {
    if (!line.includes('"cron slot fired"') || !line.includes(jobId)) continue;
    const entry = JSON.parse(line) as { slot: string; duplicate: boolean };
    lines.push({ slot: entry.slot, duplicate: entry.duplicate });
  }
  return lines;
}
