import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { NatsConnection } from 'nats';
import { EVENT_STORE, type EventStore } from '@cp/event-store';
import { READ_MODEL_CHECKPOINT, readCheckpoint } from '@cp/read-model';
import { NATS_CONNECTION } from '@cp/runtime';
import type { DataSource } from 'typeorm';
import { Public } from '../auth/auth.guard';
import { READ_MODEL } from '../read-model.provider';

type Check = { status: 'ok' | 'down'; detail?: string; [key: string]: unknown };

async function check(fn: () => Promise<Record<string, unknown> | void>): Promise<Check> {
  try {
    return { status: 'ok', ...((await fn()) ?? {}) };
  } catch (error) {
    return { status: 'down', detail: (error as Error).message };
  }
}

/** Liveness (`/health/live`) and readiness per dependency (`/health`, 503 when one is down). */
@Controller('health')
@Public()
export class HealthController {
  constructor(
    @Inject(READ_MODEL) private readonly readModel: DataSource,
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
  ) {}

  @Get('live')
  live() {
    return { status: 'ok' };
  }

  @Get()
  async ready(@Res({ passthrough: true }) res: Response) {
    const checks = {
      postgres: await check(async () => void (await this.readModel.query('SELECT 1'))),
      nats: await check(async () => {
        if (this.nats.isClosed()) throw new Error('connection closed');
        return { rtt_ms: await this.nats.rtt() };
      }),
      event_store: await check(async () => ({ head_position: await this.eventStore.headPosition() })),
      projector: await check(async () => ({ checkpoint: await readCheckpoint(this.readModel, READ_MODEL_CHECKPOINT) })),
    };
    const healthy = Object.values(checks).every((c) => c.status === 'ok');
    res.status(healthy ? 200 : 503);
    return { status: healthy ? 'ok' : 'degraded', checks };
  }
}
