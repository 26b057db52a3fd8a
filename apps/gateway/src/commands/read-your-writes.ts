import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '@cp/config';
import { EVENT_STORE, type EventStore } from '@cp/event-store';
import { READ_MODEL_CHECKPOINT, waitForCheckpoint } from '@cp/read-model';
import { APP_CONFIG } from '@cp/runtime';
import { READ_MODEL } from '../read-model.provider';

/** Waits (bounded) until the projector has applied the event at `position`; says whether it got there. */
@Injectable()
export class ReadYourWrites {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(READ_MODEL) private readonly readModel: DataSource,
  ) {}

  awaitPosition(position: string | null, maxWaitMs?: number): Promise<boolean> {
    if (position === null) return Promise.resolve(true);
    const timeoutMs = Math.min(maxWaitMs ?? Infinity, this.config.readYourWritesTimeoutMs);
    return waitForCheckpoint(this.readModel, READ_MODEL_CHECKPOINT, position, timeoutMs, (a, b) => this.eventStore.comparePositions(a, b));
  }
}
