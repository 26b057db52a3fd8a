import { randomBytes } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { SecretBox } from '@cp/config';
import { DEFAULT_WEBHOOK_SECRET_GRACE_SECONDS, type RequestContext, type RotateWebhookSecretResult } from '@cp/contracts';
import type { EventStore } from '@cp/event-store';
import { EVENT_STORE, SECRET_BOX } from '@cp/runtime';
import { commandMetadata } from '../shared/command-metadata';
import { handleJobCommand } from '../shared/job-command-handler';

export class RotateWebhookSecretCommand {
  constructor(readonly context: RequestContext, readonly jobId: string, readonly gracePeriodSeconds: number | null) {}
}

/** Same strength as a secret made at creation: token_urlsafe(32). */
const newSecret = (): string => randomBytes(32).toString('base64url');

@CommandHandler(RotateWebhookSecretCommand)
export class RotateWebhookSecretHandler implements ICommandHandler<RotateWebhookSecretCommand> {
  constructor(@Inject(EVENT_STORE) private readonly eventStore: EventStore, @Inject(SECRET_BOX) private readonly secretBox: SecretBox) {}

  async execute({ context, jobId, gracePeriodSeconds }: RotateWebhookSecretCommand) {
    const secret = newSecret();
    const outcome = await handleJobCommand(this.eventStore, {
      type: 'RotateWebhookSecret',
      data: { job_id: jobId, secret_encrypted: this.secretBox.encrypt(secret), grace_period_seconds: gracePeriodSeconds ?? DEFAULT_WEBHOOK_SECRET_GRACE_SECONDS },
      metadata: commandMetadata(context),
    });
    const rotated = outcome.events.find((e) => e.type === 'WebhookSecretRotated');
    if (!rotated || rotated.type !== 'WebhookSecretRotated') throw new Error('RotateWebhookSecret decided no WebhookSecretRotated event');
    const result: RotateWebhookSecretResult = { job_id: jobId, webhook_secret: secret, previous_secret_valid_until: rotated.data.previous_valid_until };
    return { result, revision: outcome.revision, position: outcome.position };
  }
}
