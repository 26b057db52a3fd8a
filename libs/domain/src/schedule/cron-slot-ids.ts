import type { ScheduledRunSkipReason } from '@cp/contracts';
import { uuidV5 } from './uuid-v5';

/** Namespace of cron-slot ids (uuidv5(NAMESPACE_URL, 'https://control-plane.local/cron-slot')); never change it. */
export const CRON_SLOT_NAMESPACE = 'f4c3d251-cd0c-51bb-9757-d011d1761b8e';

/**
 * The execution id of one cron slot: every scheduler replica, every restart and every replayed message derives the
 * same id, and the execution stream is created with expected "no stream", so a slot can start at most one run.
 */
export function cronSlotExecutionId(jobId: string, slotMs: number): string {
  return uuidV5(`${jobId}@${new Date(slotMs).toISOString()}`, CRON_SLOT_NAMESPACE);
}

/** The event id of a skip record, so two replicas recording the same skip write one event. */
export function scheduledRunSkippedEventId(jobId: string, reason: ScheduledRunSkipReason, firstSlotMs: number): string {
  return uuidV5(`${jobId}@${new Date(firstSlotMs).toISOString()}#skipped:${reason}`, CRON_SLOT_NAMESPACE);
}
