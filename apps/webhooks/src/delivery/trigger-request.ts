import type { TriggerJobRequest } from '@cp/contracts';
import type { WebhookPayload } from '../payload/webhook-payload';

export type VerifiedDelivery = {
  token: string;
  jobId: string;
  organizationId: string;
  deliveryId: string | null;
  executionId: string | null;
  correlationId: string;
  payload: WebhookPayload;
};

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** What the reference service keeps with a webhook execution, plus the delivery id. */
export function webhookTriggerMetadata(delivery: VerifiedDelivery): Record<string, unknown> {
  const { parameters, config_override, metadata } = delivery.payload;
  return {
    webhook_path: delivery.token,
    delivery_id: delivery.deliveryId,
    webhook_payload: { parameters, config_override: config_override ?? {}, metadata },
    parameters,
    metadata,
    triggered_by: text(metadata.user_email) ?? text(metadata.triggered_by) ?? 'webhook',
    user_id: text(metadata.user_id),
    user_email: text(metadata.user_email),
    user_name: text(metadata.user_name),
  };
}

/** `cmd.jobs.trigger` for a verified delivery; the actor is the webhook itself (its sender holds no user token). */
export function webhookTriggerRequest(delivery: VerifiedDelivery): TriggerJobRequest {
  return {
    context: { organizationId: delivery.organizationId, actor: { id: 'webhook', email: null }, correlationId: delivery.correlationId },
    job_id: delivery.jobId,
    parameters: delivery.payload.parameters,
    config_override: delivery.payload.config_override,
    source: 'webhook',
    ...(delivery.executionId ? { execution_id: delivery.executionId } : {}),
    trigger_metadata: webhookTriggerMetadata(delivery),
    webhook_token: delivery.token,
  };
}
