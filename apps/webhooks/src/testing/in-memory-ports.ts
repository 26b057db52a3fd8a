import { randomUUID } from 'node:crypto';
import { JsonLogger, SecretBox } from '@cp/config';
import type { CommandReply, DomainError, TriggerJobRequest, TriggerJobResult } from '@cp/contracts';
import type { DeliveryRateLimiter, ExecutionDirectory, ExistingExecution, JobTrigger, RateDecision, WebhookJob, WebhookJobDirectory } from '../delivery/ports';
import { WebhookDeliveryService } from '../delivery/webhook-delivery.service';
import { WebhookMetrics } from '../metrics/webhook-metrics';
import { gcraAdmit, gcraPlan, retryAfterSeconds } from '../rate-limit/gcra';
import type { WebhooksSettings } from '../webhooks.settings';

/**
 * In-memory stand-ins for the delivery path's ports, with the same semantics as the real adapters: the
 * execution store appends "no stream" (a repeated id returns the first execution), the limiter is GCRA.
 */
export class MemoryJobs implements WebhookJobDirectory {
  readonly byToken = new Map<string, WebhookJob>();
  lookups = 0;
  async findByToken(token: string): Promise<WebhookJob | null> {
    this.lookups++;
    return this.byToken.get(token) ?? null;
  }
}

export class MemoryExecutions implements ExecutionDirectory, JobTrigger {
  readonly started = new Map<string, { request: TriggerJobRequest; execution: ExistingExecution }>();
  refuseWith: DomainError | null = null;

  async find(executionId: string): Promise<ExistingExecution | null> {
    return this.started.get(executionId)?.execution ?? null;
  }

  async trigger(request: TriggerJobRequest): Promise<CommandReply<TriggerJobResult>> {
    if (this.refuseWith) return { ok: false, error: this.refuseWith };
    const id = request.execution_id ?? randomUUID();
    const existing = this.started.get(id);
    const execution = existing?.execution ?? { job_id: request.job_id, execution_id: id, workflow_id: `agent-execution-${id}` };
    if (!existing) this.started.set(id, { request, execution });
    const result: TriggerJobResult = { ...execution, status: 'started', message: 'Job execution started successfully via webhook', duplicate: Boolean(existing) };
    return { ok: true, result, revision: 0, position: '1' };
  }
}

export class MemoryRateLimiter implements DeliveryRateLimiter {
  private readonly tat = new Map<string, number>();
  async take(jobId: string, limitPerMinute: number, now: Date): Promise<RateDecision> {
    const plan = gcraPlan(limitPerMinute, now);
    const decision = gcraAdmit(plan, this.tat.get(jobId) ?? null);
    if (!decision.admitted) return { allowed: false, retryAfterSeconds: retryAfterSeconds(plan, decision.tatUs) };
    this.tat.set(jobId, decision.tatUs);
    return { allowed: true };
  }
}

export const TEST_SETTINGS: WebhooksSettings = { defaultRateLimitPerMinute: 60, timestampToleranceSeconds: 300, triggerTimeoutMs: 1000, maxPayloadFieldsBytes: 128 * 1024, jobCacheTtlMs: 10_000 };

/** `directory` wraps the jobs the test sets up, e.g. in the cache the service runs with. */
export function deliveryHarness(now: Date, directory: (jobs: MemoryJobs) => WebhookJobDirectory = (jobs) => jobs) {
  const secretBox = new SecretBox(Buffer.alloc(32, 9));
  const jobs = new MemoryJobs();
  const executions = new MemoryExecutions();
  const limiter = new MemoryRateLimiter();
  const metrics = new WebhookMetrics(false);
  const clock = { current: now, now() { return this.current; } };
  const service = new WebhookDeliveryService(directory(jobs), executions, limiter, executions, secretBox, clock, TEST_SETTINGS, metrics, new JsonLogger('webhooks-test', 'error'));
  return { service, jobs, executions, limiter, metrics, clock, secretBox };
}
