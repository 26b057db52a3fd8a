import type { RecordedEvent } from '@cp/contracts';
import { cronSlotExecutionId } from '@cp/domain';
import { ScheduleBook } from './schedule-book';
import { SlotRunner } from './slot-runner';
import { FakeControlPlane } from './testing/fake-control-plane';
import { jobCreated, recorded } from './testing/scheduler-events';
import { ManualClock } from './timer/manual-clock';

const T0 = Date.parse('2025-01-01T00:00:00.000Z');
const at = (seconds: number): number => T0 + seconds * 1000;
const slots = (...seconds: number[]): string[] => seconds.map((s) => new Date(at(s)).toISOString());
const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const JOB = 'job_a';

function scheduler(clock: ManualClock, plane: FakeControlPlane, history: RecordedEvent[] = []) {
  const book = new ScheduleBook();
  history.forEach((event) => book.apply(event));
  const runner = new SlotRunner(book, clock, plane, quiet, { maxInFlight: 8, retryDelayMs: 250, maxRetryDelayMs: 1000 });
  runner.processAll();
  return { book, runner, apply: (event: RecordedEvent) => { const jobId = book.apply(event); if (jobId) runner.process(jobId); } };
}

/** Moves the clock timer by timer, letting the scheduler finish its work at each one. */
async function runUntil(clock: ManualClock, runners: SlotRunner[], target: number): Promise<void> {
  for (;;) {
    await Promise.all(runners.map((r) => r.idle()));
    const next = clock.nextTimerAt();
    if (next === null || next > target) break;
    clock.advanceTo(next);
  }
  clock.advanceTo(target);
  await Promise.all(runners.map((r) => r.idle()));
}

function world() {
  const clock = new ManualClock(at(0));
  return { clock, plane: new FakeControlPlane(clock) };
}

describe('SlotRunner (given job events and a clock, then these runs and records)', () => {
  it('fires every slot of an every-second job exactly at its second', async () => {
    const { clock, plane } = world();
    const { runner } = scheduler(clock, plane, [jobCreated(JOB, at(0.3))]);
    await runUntil(clock, [runner], at(5.5));
    expect(plane.firedSlots()).toEqual(slots(1, 2, 3, 4, 5));
    expect([...plane.runs.values()].every((run) => run.firedAt === run.slotMs)).toBe(true);
    expect([...plane.runs.keys()]).toEqual([1, 2, 3, 4, 5].map((s) => cronSlotExecutionId(JOB, at(s))));
  });

  it('disabling stops it at once; enabling resumes from then on without backfill', async () => {
    const { clock, plane } = world();
    const { runner, apply } = scheduler(clock, plane, [jobCreated(JOB, at(0.3))]);
    await runUntil(clock, [runner], at(2.5));
    apply(recorded('JobDisabled', { job_id: JOB }, at(2.5)));
    await runUntil(clock, [runner], at(6.2));
    apply(recorded('JobEnabled', { job_id: JOB }, at(6.2)));
    await runUntil(clock, [runner], at(8.5));
    expect(plane.firedSlots()).toEqual(slots(1, 2, 7, 8));
    expect(plane.skips).toEqual([]);
  });

  it('a schedule change takes effect at the next slot of the new expression', async () => {
    const { clock, plane } = world();
    const { runner, apply } = scheduler(clock, plane, [jobCreated(JOB, at(0.3))]);
    await runUntil(clock, [runner], at(2.5));
    apply(recorded('JobUpdated', { job_id: JOB, changes: { cron_schedule: '*/3 * * * * *' } }, at(2.5)));
    await runUntil(clock, [runner], at(9.5));
    expect(plane.firedSlots()).toEqual(slots(1, 2, 3, 6, 9));
  });

  it('a deleted job never fires again', async () => {
    const { clock, plane } = world();
    const { runner, apply } = scheduler(clock, plane, [jobCreated(JOB, at(0.3))]);
    await runUntil(clock, [runner], at(1.5));
    apply(recorded('JobDeleted', { job_id: JOB }, at(1.5)));
    await runUntil(clock, [runner], at(5));
    expect(plane.firedSlots()).toEqual(slots(1));
    expect(clock.pendingTimers).toBe(0);
  });

  it('two schedulers side by side: both try every slot, each slot runs once', async () => {
    const { clock, plane } = world();
    const history = [jobCreated(JOB, at(0.3))];
    const a = scheduler(clock, plane, history);
    const b = scheduler(clock, plane, history);
    await runUntil(clock, [a.runner, b.runner], at(10.5));
    expect(plane.firedSlots()).toEqual(slots(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
    expect(plane.triggerAttempts).toHaveLength(20);
  });

  it('after downtime: slots inside the catch-up window fire once each, older ones are one skip record', async () => {
    const { clock, plane } = world();
    const created = jobCreated(JOB, at(0.3), { config: { catchup_window_seconds: 2 } });
    const first = scheduler(clock, plane, [created]);
    await runUntil(clock, [first.runner], at(3.5));
    await first.runner.stop();
    clock.advanceTo(at(10.4));
    const fired = [...plane.runs.values()].map((run) => recorded('ExecutionRequested', { execution_id: run.executionId, job_id: JOB, source: 'cron', scheduled_for: new Date(run.slotMs).toISOString() }, run.firedAt));
    const restarted = scheduler(clock, plane, [created, ...fired]);
    await runUntil(clock, [restarted.runner], at(11.5));
    expect(plane.firedSlots()).toEqual(slots(1, 2, 3, 9, 10, 11));
    expect(plane.skips).toEqual([{ jobId: JOB, reason: 'misfire', firstSlotMs: at(4), lastSlotMs: at(8), slotCount: 5, blockingExecutionIds: [], detail: null }]);
  });

  it('forbid: while a run goes on, slots are recorded as skipped; once it ends, slots run again', async () => {
    const { clock, plane } = world();
    const { runner, apply } = scheduler(clock, plane, [jobCreated(JOB, at(0.3), { config: { concurrency_policy: 'forbid' } })]);
    await runUntil(clock, [runner], at(3.5));
    const firstRun = cronSlotExecutionId(JOB, at(1));
    apply(recorded('ExecutionSucceeded', { execution_id: firstRun }, at(3.5)));
    await runUntil(clock, [runner], at(4.5));
    expect(plane.firedSlots()).toEqual(slots(1, 4));
    expect(plane.skips.map((s) => [new Date(s.firstSlotMs).toISOString(), s.reason, s.blockingExecutionIds])).toEqual([
      [slots(2)[0], 'overlap_forbid', [firstRun]],
      [slots(3)[0], 'overlap_forbid', [firstRun]],
    ]);
  });

  it('forbid also waits for a manual run of the job', async () => {
    const { clock, plane } = world();
    const { book, runner } = scheduler(clock, plane, [jobCreated(JOB, at(0.3), { config: { concurrency_policy: 'forbid' } })]);
    book.apply(recorded('ExecutionRequested', { execution_id: 'manual-1', job_id: JOB, source: 'manual', scheduled_for: null }, at(0.5)));
    await runUntil(clock, [runner], at(1.5));
    expect(plane.firedSlots()).toEqual([]);
    expect(plane.skips[0]).toMatchObject({ reason: 'overlap_forbid', blockingExecutionIds: ['manual-1'] });
  });

  it('replace: the running one is cancelled, then the slot runs', async () => {
    const { clock, plane } = world();
    const { runner } = scheduler(clock, plane, [jobCreated(JOB, at(0.3), { config: { concurrency_policy: 'replace' } })]);
    await runUntil(clock, [runner], at(2.5));
    expect(plane.firedSlots()).toEqual(slots(1, 2));
    expect(plane.cancels).toEqual([cronSlotExecutionId(JOB, at(1))]);
    expect(plane.skips).toEqual([]);
  });

  it('allow: runs overlap', async () => {
    const { clock, plane } = world();
    const { runner } = scheduler(clock, plane, [jobCreated(JOB, at(0.3))]);
    await runUntil(clock, [runner], at(3.5));
    expect(plane.firedSlots()).toEqual(slots(1, 2, 3));
    expect(plane.cancels).toEqual([]);
  });

  it('a jobs service outage delays slots but loses and doubles none', async () => {
    const { clock, plane } = world();
    const { runner } = scheduler(clock, plane, [jobCreated(JOB, at(0.3))]);
    plane.available = false;
    await runUntil(clock, [runner], at(3.2));
    plane.available = true;
    await runUntil(clock, [runner], at(5.5));
    expect(plane.firedSlots()).toEqual(slots(1, 2, 3, 4, 5));
    expect(plane.runs.get(cronSlotExecutionId(JOB, at(1)))?.firedAt).toBeGreaterThan(at(3.2));
  });

  it('a slot the trigger refuses is recorded with the reason', async () => {
    const { clock, plane } = world();
    plane.rejectWith = { code: 'validation', detail: 'Missing template variables: db' };
    const { runner } = scheduler(clock, plane, [jobCreated(JOB, at(0.3))]);
    await runUntil(clock, [runner], at(1.5));
    expect(plane.skips).toEqual([{ jobId: JOB, reason: 'trigger_rejected', firstSlotMs: at(1), lastSlotMs: at(1), slotCount: 1, blockingExecutionIds: [], detail: 'validation: Missing template variables: db' }]);
  });

  it('keeps one timer for a thousand jobs and sets none while nothing is due', async () => {
    const { clock, plane } = world();
    const history = Array.from({ length: 1000 }, (_, i) => jobCreated(`job_${i}`, at(0.3), { cron_schedule: `${i % 60} ${i % 24} * * *` }));
    const { runner } = scheduler(clock, plane, history);
    await runUntil(clock, [runner], at(1));
    expect(clock.pendingTimers).toBe(1);
    const before = clock.timersSet;
    clock.advanceTo(at(59));
    expect(clock.timersSet).toBe(before);
    expect(runner.wheel.size).toBe(1000);
  });
});
