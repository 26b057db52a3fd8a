import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CoreModule } from '@cp/runtime';
import { CreateJobHandler } from './create-job/create-job.handler';
import { DeleteJobHandler } from './delete-job/delete-job.handler';
import { JobsCommandServer } from './jobs-command.server';
import { SetJobEnabledHandler } from './set-job-enabled/set-job-enabled.handler';
import { UpdateJobHandler } from './update-job/update-job.handler';

const commandHandlers = [CreateJobHandler, UpdateJobHandler, DeleteJobHandler, SetJobEnabledHandler];

@Module({
  imports: [CoreModule.forService('jobs'), CqrsModule.forRoot()],
  providers: [...commandHandlers, JobsCommandServer],
})
export class JobsModule {}
