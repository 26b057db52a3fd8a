import { Inject, Injectable } from '@nestjs/common';
import type { NatsConnection } from 'nats';
import type { AppConfig } from '@cp/config';
import {
  DomainFailure, JOBS_SERVICE, ROTATE_WEBHOOK_SECRET_COMMAND,
  type RotateWebhookSecretRequest, type RotateWebhookSecretResult, type Subjects,
} from '@cp/contracts';
import { EVENT_STORE, type EventStore } from '@cp/event-store';
import { sendCommand } from '@cp/messaging';
import { READ_MODEL_CHECKPOINT, waitForCheckpoint } from '@cp/read-model';
import { APP_CONFIG, NATS_CONNECTION, SUBJECTS } from '@cp/runtime';
import type { DataSource } from 'typeorm';
import { READ_MODEL } from '../read-model.provider';

/**
 * `cmd.jobs.rotate-webhook-secret`, then waits until the read model holds the new secret: when the new secret is
 * handed out, deliveries signed with it are already accepted.
 */
@Injectable()
export class WebhookSecretClient {
  constructor(
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(SUBJECTS) private readonly subjects: Subjects,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(READ_MODEL) private readonly readModel: DataSource,
  ) {}

  async rotate(request: RotateWebhookSecretRequest): Promise<RotateWebhookSecretResult> {
    const reply = await sendCommand<RotateWebhookSecretResult>(this.nats, this.subjects, JOBS_SERVICE, ROTATE_WEBHOOK_SECRET_COMMAND, request, {
      timeoutMs: 10_000,
      correlationId: request.context.correlationId,
    });
    if (!reply.ok) throw new DomainFailure(reply.error);
    // Even if the projection lags beyond the wait, the rotation happened: the secret must reach the caller now.
    if (reply.position !== null) {
      await waitForCheckpoint(this.readModel, READ_MODEL_CHECKPOINT, reply.position, this.config.readYourWritesTimeoutMs, (a, b) => this.eventStore.comparePositions(a, b));
    }
    return reply.result;
  }
}
