import { randomUUID } from 'node:crypto';
import { Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { WebhookDeliveryService } from '../delivery/webhook-delivery.service';
import { WebhookMetrics } from '../metrics/webhook-metrics';
import { normalizeHeaders } from '../verification/delivery-headers';
import { readRawBody, sendAnswer } from './raw-body';

/** The same endpoint as the gateway's, served directly on WEBHOOKS_PORT (for a load balancer in front of replicas). */
@Controller('api/v1/jobs/webhook')
export class WebhookHttpController {
  constructor(private readonly deliveries: WebhookDeliveryService, private readonly metrics: WebhookMetrics) {}

  @Post(':token')
  @HttpCode(200)
  async deliver(@Param('token') token: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const read = await readRawBody(req, res);
    if (!read.ok) {
      this.metrics.record(read.reason, read.answer.status, 0);
      return sendAnswer(res, read.answer);
    }
    const headers = normalizeHeaders(req.headers);
    const correlationId = headers['x-correlation-id'] || randomUUID();
    sendAnswer(res, await this.deliveries.deliver({ token, headers, body: read.body, correlationId }));
  }
}
