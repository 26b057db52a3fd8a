import { randomUUID } from 'node:crypto';
import type { EventMetadata, JobDefinition } from '@cp/contracts';
import type { EventToAppend } from '@cp/event-store';

/**
 * Deterministic, realistic event histories for tests and benchmarks (not used by the services): jobs that are
 * created, edited, disabled and enabled, and executions that succeed (with logs), fail, time out or retry, with
 * the event shapes the jobs service and the executor append. Yields one append per stream, in time order.
 */
export type SyntheticHistoryOptions = {
  organizationId: string;
  jobs: number;
  executionsPerJob: number;
  /** Job-stream events after JobCreated (default 4). */
  jobChangesPerJob?: number;
  seed?: number;
  start?: Date;
  /** Largest gap between two events' occurredAt (default 5,000 ms). */
  maxStepMs?: number;
  /** Executions running at the same time; their events interleave with each other and with job changes (default 1). */
  concurrency?: number;
  /** ExecutionOutputLogged events per attempt, two lines each (default 1). */
  logEventsPerAttempt?: number;
};

export type SyntheticAppend = { streamId: string; events: EventToAppend[] };

const ACTOR = { id: 'user-synthetic', email: 'synthetic@example.com' };

export function* syntheticHistory(options: SyntheticHistoryOptions): Generator<SyntheticAppend> {
  const random = mulberry32(options.seed ?? 42);
  const clock = { now: (options.start ?? new Date('2025-01-01T00:00:00.000Z')).getTime() };
  const tick = (): string => new Date((clock.now += 1 + Math.floor(random() * (options.maxStepMs ?? 5000)))).toISOString();
  const jobIds = Array.from({ length: options.jobs }, (_, n) => `job_${uuidFrom(random, n)}`);
  for (const jobId of jobIds) yield { streamId: `job-${jobId}`, events: [event('JobCreated', { job_id: jobId, organization_id: options.organizationId, definition: definition(random), webhook: null }, options.organizationId, tick())] };
  const changes = options.jobChangesPerJob ?? 4;
  const steps = jobIds.flatMap((jobId) => [
    ...Array.from({ length: changes }, () => ({ kind: 'change' as const, jobId })),
    ...Array.from({ length: options.executionsPerJob }, () => ({ kind: 'run' as const, jobId })),
  ]);
  shuffle(steps, random);
  const running: SyntheticAppend[] = [];
  const concurrency = options.concurrency ?? 1;
  for (const step of steps) {
    while (running.length >= concurrency) yield advance(running, random);
    if (step.kind === 'change') yield { streamId: `job-${step.jobId}`, events: [jobChange(step.jobId, options.organizationId, tick(), random)] };
    else {
      const events = execution(step.jobId, options.organizationId, tick, random, options.logEventsPerAttempt ?? 1);
      const append = { streamId: `execution-${String(events[0].data.execution_id)}`, events };
      if (concurrency === 1) yield append;
      else running.push(append);
    }
  }
  while (running.length > 0) yield advance(running, random);
}

/** The next event of one running execution (as its own append); a finished execution leaves the list. */
function advance(running: SyntheticAppend[], random: () => number): SyntheticAppend {
  const index = Math.floor(random() * running.length);
  const next = running[index].events.shift() as EventToAppend;
  if (running[index].events.length === 0) running.splice(index, 1);
  return { streamId: `execution-${String(next.data.execution_id)}`, events: [next] };
}

function jobChange(jobId: string, organizationId: string, at: string, random: () => number): EventToAppend {
  const pick = random();
  if (pick < 0.2) return event('JobDisabled', { job_id: jobId }, organizationId, at);
  if (pick < 0.4) return event('JobEnabled', { job_id: jobId }, organizationId, at);
  return event('JobUpdated', { job_id: jobId, changes: { description: `revision at ${at}`, prompt_template: `Check {{service}} (${Math.floor(random() * 1000)})` } }, organizationId, at);
}

function execution(jobId: string, organizationId: string, tick: () => string, random: () => number, logEvents: number): EventToAppend[] {
  const id = uuidFrom(random, -2);
  const requestedAt = tick();
  const ev = (type: string, data: Record<string, unknown>, at: string) => event(type, { execution_id: id, ...data }, organizationId, at, id);
  const events = [ev('ExecutionRequested', {
    job_id: jobId, organization_id: organizationId, source: 'manual', scheduled_for: null, parameters: { service: 'api' },
    trigger_metadata: { triggered_by: ACTOR.email }, prompt: 'Check api', system_prompt: null, config: { timeout: 60 },
    planning_mode: 'predefined_agent', entity_type: 'agent', entity_id: 'agent-1', entity_name: 'Checker', executor_type: 'auto',
    worker_queue_name: null, environment_name: null, execution_environment: null, workflow_id: `agent-execution-${id}`, requested_at: requestedAt,
  }, requestedAt)];
  const outcome = random();
  const attempts = outcome < 0.1 ? 2 : 1;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const retrying = attempt < attempts;
    const dispatchedAt = tick();
    const startedAt = tick();
    events.push(ev('ExecutionDispatched', { attempt, queue: 'default', selection: null, dispatched_at: dispatchedAt }, dispatchedAt));
    events.push(ev('ExecutionStarted', { attempt, worker_id: 'worker-1', run_id: randomUUID(), started_at: startedAt, deadline: null }, startedAt));
    for (let n = 0; n < logEvents; n++) {
      const loggedAt = tick();
      const seq = ((attempt - 1) * logEvents + n) * 2;
      events.push(ev('ExecutionOutputLogged', { attempt, lines: [{ seq, stream: 'stdout', line: `checking ${seq}`, at: loggedAt }, { seq: seq + 1, stream: 'stdout', line: 'ok', at: loggedAt }] }, loggedAt));
    }
    const endedAt = tick();
    const duration = Date.parse(endedAt) - Date.parse(startedAt);
    if (retrying) {
      events.push(ev('ExecutionFailed', { attempt, error_message: 'connection reset', failed_at: endedAt, duration_ms: duration, will_retry: true }, endedAt));
      events.push(ev('ExecutionRetryScheduled', { next_attempt: attempt + 1, retry_at: endedAt, reason: 'connection reset' }, endedAt));
    } else if (outcome < 0.7) events.push(ev('ExecutionSucceeded', { attempt, output: 'all good', completed_at: endedAt, duration_ms: duration }, endedAt));
    else if (outcome < 0.9) events.push(ev('ExecutionFailed', { attempt, error_message: 'exit code 1', failed_at: endedAt, duration_ms: duration, will_retry: false }, endedAt));
    else events.push(ev('ExecutionTimedOut', { attempt, reason: 'timeout', error_message: 'timed out after 60 s', timed_out_at: endedAt, duration_ms: duration, will_retry: false }, endedAt));
  }
  return events;
}

function definition(random: () => number): JobDefinition {
  const cron = random() < 0.5;
  return {
    name: `Check ${Math.floor(random() * 1e6)}`, description: null, enabled: true, trigger_type: cron ? 'cron' : 'manual',
    cron_schedule: cron ? '*/15 * * * *' : null, cron_timezone: 'UTC', planning_mode: 'predefined_agent', entity_type: 'agent',
    entity_id: 'agent-1', entity_name: 'Checker', prompt_template: 'Check {{service}}', system_prompt: null, executor_type: 'auto',
    worker_queue_name: null, environment_name: null, config: { timeout: 60 }, execution_environment: { env_vars: { REGION: 'eu' }, secrets: ['DB_PASSWORD'], integration_ids: [], mcp_servers: {} },
  };
}

function event(type: string, data: Record<string, unknown>, organizationId: string, occurredAt: string, correlationId: string = randomUUID()): EventToAppend {
  const metadata: EventMetadata = { organizationId, actor: ACTOR, correlationId, causationId: null, schemaVersion: 1, occurredAt };
  return { id: randomUUID(), type, data, metadata };
}

function uuidFrom(random: () => number, salt: number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((Math.abs(salt) % 4) + 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20)}`;
}

function shuffle<T>(items: T[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
}

/** A small seeded PRNG, so a history (and a failing property) can be reproduced. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
