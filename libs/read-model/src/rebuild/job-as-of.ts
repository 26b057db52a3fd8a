import type { DataSource } from 'typeorm';
import { executionStreamId, isTerminalExecutionStatus, jobStreamId, type RecordedEvent } from '@cp/contracts';
import type { EventStore } from '@cp/event-store';
import { AuditExecutionRow, ExecutionLogRow, ExecutionRow, JobRow } from '../entities';
import { quoteIdentifier } from '../migrations/migration-schema';
import type { Projection } from '../projection';
import { AsOfSnapshotStore, type AsOfSnapshot } from './as-of-snapshots';
import { ProjectionReplay } from './projection-replay';
import { READ_MODEL_PROJECTIONS } from './read-model-projections';
import { RowStore } from './row-store';
import { SandboxEntityManager } from './sandbox-entity-manager';
import { reviveRow, tableShapes, type EntityClass } from './table-shape';

export type JobAsOf = { row: JobRow; replayedEvents: number; snapshotPosition: string | null };

export type JobAsOfReaderOptions = {
  eventStore: EventStore;
  /** The read model: finds the job's executions, keeps the snapshots. */
  dataSource: DataSource;
  projections?: readonly Projection[];
  /** A snapshot is kept after every this many replayed events (default 50). */
  snapshotEvery?: number;
  /** Events per read of the job stream (default 64: a little more than the snapshot interval). */
  readPage?: number;
};

const PARALLEL_READS = 8;
/** Log lines never change a job row; skipping them keeps the replay small. */
const IRRELEVANT = new Set(['ExecutionOutputLogged']);

/**
 * A job's read-model row as it was at a past instant: the events of its stream and of its executions (found in
 * `audit_executions`) recorded up to then, replayed through the very projections that keep the live read model (in memory), starting from the newest
 * snapshot taken before that instant. `useSnapshots: false` replays everything (the proof that both agree).
 */
export class JobAsOfReader {
  private readonly shapes = tableShapes([JobRow, ExecutionRow, ExecutionLogRow, AuditExecutionRow]);
  private readonly replay: ProjectionReplay;
  private readonly snapshots: AsOfSnapshotStore;

  constructor(private readonly options: JobAsOfReaderOptions) {
    this.replay = new ProjectionReplay(options.projections ?? READ_MODEL_PROJECTIONS);
    this.snapshots = new AsOfSnapshotStore(options.dataSource);
  }

  /** Null when the job did not exist at `asOf`. A deleted job's row has `deleted_at` set. */
  async read(jobId: string, asOf: Date, options: { useSnapshots?: boolean } = {}): Promise<JobAsOf | null> {
    const useSnapshots = options.useSnapshots !== false;
    const snapshot = useSnapshots ? await this.snapshots.latest(jobId, asOf) : null;
    const events = await this.eventsAfter(jobId, asOf, snapshot);
    if (!snapshot && events.length === 0) return null;
    const store = this.storeFrom(snapshot);
    const captured = await this.applyAll(jobId, events, store, snapshot?.jobRevision ?? -1);
    if (useSnapshots) await this.snapshots.save(captured);
    const row = await store.get(this.shape(JobRow), { id: jobId });
    return row ? { row: row as unknown as JobRow, replayedEvents: events.length, snapshotPosition: snapshot?.position ?? null } : null;
  }

  private storeFrom(snapshot: AsOfSnapshot | null): RowStore {
    const store = new RowStore();
    for (const row of snapshot?.rows.jobs ?? []) store.restore(this.shape(JobRow), reviveRow(this.shape(JobRow), row));
    for (const row of snapshot?.rows.executions ?? []) store.restore(this.shape(ExecutionRow), reviveRow(this.shape(ExecutionRow), row));
    return store;
  }

  /** Replays in global order; takes a snapshot every `snapshotEvery` events once the job exists. */
  private async applyAll(jobId: string, events: RecordedEvent[], store: RowStore, jobRevision: number): Promise<AsOfSnapshot[]> {
    const manager = new SandboxEntityManager(store, this.shapes).asEntityManager();
    const every = this.options.snapshotEvery ?? 50;
    const captured: AsOfSnapshot[] = [];
    let revision = jobRevision;
    for (const [index, event] of events.entries()) {
      await this.replay.apply(event, manager);
      if (event.streamId === jobStreamId(jobId)) revision = event.revision;
      if ((index + 1) % every === 0) {
        const snapshot = await this.capture(jobId, store, event, revision);
        if (snapshot) captured.push(snapshot);
      }
    }
    return captured;
  }

  private async capture(jobId: string, store: RowStore, event: RecordedEvent, jobRevision: number): Promise<AsOfSnapshot | null> {
    const job = await store.get(this.shape(JobRow), { id: jobId });
    if (!job) return null;
    const running = store.rows(this.shape(ExecutionRow)).filter((row) => !isTerminalExecutionStatus(String(row.status)));
    return { jobId, position: event.position, jobRevision, recordedAt: event.recordedAt, rows: { jobs: [{ ...job }], executions: running.map((row) => ({ ...row })) } };
  }

  /** The job's events and its executions' events after the snapshot, recorded up to `asOf`, in global order. */
  private async eventsAfter(jobId: string, asOf: Date, snapshot: AsOfSnapshot | null): Promise<RecordedEvent[]> {
    const store = this.options.eventStore;
    const after = snapshot?.position ?? null;
    const jobEvents = await this.readUntil(jobStreamId(jobId), (snapshot?.jobRevision ?? -1) + 1, asOf);
    const ids = new Set((snapshot?.rows.executions ?? []).map((row) => String(row.id)));
    for (const id of await this.executionIds(jobId, asOf, snapshot)) ids.add(id);
    const streams = await inParallel([...ids], PARALLEL_READS, (id) => store.readStream(executionStreamId(id)));
    const executionEvents = streams
      .flatMap((events) => recordedBy(events, asOf))
      .filter((event) => !IRRELEVANT.has(event.type) && (after === null || store.comparePositions(event.position, after) > 0));
    return [...jobEvents, ...executionEvents].sort((a, b) => store.comparePositions(a.position, b.position));
  }

  /** A stream's events from a revision, recorded up to `asOf`, read page by page (no need to read past `asOf`). */
  private async readUntil(streamId: string, fromRevision: number, asOf: Date): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    const size = this.options.readPage ?? 64;
    for (let from = fromRevision; ; ) {
      const page = await this.options.eventStore.readStream(streamId, { fromRevision: from, maxCount: size });
      const kept = recordedBy(page, asOf);
      events.push(...kept);
      if (page.length < size || kept.length < page.length) return events;
      from = page[page.length - 1].revision + 1;
    }
  }

  /** Executions requested after the snapshot and recorded by `asOf`: by position and store time, no clock assumption. */
  private async executionIds(jobId: string, asOf: Date, snapshot: AsOfSnapshot | null): Promise<string[]> {
    const schema = (this.options.dataSource.options as { schema?: string }).schema ?? 'public';
    const rows = (await this.options.dataSource.query(
      `SELECT execution_id FROM ${quoteIdentifier(schema)}.audit_executions WHERE job_id = $1 AND position > $2::numeric AND recorded_at <= $3`,
      [jobId, snapshot?.position ?? '0', asOf],
    )) as { execution_id: string }[];
    return rows.map((row) => row.execution_id);
  }

  private shape(target: EntityClass) {
    const shape = this.shapes.get(target);
    if (!shape) throw new Error(`No table shape for ${target.name}`);
    return shape;
  }
}

/** The events recorded at or before `asOf` (a stream's recorded times only grow). */
function recordedBy(events: RecordedEvent[], asOf: Date): RecordedEvent[] {
  const limit = asOf.getTime();
  const end = events.findIndex((event) => Date.parse(event.recordedAt) > limit);
  return end === -1 ? events : events.slice(0, end);
}

async function inParallel<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
