import { randomBytes, randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { SecretBox } from '@cp/config';
import {
  DEFAULT_WEBHOOK_SECRET_GRACE_SECONDS,
  jobStreamId,
  type JobEvent,
  type RequestContext,
  type RotateWebhookSecretResult,
} from '@cp/contracts';
import { jobDecider, type JobState } from '@cp/domain';
import { WrongExpectedRevisionError, type EventStore } from '@cp/event-store';
import { EVENT_STORE, SECRET_BOX } from '@cp/runtime';
import { commandMetadata } from '../shared/command-metadata';
import { eventMetadata } from '../shared/job-command-handler';
import { decideRotateWebhookSecret, type RotateWebhookSecret } from './rotate-webhook-secret.decider';

export class RotateWebhookSecretCommand {
  constructor(readonly context: RequestContext, readonly jobId: string, readonly gracePeriodSeconds: number | null) {}
}

const MAX_ATTEMPTS = 5;

/** Same strength as a secret made at creation: token_urlsafe(32). */
const newSecret = (): string => randomBytes(32).toString('base64url');

@CommandHandler(RotateWebhookSecretCommand)
export class RotateWebhookSecretHandler implements ICommandHandler<RotateWebhookSecretCommand> {
  constructor(@Inject(EVENT_STORE) private readonly eventStore: EventStore, @Inject(SECRET_BOX) private readonly secretBox: SecretBox) {}

  async execute({ context, jobId, gracePeriodSeconds }: RotateWebhookSecretCommand) {
    const secret = newSecret();
    const command: RotateWebhookSecret = {
      type: 'RotateWebhookSecret',
      data: { job_id: jobId, secret_encrypted: this.secretBox.encrypt(secret), grace_period_seconds: gracePeriodSeconds ?? DEFAULT_WEBHOOK_SECRET_GRACE_SECONDS },
      metadata: commandMetadata(context),
    };
    const { event, revision, position } = await this.decideAndAppend(command);
    const result: RotateWebhookSecretResult = { job_id: jobId, webhook_secret: secret, previous_secret_valid_until: event.data.previous_valid_until };
    return { result, revision, position };
  }

  /** Load -> fold -> decide -> append with the expected revision; a concurrent writer means deciding again. */
  private async decideAndAppend(command: RotateWebhookSecret) {
    const streamId = jobStreamId(command.data.job_id);
    for (let attempt = 1; ; attempt++) {
      const events = await this.eventStore.readStream(streamId);
      const state = events.reduce((s: JobState, e) => jobDecider.evolve(s, e as unknown as JobEvent), jobDecider.initialState());
      const [event] = decideRotateWebhookSecret(command, state);
      const expected = events.length > 0 ? events[events.length - 1].revision : 'no_stream';
      try {
        const appended = await this.eventStore.append(streamId, [{ id: randomUUID(), type: event.type, data: event.data, metadata: eventMetadata(command.metadata) }], expected);
        return { event, revision: appended.nextRevision, position: appended.position };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }
}
