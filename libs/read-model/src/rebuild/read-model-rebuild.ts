import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { EventStore } from '@cp/event-store';
import { READ_MODEL_CHECKPOINT } from '../checkpoint-names';
import { createReadModelDataSource, runMigrations } from '../data-source';
import { READ_MODEL_ENTITIES, ProjectionCheckpointRow } from '../entities';
import { quoteIdentifier } from '../migrations/migration-schema';
import type { Projection } from '../projection';
import { READ_MODEL_PROJECTIONS } from './read-model-projections';
import { silentProgress, type RebuildProgressSink } from './rebuild-progress';
import { enterBulkMode } from './shadow-bulk-mode';
import { ShadowReplay } from './shadow-replay';
import { tableShapes, type EntityClass } from './table-shape';
import { swapShadowIn } from './table-swap';

/** Every read-model table is rebuilt except the checkpoints, which the swap moves consistently instead. */
export const REBUILT_ENTITIES: readonly EntityClass[] = READ_MODEL_ENTITIES.filter((entity) => entity !== ProjectionCheckpointRow);

export type RebuildOptions = {
  databaseUrl: string;
  /** The live schema: read models (and, for PostgreSQL, the event store). */
  schema: string;
  eventStore: EventStore;
  projections?: readonly Projection[];
  checkpointName?: string;
  /** Events per read and per flush transaction (default 20,000). */
  batchSize?: number;
  maxCachedRows?: number;
  progress?: RebuildProgressSink;
  /** Called once the bulk replay is done, right before the swap (tests write more events here). */
  beforeSwap?: () => Promise<void>;
};

export type RebuildReport = { events: number; position: string | null; tables: string[]; seconds: number; eventsPerSecond: number };

/**
 * Rebuilds every read model from the event store while the services keep serving (DESIGN.md §1, §6):
 * 1. a shadow schema gets fresh tables from the same migrations;
 * 2. the real projections replay every event into it (write-behind, bulk flushes into UNLOGGED tables without
 *    secondary indexes), then catch up again; indexes are rebuilt and the tables made LOGGED;
 * 3. one transaction swaps the shadow tables in by moving tables between schemas (see table-swap.ts).
 * The live tables are left untouched until that transaction; on any failure they stay as they were.
 */
export async function rebuildReadModels(options: RebuildOptions): Promise<RebuildReport> {
  const started = Date.now();
  const progress = options.progress ?? silentProgress;
  const shadowSchema = sideSchema(options.schema, 'rebuild');
  const retiredSchema = sideSchema(options.schema, 'retired');
  const live = await createReadModelDataSource({ databaseUrl: options.databaseUrl, schema: options.schema, poolSize: 2, applicationName: 'rebuild' });
  let shadow: DataSource | null = null;
  try {
    await runMigrations(live);
    shadow = await createReadModelDataSource({ databaseUrl: options.databaseUrl, schema: shadowSchema, poolSize: 3, applicationName: 'rebuild' });
    await runMigrations(shadow);
    const shapes = tableShapes(REBUILT_ENTITIES);
    const replay = new ShadowReplay({
      shadow, shadowSchema, eventStore: options.eventStore, projections: options.projections ?? READ_MODEL_PROJECTIONS, shapes,
      batchSize: options.batchSize ?? 20_000, maxCachedRows: options.maxCachedRows ?? 50_000, progress,
    });
    const tables = [...shapes.values()].map((shape) => shape.table);
    const leaveBulkMode = await enterBulkMode(shadow, shadowSchema, tables);
    await replay.catchUp('replaying');
    await options.beforeSwap?.();
    await replay.catchUp('catching up');
    progress.update({ events: replay.events, fraction: null, phase: 'indexing' });
    await leaveBulkMode();
    const position = await swapShadowIn({
      shadow, liveSchema: options.schema, shadowSchema, retiredSchema, tables, eventStore: options.eventStore,
      checkpointName: options.checkpointName ?? READ_MODEL_CHECKPOINT,
      catchUpTo: (target, run) => replay.catchUpTo(target, run),
      shadowPosition: () => replay.position,
    });
    const seconds = (Date.now() - started) / 1000;
    const report = { events: replay.events, position, tables, seconds, eventsPerSecond: seconds > 0 ? Math.round(replay.events / seconds) : replay.events };
    progress.done(`Rebuilt ${tables.join(', ')} from ${report.events.toLocaleString('en-US')} events in ${seconds.toFixed(1)} s (${report.eventsPerSecond.toLocaleString('en-US')} events/s); swapped in at position ${position ?? 'none'}`);
    return report;
  } finally {
    await live.query(`DROP SCHEMA IF EXISTS ${quoteIdentifier(shadowSchema)} CASCADE`).catch(() => undefined);
    await live.query(`DROP SCHEMA IF EXISTS ${quoteIdentifier(retiredSchema)} CASCADE`).catch(() => undefined);
    await shadow?.destroy().catch(() => undefined);
    await live.destroy().catch(() => undefined);
  }
}

/** `<schema>_<role>_<random>`, at most 63 characters (PostgreSQL identifiers). */
function sideSchema(schema: string, role: string): string {
  const suffix = `_${role}_${randomBytes(4).toString('hex')}`;
  return `${schema.slice(0, 63 - suffix.length)}${suffix}`;
}
