import type { JobQueries, JobRow } from '@cp/read-model';
import type { WebhookJob, WebhookJobDirectory } from '../delivery/ports';

/** Only a webhook job with credentials has a webhook: any other row is "not found". */
export function toWebhookJob(row: JobRow | null): WebhookJob | null {
  if (!row || row.trigger_type !== 'webhook' || !row.webhook_token || !row.webhook_secret_encrypted || row.deleted_at) return null;
  return {
    id: row.id,
    organizationId: row.organization_id,
    enabled: row.enabled,
    config: row.config ?? {},
    secretEncrypted: row.webhook_secret_encrypted,
    previousSecretEncrypted: row.previous_webhook_secret_encrypted,
    previousSecretValidUntil: row.previous_webhook_secret_valid_until,
    revision: row.stream_revision,
  };
}

/** Looks jobs up in the read model (the projector keeps token and encrypted secrets there). */
export class ReadModelJobDirectory implements WebhookJobDirectory {
  constructor(private readonly queries: JobQueries) {}

  async findByToken(token: string): Promise<WebhookJob | null> {
    return toWebhookJob(await this.queries.findJobByWebhookToken(token));
  }
}
