import { Pool } from 'pg';
import type { RecordedEvent } from '@cp/contracts';
import { PostgresEventStore } from '@cp/event-store';

export type CronRun = { executionId: string; slot: string; requestedAt: string; latenessMs: number; source: string; triggerMetadata: Record<string, unknown> };
export type SkipRecord = { reason: string; scheduled_for: string; last_scheduled_for: string; slot_count: number; blocking_execution_ids: string[]; detail: string | null };

/**
 * Reads the event store (the source of truth, no projection lag) so a test can say exactly how often each slot ran
 * and what was recorded as skipped.
 */
export class SchedulerProbe {
  private readonly pool: Pool;
  private readonly store: PostgresEventStore;

  constructor(env: Record<string, string>) {
    this.pool = new Pool({ connectionString: env.DATABASE_URL, max: 2 });
    this.store = new PostgresEventStore({ pool: this.pool, schema: env.DB_SCHEMA });
  }

  async allEvents(): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    for (let after: string | null = null; ;) {
      const page = await this.store.readAll({ after, maxCount: 2000 });
      if (page.length === 0) return events;
      events.push(...page);
      after = page[page.length - 1].position;
    }
  }

  /** Every ExecutionRequested of the job, in slot order (duplicates, if any ever happened, included). */
  async runs(jobId: string): Promise<CronRun[]> {
    const runs = (await this.allEvents())
      .filter((e) => e.type === 'ExecutionRequested' && (e.data as { job_id: string }).job_id === jobId)
      .map((e) => {
        const data = e.data as { execution_id: string; scheduled_for: string | null; source: string; requested_at: string; trigger_metadata: Record<string, unknown> };
        const slot = data.scheduled_for ?? '';
        return { executionId: data.execution_id, slot, requestedAt: data.requested_at, latenessMs: Date.parse(data.requested_at) - Date.parse(slot), source: data.source, triggerMetadata: data.trigger_metadata };
      });
    return runs.sort((a, b) => a.slot.localeCompare(b.slot));
  }

  async skips(jobId: string): Promise<SkipRecord[]> {
    const events = await this.store.readStream(`job-${jobId}`);
    return events.filter((e) => e.type === 'ScheduledRunSkipped').map((e) => e.data as SkipRecord);
  }

  async executionEvents(executionId: string): Promise<RecordedEvent[]> {
    return this.store.readStream(`execution-${executionId}`);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** Every whole second from `first` to `last` (ISO), inclusive. */
export function secondsBetween(first: string, last: string, step = 1): string[] {
  const out: string[] = [];
  for (let t = Date.parse(first); t <= Date.parse(last); t += step * 1000) out.push(new Date(t).toISOString());
  return out;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
