import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@cp/contracts';
import { ExecutionRow, JobRow, READ_MODEL_ENTITIES, ProjectionCheckpointRow } from './entities';
import type { Projection } from './projection';
import { lockRowsById, rowLoader, writePending, type SqlRunner } from './rebuild/bulk-flush';
import { ProjectionReplay } from './rebuild/projection-replay';
import { RowStore } from './rebuild/row-store';
import { SandboxEntityManager } from './rebuild/sandbox-entity-manager';
import { tableShapes, type EntityClass, type TableShape } from './rebuild/table-shape';

/** The tables the projections write; the checkpoint is the runner's. */
const PROJECTED_ENTITIES: readonly EntityClass[] = READ_MODEL_ENTITIES.filter((entity) => entity !== ProjectionCheckpointRow);

/**
 * Applies a batch of events to the live read model inside the caller's transaction, as one unit of work:
 * 1. the rows the batch is known to touch (its executions, then the jobs of its events and of those executions) are
 *    read and locked FOR UPDATE in one query per table;
 * 2. the very projections of the per-event path run, in event order, on in-memory copies (SandboxEntityManager over a
 *    RowStore); a row not preloaded (a registry entry, say) is read through, locked, on first use;
 * 3. every changed row is written with one upsert per table, and insert-only rows (log lines) with one
 *    INSERT ... ON CONFLICT DO NOTHING per table.
 * The rows are the ones one transaction per event would leave: same code, same order, and the locks are held from
 * the first read to the commit. A projection that fails throws ProjectionFailedError and nothing is written.
 */
export class BatchProjector {
  private readonly replay: ProjectionReplay;
  private readonly shapes = tableShapes(PROJECTED_ENTITIES);

  constructor(projections: readonly Projection[], private readonly schema: string) {
    this.replay = new ProjectionReplay(projections);
  }

  async apply(events: readonly RecordedEvent[], manager: EntityManager): Promise<void> {
    const run: SqlRunner = (sql, parameters) => manager.query(sql, parameters);
    const handled = events.filter((event) => this.replay.handles(event.type));
    if (handled.length === 0) return;
    const store = new RowStore({ loader: rowLoader(this.schema, () => run, { lock: true }), sharedTables: true });
    await this.preload(store, handled, run);
    const sandbox = new SandboxEntityManager(store, this.shapes).asEntityManager();
    for (const event of handled) await this.replay.apply(event, sandbox);
    await writePending(store.takePending(true), this.schema, run);
  }

  /** Executions before jobs: the order in which the per-event path locked them. */
  private async preload(store: RowStore, events: readonly RecordedEvent[], run: SqlRunner): Promise<void> {
    const executions = this.shape(ExecutionRow);
    const executionIds = idsNamed(events, 'execution_id');
    const executionRows = await lockRowsById(run, this.schema, executions, executionIds);
    store.preload(executions, executionIds.map((id) => ({ id })), executionRows);
    const jobs = this.shape(JobRow);
    const jobIds = [...new Set([...idsNamed(events, 'job_id'), ...executionRows.map((row) => String(row.job_id))])];
    store.preload(jobs, jobIds.map((id) => ({ id })), await lockRowsById(run, this.schema, jobs, jobIds));
  }

  private shape(target: EntityClass): TableShape {
    return this.shapes.get(target) as TableShape;
  }
}

/** The distinct string values of `data[field]` (job and execution events name their rows this way). */
function idsNamed(events: readonly RecordedEvent[], field: 'job_id' | 'execution_id'): string[] {
  const ids = new Set<string>();
  for (const event of events) {
    const value = (event.data as Record<string, unknown>)[field];
    if (typeof value === 'string') ids.add(value);
  }
  return [...ids];
}
