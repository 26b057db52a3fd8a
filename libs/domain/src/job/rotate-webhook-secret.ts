import {
  badRequest,
  MAX_WEBHOOK_SECRET_GRACE_SECONDS,
  notFound,
  validationFailed,
  type RotateWebhookSecret,
  type WebhookSecretRotated,
} from '@cp/contracts';
import type { JobState } from './job-state';

function validGrace(seconds: number): number {
  if (!Number.isInteger(seconds) || seconds < 0 || seconds > MAX_WEBHOOK_SECRET_GRACE_SECONDS) {
    throw validationFailed([{ loc: ['body', 'grace_period_seconds'], msg: `Input should be an integer from 0 to ${MAX_WEBHOOK_SECRET_GRACE_SECONDS}`, type: 'value_error' }]);
  }
  return seconds;
}

/**
 * Rotation: the current secret becomes the previous one, valid until now + grace; the new one is current.
 * Only one previous secret is kept: rotating again ends the older one's grace at once.
 */
export function decideRotateWebhookSecret(command: RotateWebhookSecret, state: JobState): WebhookSecretRotated[] {
  const { job_id, secret_encrypted, grace_period_seconds } = command.data;
  if (state.status === 'absent' || state.status === 'deleted' || state.organizationId !== command.metadata.organizationId) {
    throw notFound(`Job ${job_id} not found`);
  }
  if (!state.webhook) throw badRequest(`Job ${job_id} has no webhook: only jobs with trigger_type 'webhook' have a webhook secret`);
  const grace = validGrace(grace_period_seconds);
  const validUntil = new Date(Date.parse(command.metadata.now) + grace * 1000).toISOString();
  return [{
    type: 'WebhookSecretRotated',
    data: { job_id, secret_encrypted, previous_secret_encrypted: state.webhook.secret_encrypted, previous_valid_until: validUntil, grace_period_seconds: grace },
  }];
}
