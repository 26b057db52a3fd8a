import { readFileSync } from 'node:fs';
import type { RecordedEvent } from '@cp/contracts';
import type { EventStore } from '@cp/event-store';

/** CPU seconds (user + system) of a process so far, from /proc/<pid>/stat (clock ticks of 1/100 s). */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) / 1024;
}

export type Sample = { at: number; cpu: number; rss: number };

/** Samples a process every `everyMs`; `window(from, to)` gives CPU % and RSS (mean, max) over a time range. */
export function processSampler(pid: number, everyMs = 500) {
  const samples: Sample[] = [];
  const take = (): void => { samples.push({ at: Date.now(), cpu: cpuSeconds(pid), rss: rssMiB(pid) }); };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop: () => clearInterval(timer),
    window(from: number, to: number): { cpuPercent: number; rssMiB: number; maxRssMiB: number } {
      const inside = samples.filter((s) => s.at >= from && s.at <= to);
      if (inside.length < 2) return { cpuPercent: NaN, rssMiB: NaN, maxRssMiB: NaN };
      const first = inside[0];
      const last = inside[inside.length - 1];
      return {
        cpuPercent: ((last.cpu - first.cpu) / ((last.at - first.at) / 1000)) * 100,
        rssMiB: inside.reduce((sum, s) => sum + s.rss, 0) / inside.length,
        maxRssMiB: Math.max(...inside.map((s) => s.rss)),
      };
    },
  };
}

export type Fire = { jobId: string; slotMs: number; requestedMs: number; latenessMs: number };

/** Collects every cron ExecutionRequested appended after `after`, live, with its lateness (requested_at - slot). */
export function fireCollector(store: EventStore, after: string | null) {
  const fires: Fire[] = [];
  const abort = new AbortController();
  const done = (async () => {
    try {
      for await (const event of store.subscribeAll({ after, signal: abort.signal })) collect(event, fires);
    } catch (error) {
      if (!abort.signal.aborted) throw error;
    }
  })();
  return { fires, stop: async () => { abort.abort(); await done; } };
}

function collect(event: RecordedEvent, fires: Fire[]): void {
  if (event.type !== 'ExecutionRequested') return;
  const data = event.data as { job_id: string; source: string; scheduled_for: string | null; requested_at: string };
  if (data.source !== 'cron' || !data.scheduled_for) return;
  const slotMs = Date.parse(data.scheduled_for);
  const requestedMs = Date.parse(data.requested_at);
  fires.push({ jobId: data.job_id, slotMs, requestedMs, latenessMs: requestedMs - slotMs });
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function latencySummary(values: number[]): { count: number; p50: number; p99: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { count: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? NaN };
}

export const sleepUntil = (at: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));
export const nextMinute = (after: number): number => Math.ceil((after + 1) / 60_000) * 60_000;
