import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { CoreModule } from '@cp/runtime';
import { auditControllers, auditProviders } from './audit/audit.providers';
import { AuthGuard } from './auth/auth.guard';
import { CommandSender } from './commands/command-sender';
import { ReadYourWrites } from './commands/read-your-writes';
import { executionControllers, executionProviders } from './executions/executions.providers';
import { HealthController } from './health/health.controller';
import { HttpExceptionFilter } from './http/http-exception.filter';
import { JobCommandsClient } from './jobs/job-commands.client';
import { JobsController } from './jobs/jobs.controller';
import { logsControllers, logsProviders } from './logs/logs.providers';
import { OpenApiController } from './openapi/openapi.controller';
import { MetricsController } from './metrics/metrics.controller';
import { readModelProviders } from './read-model.provider';
import { registryControllers, registryProviders } from './registry/registry.providers';
import { SchedulePreviewController } from './schedule/schedule-preview.controller';
import { webhookControllers, webhookProviders } from './webhooks/webhooks.providers';

@Module({
  imports: [CoreModule.forService('gateway')],
  // Webhook routes first: no /api/v1/jobs/:jobId/... route may shadow /api/v1/jobs/webhook/{token}.
  controllers: [...webhookControllers, JobsController, HealthController, OpenApiController, MetricsController, ...registryControllers, ...executionControllers, ...logsControllers, SchedulePreviewController, ...auditControllers],
  providers: [
    ...readModelProviders,
    ReadYourWrites,
    CommandSender,
    JobCommandsClient,
    ...registryProviders,
    ...webhookProviders,
    ...executionProviders,
    ...logsProviders,
    ...auditProviders,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_FILTER, useClass: HttpExceptionFilter },
  ],
})
export class GatewayModule {}
