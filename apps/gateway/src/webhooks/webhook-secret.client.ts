import { Injectable } from '@nestjs/common';
import { JOBS_SERVICE, ROTATE_WEBHOOK_SECRET_COMMAND, type RotateWebhookSecretRequest, type RotateWebhookSecretResult } from '@cp/contracts';
import { CommandSender } from '../commands/command-sender';

/**
 * `cmd.jobs.rotate-webhook-secret`, then waits until the read model holds the new secret: when the new secret is
 * handed out, deliveries signed with it are already accepted. Best effort: even if the projection lags beyond the
 * wait, the rotation happened, and the new secret (shown once) must reach the caller now.
 */
@Injectable()
export class WebhookSecretClient {
  constructor(private readonly sender: CommandSender) {}

  rotate(request: RotateWebhookSecretRequest): Promise<RotateWebhookSecretResult> {
    return this.sender.send<RotateWebhookSecretResult>(JOBS_SERVICE, ROTATE_WEBHOOK_SECRET_COMMAND, request, 'best_effort');
  }
}
