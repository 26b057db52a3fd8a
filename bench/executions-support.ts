import { readdirSync, readFileSync } from 'node:fs';
import type { MachineLoad } from './executions-machine';
import { percentile } from './scheduler-bench-support';

/** Wall-clock milliseconds with sub-millisecond resolution (same clock as Date.now(), PostgreSQL's and the children's). */
export const nowMs = (): number => performance.timeOrigin + performance.now();
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

export type Summary = { n: number; p50: number; p90: number; p99: number; max: number };

export function summarize(values: number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 50), p90: percentile(sorted, 90), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? NaN };
}

/** One unit of work handed to a system under test: its id, when the call was made and when it was answered. */
export type Send = { id: string; sentAt: number; ackAt: number };
export type Enqueue = (n: number) => Promise<string>;

export type FixedRateResult = { sends: Send[]; errors: string[]; offered: number; skipped: number };

/**
 * Open loop: `rate` calls per second for `seconds`, each started on schedule whether or not earlier ones answered;
 * a call is skipped (and counted) while `maxOutstanding` calls are unanswered, so a system that cannot keep up
 * shows as skipped calls instead of an unbounded pile-up.
 */
export async function fixedRate(enqueue: Enqueue, rate: number, seconds: number, maxOutstanding = Infinity): Promise<FixedRateResult> {
  const result: FixedRateResult = { sends: [], errors: [], offered: Math.round(rate * seconds), skipped: 0 };
  const pending: Promise<void>[] = [];
  let outstanding = 0;
  const start = nowMs();
  for (let i = 0; i < result.offered; i++) {
    await sleep(start + (i * 1000) / rate - nowMs());
    if (outstanding >= maxOutstanding) { result.skipped++; continue; }
    const sentAt = nowMs();
    outstanding++;
    pending.push(enqueue(i).then((id) => void result.sends.push({ id, sentAt, ackAt: nowMs() }), (error: Error) => void result.errors.push(error.message)).finally(() => outstanding--));
  }
  await Promise.all(pending);
  return result;
}

export type ThroughputResult = {
  seconds: number; concurrency: number; accepted: number; errors: number; acceptedPerSec: number;
  /** Completions per second between the end of the warm-up and the end of the load. */
  completedPerSec: number;
  completed: number; drainMs: number | null; firstError: string | null;
  /** Wall-clock ms when the load started and stopped (before the drain). */
  startedAt: number; loadEndedAt: number;
};

export type ClosedLoopOptions = {
  concurrency: number; seconds: number; warmupSeconds: number;
  /** Clients pause while more than this many accepted units are not completed yet (keeps a finite backlog to drain). */
  backlogCap: number; drainTimeoutMs: number;
  /** Cumulative completions so far (polled every 200 ms). */
  completed: () => Promise<number>;
  /** Called when the load stops, before the drain. */
  onLoadEnd?: () => void;
};

/** Closed loop: `concurrency` clients call back to back for `seconds`; completions counted over time, then drained. */
export async function closedLoop(enqueue: Enqueue, options: ClosedLoopOptions): Promise<ThroughputResult> {
  const state = { accepted: 0, errors: 0, firstError: null as string | null, completed: 0, n: 0 };
  const timeline: { at: number; completed: number }[] = [];
  const start = nowMs();
  const end = start + options.seconds * 1000;
  let polling = true;
  const poller = (async () => {
    while (polling) {
      state.completed = await options.completed();
      timeline.push({ at: nowMs(), completed: state.completed });
      await sleep(200);
    }
  })();
  const client = async (): Promise<void> => {
    while (nowMs() < end) {
      if (state.accepted - state.completed > options.backlogCap) { await sleep(10); continue; }
      try {
        await enqueue(state.n++);
        state.accepted++;
      } catch (error) {
        state.errors++;
        state.firstError ??= (error as Error).message;
        await sleep(50);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, client));
  const loadEnd = nowMs();
  options.onLoadEnd?.();
  const drainMs = await drain(state, options, loadEnd);
  polling = false;
  await poller;
  return {
    seconds: options.seconds, concurrency: options.concurrency, accepted: state.accepted, errors: state.errors, firstError: state.firstError,
    acceptedPerSec: state.accepted / ((loadEnd - start) / 1000),
    completedPerSec: rateBetween(timeline, start + options.warmupSeconds * 1000, loadEnd),
    completed: state.completed, drainMs, startedAt: start, loadEndedAt: loadEnd,
  };
}

async function drain(state: { accepted: number; completed: number }, options: ClosedLoopOptions, from: number): Promise<number | null> {
  while (nowMs() - from < options.drainTimeoutMs) {
    state.completed = await options.completed();
    if (state.completed >= state.accepted) return nowMs() - from;
    await sleep(100);
  }
  return null;
}

/** Completions per second between the samples nearest to `from` and `to`. */
function rateBetween(timeline: { at: number; completed: number }[], from: number, to: number): number {
  const inside = timeline.filter((s) => s.at >= from && s.at <= to);
  if (inside.length < 2) return NaN;
  const first = inside[0];
  const last = inside[inside.length - 1];
  return (last.completed - first.completed) / ((last.at - first.at) / 1000);
}

/** Pids of running processes whose command name is `comm` (read-only scan of /proc; used to sample redis-server). */
export function pidsNamed(comm: string): number[] {
  return readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === comm;
    } catch {
      return false;
    }
  }).map(Number);
}

export type MemoryRow = { name: string; restRssMiB: number; loadRssMiB: number; loadMaxRssMiB: number; loadCpuPercent: number };

export type SystemReport = {
  system: string;
  settings: string;
  /** The same latency figures at a light rate (what one call costs without queueing). */
  light: { rate: string; recordedToStart: Summary; clientToStart: Summary; enqueueRoundTrip: Summary; calls: number; skipped: number };
  /** Durably enqueued (ExecutionRequested recorded / job row created / job added) -> handler start. */
  recordedToStart: Summary;
  /** Client call made -> handler start. */
  clientToStart: Summary;
  /** Round trip of the enqueue call (HTTP trigger / send() / add()). */
  enqueueRoundTrip: Summary;
  latencyRate: string;
  /** Calls made in the latency phase, calls skipped because `maxOutstanding` were unanswered, starts never seen. */
  latencyCalls: number;
  latencySkipped: number;
  latencyLost: number;
  machine: { latency: MachineLoad; throughput: MachineLoad };
  throughput: ThroughputResult;
  /** Units that completed more than once, and units never completed after the drain. */
  duplicates: number;
  lost: number;
  memory: MemoryRow[];
  notes: string[];
};
