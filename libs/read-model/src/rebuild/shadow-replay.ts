import type { DataSource } from 'typeorm';
import type { RecordedEvent } from '@cp/contracts';
import type { EventStore } from '@cp/event-store';
import type { Projection } from '../projection';
import { flushRowStore, rowLoader, writePending, type SqlRunner } from './bulk-flush';
import { ProjectionReplay } from './projection-replay';
import type { RebuildProgressSink } from './rebuild-progress';
import { RowStore } from './row-store';
import { SandboxEntityManager } from './sandbox-entity-manager';
import type { EntityClass, TableShape } from './table-shape';

export type ShadowReplayOptions = {
  shadow: DataSource;
  shadowSchema: string;
  eventStore: EventStore;
  projections: readonly Projection[];
  shapes: Map<EntityClass, TableShape>;
  batchSize: number;
  maxCachedRows: number;
  progress: RebuildProgressSink;
};

/**
 * Replays the event store into the (initially empty) tables of the shadow schema with the real projections, held
 * in a write-behind RowStore and flushed once per batch: reads of the next batch overlap with applying this one.
 */
export class ShadowReplay {
  position: string | null = null;
  events = 0;
  private head: string | null = null;
  private sql: SqlRunner;
  private readonly store: RowStore;
  private readonly manager;
  private readonly replay: ProjectionReplay;

  constructor(private readonly options: ShadowReplayOptions) {
    this.sql = (text, parameters) => options.shadow.query(text, parameters);
    this.store = new RowStore({ loader: rowLoader(options.shadowSchema, () => this.sql), maxCachedRows: options.maxCachedRows });
    this.manager = new SandboxEntityManager(this.store, options.shapes).asEntityManager();
    this.replay = new ProjectionReplay(options.projections);
  }

  /** Replays until a read comes back short of a full batch, i.e. the replay has (nearly) reached the head. */
  async catchUp(phase: string): Promise<void> {
    this.head = await this.options.eventStore.headPosition();
    let next: Promise<RecordedEvent[]> | null = this.read(this.position);
    let flushing: Promise<void> = Promise.resolve();
    try {
      while (next) {
        const batch: RecordedEvent[] = await next;
        if (batch.length === 0) break;
        next = batch.length === this.options.batchSize ? this.read(batch[batch.length - 1].position) : null;
        await this.apply(batch);
        // One flush at a time (a row's versions reach the table in order), overlapping with the next batch.
        await flushing;
        flushing = this.flush(false);
        // Awaited before the next flush or at the end; meanwhile a failure must not count as unhandled.
        flushing.catch(() => undefined);
        this.report(phase);
      }
    } finally {
      await flushing;
    }
    await this.flush(true);
  }

  /** `everything`: all changed rows; otherwise the rows leaving the cache and the insert-only rows. */
  private async flush(everything: boolean): Promise<void> {
    const pending = this.store.takePending(everything);
    await this.options.shadow.transaction(async (manager) => {
      // Shadow rows are disposable until the swap (a crash just fails the rebuild): no need to wait for the WAL flush.
      await manager.query('SET LOCAL synchronous_commit TO OFF');
      await writePending(pending, this.options.shadowSchema, (text, parameters) => manager.query(text, parameters));
    });
    this.store.markFlushed(pending);
  }

  /** Inside the swap transaction: applies the events after the replay's position up to and including `target`. */
  async catchUpTo(target: string, run: SqlRunner): Promise<void> {
    const compare = (a: string, b: string) => this.options.eventStore.comparePositions(a, b);
    this.sql = run;
    try {
      while (this.position === null || compare(this.position, target) < 0) {
        const batch = (await this.read(this.position)).filter((event) => compare(event.position, target) <= 0);
        if (batch.length === 0) throw new Error(`The event store has no events after ${this.position ?? 'the start'} up to the live checkpoint ${target}`);
        await this.apply(batch);
        await flushRowStore(this.store, this.options.shadowSchema, run);
      }
    } finally {
      this.sql = (text, parameters) => this.options.shadow.query(text, parameters);
    }
  }

  private read(after: string | null): Promise<RecordedEvent[]> {
    return this.options.eventStore.readAll({ after, maxCount: this.options.batchSize });
  }

  private async apply(batch: RecordedEvent[]): Promise<void> {
    for (const event of batch) await this.replay.apply(event, this.manager);
    this.position = batch[batch.length - 1].position;
    this.events += batch.length;
  }

  private report(phase: string): void {
    this.options.progress.update({ events: this.events, fraction: fractionOf(this.position, this.head), phase });
  }
}

/** How far `position` is towards `head`, for decimal positions (PostgreSQL global positions, EventStoreDB commit positions). */
export function fractionOf(position: string | null, head: string | null): number | null {
  if (head === null || !/^\d+$/.test(head) || (position !== null && !/^\d+$/.test(position))) return null;
  const total = Number(head);
  if (total <= 0) return 1;
  return Math.min(1, Number(position ?? '0') / total);
}
