import type { DataSource, QueryRunner } from 'typeorm';
import type { EventStore } from '@cp/event-store';
import { quoteIdentifier } from '../migrations/migration-schema';
import type { SqlRunner } from './bulk-flush';

export type SwapOptions = {
  shadow: DataSource;
  liveSchema: string;
  shadowSchema: string;
  retiredSchema: string;
  tables: string[];
  checkpointName: string;
  eventStore: EventStore;
  /** Replays the shadow up to the live checkpoint with SQL run inside the swap transaction. */
  catchUpTo: (position: string, run: SqlRunner) => Promise<void>;
  /** The shadow's position when the swap starts. */
  shadowPosition: () => string | null;
};

const LOCK_ATTEMPTS = 20;
/** deadlock_detected, lock_not_available */
const LOCK_CONFLICTS = new Set(['40P01', '55P03']);

/**
 * One transaction: lock the live tables and the checkpoint (waits for the live projector's batch in flight and
 * holds off the next), bring the shadow to the live checkpoint, move the live tables out to `retiredSchema` and the
 * shadow tables in. Readers blocked meanwhile resume on the new tables (PostgreSQL looks the name up again after
 * the lock). The checkpoint only changes when the shadow is ahead of it (no projector was keeping up); a live
 * projector then fails its compare-and-set once and resumes from the new checkpoint.
 * Returns the checkpoint the swapped-in tables reflect.
 */
export async function swapShadowIn(options: SwapOptions): Promise<string | null> {
  const runner = options.shadow.createQueryRunner();
  await runner.connect();
  try {
    await runner.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(options.retiredSchema)}`);
    await lockLiveTables(runner, options);
    try {
      const position = await swapLocked(runner, options);
      await runner.commitTransaction();
      return position;
    } catch (error) {
      await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    }
  } finally {
    await runner.release();
  }
}

/** Starts the transaction and takes the locks; a deadlock with the live projector or a lock timeout is retried. */
async function lockLiveTables(runner: QueryRunner, options: SwapOptions): Promise<void> {
  const live = quoteIdentifier(options.liveSchema);
  const tables = [...options.tables, 'projection_checkpoints'].map((t) => `${live}.${quoteIdentifier(t)}`).join(', ');
  for (let attempt = 1; ; attempt++) {
    await runner.startTransaction();
    try {
      await runner.query(`SET LOCAL lock_timeout = '5s'`);
      await runner.query(`LOCK TABLE ${tables} IN ACCESS EXCLUSIVE MODE`);
      return;
    } catch (error) {
      await runner.rollbackTransaction().catch(() => undefined);
      const code = (error as { driverError?: { code?: string }; code?: string }).driverError?.code ?? (error as { code?: string }).code;
      if (!LOCK_CONFLICTS.has(code ?? '') || attempt >= LOCK_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
}

async function swapLocked(runner: QueryRunner, options: SwapOptions): Promise<string | null> {
  const run: SqlRunner = (sql, parameters) => runner.query(sql, parameters);
  const live = quoteIdentifier(options.liveSchema);
  const rows = (await run(`SELECT position FROM ${live}.projection_checkpoints WHERE name = $1`, [options.checkpointName])) as { position: string }[];
  const liveCheckpoint = rows[0]?.position ?? null;
  const shadowPosition = options.shadowPosition();
  const behind = liveCheckpoint !== null && (shadowPosition === null || options.eventStore.comparePositions(shadowPosition, liveCheckpoint) < 0);
  if (behind) await options.catchUpTo(liveCheckpoint, run);
  for (const table of options.tables) {
    await run(`ALTER TABLE ${live}.${quoteIdentifier(table)} SET SCHEMA ${quoteIdentifier(options.retiredSchema)}`);
    await run(`ALTER TABLE ${quoteIdentifier(options.shadowSchema)}.${quoteIdentifier(table)} SET SCHEMA ${live}`);
  }
  // As-of snapshots were made by the projections the old tables came from; the new tables may come from newer code.
  await run(`DELETE FROM ${live}.audit_snapshots`);
  const final = behind ? liveCheckpoint : shadowPosition;
  if (final !== null && final !== liveCheckpoint) {
    await run(
      `INSERT INTO ${live}.projection_checkpoints (name, position, updated_at) VALUES ($1, $2, now())
       ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position, updated_at = EXCLUDED.updated_at`,
      [options.checkpointName, final],
    );
  }
  return final;
}
