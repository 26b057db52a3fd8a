import { abortableSleep } from '@cp/config';
import { conflict } from '@cp/contracts';
import { WrongExpectedRevisionError } from '@cp/event-store';

/** Attempts of one command against concurrent writers of its stream; each lost race lets one other writer through. */
export const MAX_CONFLICT_ATTEMPTS = 12;

/**
 * Called when an append failed: rethrows anything but a lost race; after a lost race waits a short random time
 * (growing with the attempt) so that writers who collided do not collide again in the same commit group.
 * After the last attempt the caller gets a 409 it can retry.
 */
export async function afterLostRace(error: unknown, attempt: number, streamId: string): Promise<void> {
  if (!(error instanceof WrongExpectedRevisionError)) throw error;
  if (attempt >= MAX_CONFLICT_ATTEMPTS) throw conflict(`${streamId} is being changed by too many writers at once; retry the request`);
  await abortableSleep(Math.random() * Math.min(64, 2 ** attempt));
}
