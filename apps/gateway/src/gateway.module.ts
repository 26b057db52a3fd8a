import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { CoreModule } from '@cp/runtime';
import { AuthGuard } from './auth/auth.guard';
import { HealthController } from './health/health.controller';
import { HttpExceptionFilter } from './http/http-exception.filter';
import { JobCommandsClient } from './jobs/job-commands.client';
import { JobsController } from './jobs/jobs.controller';
import { OpenApiController } from './openapi/openapi.controller';
import { readModelProviders } from './read-model.provider';

@Module({
  imports: [CoreModule.forService('gateway')],
  controllers: [JobsController, HealthController, OpenApiController],
  providers: [
    ...readModelProviders,
    JobCommandsClient,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_FILTER, useClass: HttpExceptionFilter },
  ],
})
export class GatewayModule {}
