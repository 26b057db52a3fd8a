import type { DataSource, EntityManager } from 'typeorm';
import { ProjectionCheckpointRow } from './entities';

/**
 * The committed checkpoint of a runner, or null when it has not projected anything yet. A plain query: read-your-writes
 * waits poll it, and the repository path cost several times the read itself.
 */
export async function readCheckpoint(source: DataSource | EntityManager, name: string): Promise<string | null> {
  const table = source.getRepository(ProjectionCheckpointRow).metadata.tablePath;
  const rows = (await source.query(`SELECT position FROM ${table} WHERE name = $1`, [name])) as { position: string }[];
  return rows[0]?.position ?? null;
}

export class CheckpointMovedError extends Error {
  constructor(readonly checkpointName: string, readonly expected: string | null) {
    super(`Checkpoint "${checkpointName}" is no longer at ${expected ?? 'the start'}: another runner or a rebuild moved it`);
    this.name = 'CheckpointMovedError';
  }
}

/**
 * Compare-and-set: moves the checkpoint from `expected` to `position`, or throws CheckpointMovedError
 * (so two runners of the same name, or a reset during a run, can never move it backwards or skip events).
 */
export async function advanceCheckpoint(manager: EntityManager, name: string, expected: string | null, position: string): Promise<void> {
  const updated_at = new Date();
  if (expected === null) {
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(ProjectionCheckpointRow)
      .values({ name, position, updated_at })
      .orIgnore()
      .returning('name')
      .execute();
    if ((inserted.raw as unknown[]).length === 1) return;
  } else {
    const updated = await manager
      .createQueryBuilder()
      .update(ProjectionCheckpointRow)
      .set({ position, updated_at })
      .where('name = :name AND position = :expected', { name, expected })
      .execute();
    if (updated.affected === 1) return;
  }
  throw new CheckpointMovedError(name, expected);
}

/** Forgets the checkpoint so the runner replays from the start (used by rebuilds and tests). */
export async function resetCheckpoint(source: DataSource | EntityManager, name: string): Promise<void> {
  await source.getRepository(ProjectionCheckpointRow).delete({ name });
}

/**
 * Read-your-writes: polls until the checkpoint of `name` has reached `position`.
 * Returns false when `timeoutMs` elapses first.
 */
export async function waitForCheckpoint(
  dataSource: DataSource,
  name: string,
  position: string,
  timeoutMs: number,
  comparePositions: (a: string, b: string) => number,
  pollMs = 5,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const current = await readCheckpoint(dataSource, name);
    if (current !== null && comparePositions(current, position) >= 0) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
