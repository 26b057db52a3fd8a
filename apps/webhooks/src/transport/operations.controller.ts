import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { NatsConnection } from 'nats';
import type { Pool } from 'pg';
import { NATS_CONNECTION, PG_POOL } from '@cp/runtime';
import { WebhookMetrics } from '../metrics/webhook-metrics';

/** `/metrics` (Prometheus text) and `/health` (readiness per dependency) of the webhooks service. */
@Controller()
export class OperationsController {
  constructor(
    private readonly metrics: WebhookMetrics,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
  ) {}

  @Get('metrics')
  async scrape(@Res() res: Response): Promise<void> {
    res.setHeader('Content-Type', this.metrics.contentType);
    res.send(await this.metrics.render());
  }

  @Get('health')
  async health(@Res() res: Response): Promise<void> {
    const postgres = await this.pool.query('SELECT 1').then(() => 'ok', (error: Error) => `down: ${error.message}`);
    const nats = this.nats.isClosed() ? 'down: connection closed' : 'ok';
    const healthy = postgres === 'ok' && nats === 'ok';
    res.status(healthy ? 200 : 503).json({ status: healthy ? 'ok' : 'degraded', checks: { postgres, nats } });
  }
}
