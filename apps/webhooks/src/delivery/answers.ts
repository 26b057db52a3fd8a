import { HTTP_STATUS_FOR_ERROR, type DomainError, type TriggerJobResult, type ValidationIssue, type WebhookHttpAnswer } from '@cp/contracts';

/** Why a delivery ended as it did: the `reason` label of the deliveries metric. */
export type DeliveryReason =
  | 'accepted'
  | 'duplicate'
  | 'payload_too_large'
  | 'not_found'
  | 'missing_signature'
  | 'invalid_signature'
  | 'invalid_timestamp'
  | 'stale_timestamp'
  | 'unsupported_media_type'
  | 'invalid_payload'
  | 'job_disabled'
  | 'rate_limited'
  | 'trigger_rejected'
  | 'unavailable'
  | 'internal_error';

export type DeliveryOutcome = { reason: DeliveryReason; answer: WebhookHttpAnswer };

export const SUCCESS_MESSAGE = 'Job execution started successfully via webhook';

const json = (status: number, body: unknown, headers: Record<string, string> = {}): WebhookHttpAnswer => ({ status, headers, body });
const fail = (reason: DeliveryReason, status: number, detail: string | ValidationIssue[], headers?: Record<string, string>): DeliveryOutcome => ({
  reason,
  answer: json(status, { detail }, headers),
});

export const tooLarge = (limit: number) => fail('payload_too_large', 413, `Request body too large: the limit is ${limit} bytes (1 MiB)`);
export const fieldsTooLarge = (limit: number) =>
  fail('payload_too_large', 413, `Webhook payload too large to start an execution: parameters, config_override and metadata may take at most ${limit} bytes of JSON together`);
export const webhookNotFound = () => fail('not_found', 404, 'Webhook not found');
export const unauthorized = (reason: DeliveryReason, detail: string) => fail(reason, 401, detail);
export const jobDisabled = () => fail('job_disabled', 400, 'Job is disabled');
export const badPayload = (reason: DeliveryReason, status: number, detail: string | ValidationIssue[]) => fail(reason, status, detail);
export const rateLimited = (limit: number, retryAfterSeconds: number) =>
  fail('rate_limited', 429, `Rate limit exceeded: this webhook accepts ${limit} deliveries per minute; retry after ${retryAfterSeconds} s`, {
    'Retry-After': String(retryAfterSeconds),
  });
export const internalError = () => fail('internal_error', 500, 'Internal Server Error');

/** Seed 003 JobTriggerResponse; a repeated delivery answers the same, marked by a header. */
export function started(result: Pick<TriggerJobResult, 'job_id' | 'execution_id' | 'workflow_id'>, duplicate: boolean): DeliveryOutcome {
  const body = { job_id: result.job_id, execution_id: result.execution_id, workflow_id: result.workflow_id, status: 'started', message: SUCCESS_MESSAGE };
  return { reason: duplicate ? 'duplicate' : 'accepted', answer: json(200, body, duplicate ? { 'Webhook-Duplicate': 'true' } : {}) };
}

/** A refused trigger keeps its status and detail; a job gone meanwhile is, to the sender, a webhook gone. */
export function triggerFailed(error: DomainError): DeliveryOutcome {
  if (error.code === 'not_found') return webhookNotFound();
  if (error.code === 'bad_request' && error.detail === 'Job is disabled') return jobDisabled();
  if (error.code === 'unavailable') return fail('unavailable', 503, 'The job service is unavailable; retry later', { 'Retry-After': '5' });
  if (error.code === 'internal') return internalError();
  return fail('trigger_rejected', HTTP_STATUS_FOR_ERROR[error.code], error.detail);
}
