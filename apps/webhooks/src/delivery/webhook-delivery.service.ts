import { Inject, Injectable } from '@nestjs/common';
import { WEBHOOK_MAX_BODY_BYTES, type WebhookHttpAnswer } from '@cp/contracts';
import type { JsonLogger } from '@cp/config';
import { LOGGER, SECRET_BOX } from '@cp/runtime';
import { WebhookMetrics } from '../metrics/webhook-metrics';
import { parseWebhookPayload, payloadFieldsBytes } from '../payload/webhook-payload';
import { readDeliveryHeaders, type HeaderMap } from '../verification/delivery-headers';
import { verifyWebhookSignature, type WebhookSecrets } from '../verification/signature';
import { rateLimitFor, WEBHOOKS_SETTINGS, type WebhooksSettings } from '../webhooks.settings';
import * as answers from './answers';
import type { DeliveryOutcome } from './answers';
import { deliveryExecutionId } from './execution-id';
import {
  CLOCK, EXECUTION_DIRECTORY, JOB_DIRECTORY, JOB_TRIGGER, RATE_LIMITER,
  type Clock, type DeliveryRateLimiter, type ExecutionDirectory, type JobTrigger, type SecretOpener, type WebhookJob, type WebhookJobDirectory,
} from './ports';
import { webhookTriggerRequest } from './trigger-request';

export type DeliveryRequest = { token: string; headers: HeaderMap; body: Uint8Array; correlationId: string };

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{1,128}$/;
const MAX_DELIVERY_ID_LENGTH = 255;

/**
 * One delivery, checked in this order: size (413), token (404), signature and replay window (401), body (415/422/413),
 * repeated delivery id (200, the first execution), disabled job (400), rate limit (429), then the trigger (200).
 * Nothing is stored before every check has passed; the trigger is the only write.
 */
@Injectable()
export class WebhookDeliveryService {
  constructor(
    @Inject(JOB_DIRECTORY) private readonly jobs: WebhookJobDirectory,
    @Inject(EXECUTION_DIRECTORY) private readonly executions: ExecutionDirectory,
    @Inject(RATE_LIMITER) private readonly limiter: DeliveryRateLimiter,
    @Inject(JOB_TRIGGER) private readonly jobTrigger: JobTrigger,
    @Inject(SECRET_BOX) private readonly secretBox: SecretOpener,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(WEBHOOKS_SETTINGS) private readonly settings: WebhooksSettings,
    @Inject(WebhookMetrics) private readonly metrics: WebhookMetrics,
    @Inject(LOGGER) private readonly logger: JsonLogger,
  ) {}

  async deliver(request: DeliveryRequest): Promise<WebhookHttpAnswer> {
    const startedAt = process.hrtime.bigint();
    let outcome: DeliveryOutcome;
    try {
      outcome = await this.judge(request);
    } catch (error) {
      this.logger.error('webhook delivery failed', { correlationId: request.correlationId, error: error instanceof Error ? error.message : String(error) });
      outcome = answers.internalError();
    }
    this.metrics.record(outcome.reason, outcome.answer.status, Number(process.hrtime.bigint() - startedAt) / 1e9);
    this.logger.debug('webhook delivery', { reason: outcome.reason, status: outcome.answer.status, correlationId: request.correlationId });
    return outcome.answer;
  }

  private async judge(request: DeliveryRequest): Promise<DeliveryOutcome> {
    if (request.body.length > WEBHOOK_MAX_BODY_BYTES) return answers.tooLarge(WEBHOOK_MAX_BODY_BYTES);
    let job = TOKEN_SHAPE.test(request.token) ? await this.jobs.findByToken(request.token) : null;
    if (!job) return answers.webhookNotFound();
    const headers = readDeliveryHeaders(request.headers);
    const now = this.clock.now();
    const verify = (candidate: WebhookJob) =>
      verifyWebhookSignature({ body: request.body, headers, secrets: this.secretsOf(candidate), now, toleranceSeconds: this.settings.timestampToleranceSeconds });
    let verdict = verify(job);
    if (!verdict.ok && verdict.reason === 'invalid_signature') {
      // The directory may have answered from a cache that predates a rotation: judge by a fresh read before refusing.
      const fresh = await this.jobs.findByToken(request.token, { fresh: true });
      if (!fresh) return answers.webhookNotFound();
      [job, verdict] = [fresh, verify(fresh)];
    }
    if (!verdict.ok) return answers.unauthorized(verdict.reason, verdict.detail);
    const parsed = parseWebhookPayload(request.body, headers.contentType);
    if (!parsed.ok) return answers.badPayload(parsed.reason, parsed.status, parsed.detail);
    if (payloadFieldsBytes(parsed.payload) > this.settings.maxPayloadFieldsBytes) return answers.fieldsTooLarge(this.settings.maxPayloadFieldsBytes);
    if (headers.deliveryId !== null && headers.deliveryId.length > MAX_DELIVERY_ID_LENGTH) return deliveryIdTooLong();
    const executionId = headers.deliveryId === null ? null : deliveryExecutionId(job.id, headers.deliveryId);
    const existing = executionId === null ? null : await this.executions.find(executionId);
    if (existing) return answers.started(existing, true);
    if (!job.enabled) return answers.jobDisabled();
    const limit = rateLimitFor(job.config, this.settings.defaultRateLimitPerMinute);
    const decision = await this.limiter.take(job.id, limit, now);
    if (!decision.allowed) return answers.rateLimited(limit, decision.retryAfterSeconds);
    const reply = await this.jobTrigger.trigger(
      webhookTriggerRequest({ token: request.token, jobId: job.id, organizationId: job.organizationId, deliveryId: headers.deliveryId, executionId, correlationId: request.correlationId, payload: parsed.payload }),
    );
    return reply.ok ? answers.started(reply.result, reply.result.duplicate) : answers.triggerFailed(reply.error);
  }

  private secretsOf(job: WebhookJob): WebhookSecrets {
    return {
      current: this.secretBox.decrypt(job.secretEncrypted),
      previous: job.previousSecretEncrypted === null ? null : this.secretBox.decrypt(job.previousSecretEncrypted),
      previousValidUntil: job.previousSecretValidUntil,
    };
  }
}

const deliveryIdTooLong = (): DeliveryOutcome =>
  answers.badPayload('invalid_payload', 422, [{ loc: ['header', 'webhook-id'], msg: `Delivery id should have at most ${MAX_DELIVERY_ID_LENGTH} characters`, type: 'string_too_long' }]);
