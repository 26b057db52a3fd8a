import { Inject, Injectable } from '@nestjs/common';
import type { NatsConnection } from 'nats';
import type { AppConfig } from '@cp/config';
import { DomainFailure, REGISTRY_SERVICE, type RegistryServiceRequests, type RegistryServiceResult, type Subjects } from '@cp/contracts';
import { EVENT_STORE, type EventStore } from '@cp/event-store';
import { sendCommand } from '@cp/messaging';
import { READ_MODEL_CHECKPOINT, waitForCheckpoint } from '@cp/read-model';
import { APP_CONFIG, NATS_CONNECTION, SUBJECTS } from '@cp/runtime';
import type { DataSource } from 'typeorm';
import { READ_MODEL } from '../read-model.provider';

/** Sends registry commands (hosted by the jobs service) and waits until the read model shows them (read-your-writes). */
@Injectable()
export class RegistryCommandsClient {
  constructor(
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(SUBJECTS) private readonly subjects: Subjects,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(READ_MODEL) private readonly readModel: DataSource,
  ) {}

  async send<C extends keyof RegistryServiceRequests>(command: C, payload: RegistryServiceRequests[C]): Promise<RegistryServiceResult> {
    const reply = await sendCommand<RegistryServiceResult>(this.nats, this.subjects, REGISTRY_SERVICE, command, payload, {
      timeoutMs: 10_000,
      correlationId: payload.context.correlationId,
    });
    if (!reply.ok) throw new DomainFailure(reply.error);
    if (reply.position !== null) await this.awaitProjection(reply.position);
    return reply.result;
  }

  private async awaitProjection(position: string): Promise<void> {
    const caughtUp = await waitForCheckpoint(this.readModel, READ_MODEL_CHECKPOINT, position, this.config.readYourWritesTimeoutMs, (a, b) =>
      this.eventStore.comparePositions(a, b),
    );
    if (!caughtUp) {
      throw new DomainFailure({ code: 'unavailable', detail: 'The change was saved, but the read model has not caught up yet; retry the read in a moment' });
    }
  }
}
