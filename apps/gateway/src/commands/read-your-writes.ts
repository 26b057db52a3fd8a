import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '@cp/config';
import { EVENT_STORE, type EventStore } from '@cp/event-store';
import { CheckpointWatcher, READ_MODEL_CHECKPOINT } from '@cp/read-model';
import { APP_CONFIG } from '@cp/runtime';
import { READ_MODEL } from '../read-model.provider';

/**
 * Waits (bounded) until the projector has applied the event at `position`; says whether it got there. One watcher
 * reads the checkpoint for every request waiting at the time (not one poll per request).
 */
@Injectable()
export class ReadYourWrites {
  private readonly watcher: CheckpointWatcher;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EVENT_STORE) eventStore: EventStore,
    @Inject(READ_MODEL) readModel: DataSource,
  ) {
    this.watcher = new CheckpointWatcher(readModel, READ_MODEL_CHECKPOINT, (a, b) => eventStore.comparePositions(a, b));
  }

  awaitPosition(position: string | null, maxWaitMs?: number): Promise<boolean> {
    if (position === null) return Promise.resolve(true);
    return this.watcher.waitFor(position, Math.min(maxWaitMs ?? Infinity, this.config.readYourWritesTimeoutMs));
  }
}
