import { randomUUID } from 'node:crypto';
import type { CommandMetadata } from '@cp/contracts';

/** The executor's own commands (dispatch, timeouts) are recorded as done by the `executor` system actor. */
export const EXECUTOR_ACTOR = { id: 'system:executor', email: null };

export const executorMetadata = (organizationId: string, correlationId: string = randomUUID(), now = new Date()): CommandMetadata => ({
  organizationId, actor: EXECUTOR_ACTOR, correlationId, now: now.toISOString(),
});

/** Worker reports are recorded as done by the worker that sent them. */
export const workerMetadata = (organizationId: string, workerId: string, correlationId: string = randomUUID(), now = new Date()): CommandMetadata => ({
  organizationId, actor: { id: `worker:${workerId}`, email: null }, correlationId, now: now.toISOString(),
});
