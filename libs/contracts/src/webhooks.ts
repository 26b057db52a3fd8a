import type { RequestContext } from './job-commands';

/** The webhooks service (DESIGN.md §1): verifies deliveries and triggers jobs. */
export const WEBHOOKS_SERVICE = 'webhooks';
/** `cmd.webhooks.deliver`: the gateway hands a raw delivery (exact bytes + headers) to the webhooks service. */
export const WEBHOOK_DELIVER_COMMAND = 'deliver';

/** Largest accepted delivery body; a bigger one is answered 413 before anything else. */
export const WEBHOOK_MAX_BODY_BYTES = 1024 * 1024;

/**
 * Wire format of `cmd.webhooks.deliver` (not JSON, so that the bytes arrive exactly as sent):
 * - message data: the raw body bytes (or, for a body larger than one NATS message, its first part);
 * - header `Cp-Webhook-Request`: JSON `WebhookDeliveryEnvelope`, non-ASCII escaped as \uXXXX.
 * When `body_length` is larger than the data, the service replies `{kind:'continue', subject}` and the sender
 * requests that subject with each following part, in order; the reply to the last part is the answer.
 */
export const WEBHOOK_ENVELOPE_HEADER = 'Cp-Webhook-Request';

export type WebhookDeliveryEnvelope = {
  token: string;
  /** HTTP request headers, lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body_length: number;
  correlation_id: string;
};

/** The HTTP answer to send back, exactly (status, headers such as Retry-After, JSON body). */
export type WebhookHttpAnswer = { status: number; headers: Record<string, string>; body: unknown };

export type WebhookDeliveryReply = ({ kind: 'answer' } & WebhookHttpAnswer) | { kind: 'continue'; subject: string };

/** How long the old secret keeps working after a rotation unless the request says otherwise (24 h). */
export const DEFAULT_WEBHOOK_SECRET_GRACE_SECONDS = 24 * 60 * 60;
/** Upper bound of a grace period (30 days). */
export const MAX_WEBHOOK_SECRET_GRACE_SECONDS = 30 * 24 * 60 * 60;

/** `cmd.jobs.rotate-webhook-secret` */
export const ROTATE_WEBHOOK_SECRET_COMMAND = 'rotate-webhook-secret';
export type RotateWebhookSecretRequest = { context: RequestContext; job_id: string; grace_period_seconds: number | null };
/** `webhook_secret` is the new plain secret: returned by this reply only, never stored in clear. */
export type RotateWebhookSecretResult = { job_id: string; webhook_secret: string; previous_secret_valid_until: string };
