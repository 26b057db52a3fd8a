import type { CommandReply, TriggerJobRequest, TriggerJobResult } from '@cp/contracts';

/** A webhook job as the delivery path needs it; secrets still encrypted. */
export type WebhookJob = {
  id: string;
  organizationId: string;
  enabled: boolean;
  config: Record<string, unknown>;
  secretEncrypted: string;
  previousSecretEncrypted: string | null;
  previousSecretValidUntil: Date | null;
  /** Revision of the job's event stream the row reflects. */
  revision: number;
};

export interface WebhookJobDirectory {
  /** The live webhook job whose URL ends in `token`, or null. `fresh`: read past any cache. */
  findByToken(token: string, options?: { fresh?: boolean }): Promise<WebhookJob | null>;
}

/** An execution that already exists (a repeated delivery). */
export type ExistingExecution = { job_id: string; execution_id: string; workflow_id: string };

export interface ExecutionDirectory {
  find(executionId: string): Promise<ExistingExecution | null>;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface DeliveryRateLimiter {
  /** Takes one delivery from the job's budget of `limitPerMinute`, shared by every replica. */
  take(jobId: string, limitPerMinute: number, now: Date): Promise<RateDecision>;
}

export interface JobTrigger {
  trigger(request: TriggerJobRequest): Promise<CommandReply<TriggerJobResult>>;
}

export interface SecretOpener {
  decrypt(sealed: string): string;
}

export type Clock = { now(): Date };
export const systemClock: Clock = { now: () => new Date() };

export const JOB_DIRECTORY = Symbol('JOB_DIRECTORY');
export const EXECUTION_DIRECTORY = Symbol('EXECUTION_DIRECTORY');
export const RATE_LIMITER = Symbol('RATE_LIMITER');
export const JOB_TRIGGER = Symbol('JOB_TRIGGER');
export const CLOCK = Symbol('CLOCK');
