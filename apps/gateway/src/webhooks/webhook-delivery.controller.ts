import { randomUUID } from 'node:crypto';
import { Controller, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { JsonLogger } from '@cp/config';
import { LOGGER } from '@cp/runtime';
import { Public } from '../auth/auth.guard';
import { readWebhookBody, sendWebhookAnswer } from './raw-body';
import { forwardedHeaders, WebhookDeliveryClient } from './webhook-delivery.client';

/**
 * `POST /api/v1/jobs/webhook/{token}`: the path inside every job's `webhook_url`. Public (the token and the
 * signature are the credentials); the webhooks service judges the delivery and this route relays its answer.
 * Registered before the jobs routes so that no `/api/v1/jobs/:jobId/...` route can shadow it.
 */
@Controller('api/v1/jobs/webhook')
@Public()
export class WebhookDeliveryController {
  constructor(private readonly deliveries: WebhookDeliveryClient, @Inject(LOGGER) private readonly logger: JsonLogger) {}

  @Post(':token')
  async deliver(@Param('token') token: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const read = await readWebhookBody(req, res);
    if (!read.ok) return sendWebhookAnswer(res, read.answer);
    const headers = forwardedHeaders(req.headers);
    const correlationId = (req as Request & { correlationId?: string }).correlationId ?? headers['x-correlation-id'] ?? randomUUID();
    try {
      sendWebhookAnswer(res, await this.deliveries.deliver(token, headers, read.body, correlationId));
    } catch (error) {
      this.logger.error('webhook delivery relay failed', { correlationId, error: error instanceof Error ? error.message : String(error) });
      sendWebhookAnswer(res, { status: 502, headers: {}, body: { detail: 'Bad Gateway' } });
    }
  }
}
