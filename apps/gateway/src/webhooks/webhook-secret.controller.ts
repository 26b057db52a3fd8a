import { Body, Controller, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import type { AppConfig } from '@cp/config';
import { MAX_WEBHOOK_SECRET_GRACE_SECONDS, validationFailed, WEBHOOK_PATH_PREFIX, type RequestContext } from '@cp/contracts';
import { JobQueries } from '@cp/read-model';
import { APP_CONFIG } from '@cp/runtime';
import { Caller } from '../auth/auth.guard';
import { WebhookSecretClient } from './webhook-secret.client';

export type RotateWebhookSecretResponse = {
  job_id: string;
  webhook_url: string | null;
  webhook_secret: string;
  previous_secret_valid_until: string;
};

/** Body `{grace_period_seconds?}`: an integer from 0 (old secret stops at once) to 30 days; absent or null: 24 h. */
export function gracePeriodFrom(body: unknown): number | null {
  if (body === undefined || body === null) return null;
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw validationFailed([{ loc: ['body'], msg: 'Input should be a valid dictionary or object to extract fields from', type: 'model_attributes_type' }]);
  }
  const value = (body as Record<string, unknown>).grace_period_seconds;
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw validationFailed([{ loc: ['body', 'grace_period_seconds'], msg: 'Input should be a valid integer', type: 'int_type' }]);
  if (value < 0 || value > MAX_WEBHOOK_SECRET_GRACE_SECONDS) {
    throw validationFailed([{ loc: ['body', 'grace_period_seconds'], msg: `Input should be from 0 to ${MAX_WEBHOOK_SECRET_GRACE_SECONDS}`, type: 'value_error' }]);
  }
  return value;
}

/** `POST /api/v1/jobs/{job_id}/webhook/rotate-secret`: a new secret, shown in this response only. */
@Controller('api/v1/jobs')
export class WebhookSecretController {
  constructor(private readonly secrets: WebhookSecretClient, private readonly queries: JobQueries, @Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Post(':jobId/webhook/rotate-secret')
  @HttpCode(200)
  async rotate(@Caller() caller: RequestContext, @Param('jobId') jobId: string, @Body() body: unknown, @Req() req: Request): Promise<RotateWebhookSecretResponse> {
    const grace = gracePeriodFrom(body);
    const result = await this.secrets.rotate({ context: caller, job_id: jobId, grace_period_seconds: grace });
    const row = await this.queries.findJob(caller.organizationId, jobId);
    const base = this.config.publicBaseUrl ?? `${req.protocol}://${req.get('host') ?? `localhost:${this.config.gatewayPort}`}`;
    return {
      job_id: result.job_id,
      webhook_url: row?.webhook_token ? `${base.replace(/\/+$/, '')}${WEBHOOK_PATH_PREFIX}${row.webhook_token}` : null,
      webhook_secret: result.webhook_secret,
      previous_secret_valid_until: result.previous_secret_valid_until,
    };
  }
}
