import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CoreModule } from '@cp/runtime';
import { CreateJobHandler } from './create-job/create-job.handler';
import { DeleteJobHandler } from './delete-job/delete-job.handler';
import { JobsCommandServer } from './jobs-command.server';
import { registryProviders } from './registry/registry.providers';
import { SetJobEnabledHandler } from './set-job-enabled/set-job-enabled.handler';
import { UpdateJobHandler } from './update-job/update-job.handler';
import { ExecutionRequestedHint } from './trigger-job/execution-requested-hint';
import { TriggerJobHandler } from './trigger-job/trigger-job.handler';
import { RotateWebhookSecretHandler } from './rotate-webhook-secret/rotate-webhook-secret.handler';

const commandHandlers = [CreateJobHandler, UpdateJobHandler, DeleteJobHandler, SetJobEnabledHandler, TriggerJobHandler, RotateWebhookSecretHandler];

@Module({
  imports: [CoreModule.forService('jobs'), CqrsModule.forRoot()],
  providers: [...commandHandlers, ExecutionRequestedHint, JobsCommandServer, ...registryProviders],
})
export class JobsModule {}
