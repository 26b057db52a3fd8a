import type { WebhookJob, WebhookJobDirectory } from '../delivery/ports';

export type CachedJobDirectoryOptions = {
  /** Longest time a job stays cached without being read again (a backstop: changes evict it at once). */
  ttlMs: number;
  /** Most tokens kept; the oldest entry goes first. */
  maxEntries: number;
  now?: () => number;
};

type Entry = { job: WebhookJob; expiresAt: number };
type Floor = { revision: number; heardAt: number };

/**
 * The webhook jobs of the read model, cached by token so that a delivery costs no database read.
 *
 * Freshness: every job event (heard from the event feed) evicts the job and raises its "floor" to the event's
 * revision; a row read back older than its floor (the projector has not applied the change yet) is used for that
 * delivery but not cached. The jobs service re-checks the job (enabled, not deleted, same webhook token) from the
 * event store on every trigger, so a stale entry can never start a run the job no longer allows; and a signature that
 * fails against a cached entry is checked once more against a fresh read (a secret rotated a moment ago).
 */
export class CachedJobDirectory implements WebhookJobDirectory {
  private readonly byToken = new Map<string, Entry>();
  private readonly tokenOfJob = new Map<string, string>();
  private readonly floors = new Map<string, Floor>();
  private readonly now: () => number;

  constructor(
    private readonly source: WebhookJobDirectory,
    private readonly options: CachedJobDirectoryOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  async findByToken(token: string, options: { fresh?: boolean } = {}): Promise<WebhookJob | null> {
    const entry = this.byToken.get(token);
    if (entry && !options.fresh && entry.expiresAt > this.now()) return entry.job;
    if (entry) this.forget(entry.job.id);
    const job = await this.source.findByToken(token);
    if (job && this.isCurrent(job)) this.remember(token, job);
    return job;
  }

  /** An event at `revision` changed the job: what is cached of it, or read from before the change, is out of date. */
  jobChanged(jobId: string, revision: number): void {
    this.forget(jobId);
    const floor = this.floors.get(jobId);
    if (!floor || floor.revision < revision) this.floors.set(jobId, { revision, heardAt: this.now() });
    if (this.floors.size > this.options.maxEntries) this.dropOldFloors();
  }

  /** The event feed was interrupted: changes may have been missed, so nothing cached can be trusted. */
  clear(): void {
    this.byToken.clear();
    this.tokenOfJob.clear();
  }

  get size(): number {
    return this.byToken.size;
  }

  private isCurrent(job: WebhookJob): boolean {
    const floor = this.floors.get(job.id);
    if (!floor) return true;
    if (job.revision < floor.revision) return false;
    this.floors.delete(job.id);
    return true;
  }

  private remember(token: string, job: WebhookJob): void {
    this.forget(job.id);
    this.byToken.set(token, { job, expiresAt: this.now() + this.options.ttlMs });
    this.tokenOfJob.set(job.id, token);
    if (this.byToken.size > this.options.maxEntries) {
      const oldest = this.byToken.keys().next().value as string;
      this.forget((this.byToken.get(oldest) as Entry).job.id);
    }
  }

  private forget(jobId: string): void {
    const token = this.tokenOfJob.get(jobId);
    if (token === undefined) return;
    this.tokenOfJob.delete(jobId);
    this.byToken.delete(token);
  }

  /** A floor older than the TTL has done its job: the projector is far past it, or the entry has expired anyway. */
  private dropOldFloors(): void {
    const cutoff = this.now() - this.options.ttlMs;
    for (const [jobId, floor] of this.floors) if (floor.heardAt < cutoff) this.floors.delete(jobId);
  }
}
