import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { NatsConnection } from 'nats';
import { JsonLogger } from '@cp/config';
import { JOBS_SERVICE, ROTATE_WEBHOOK_SECRET_COMMAND, type JobsServiceRequests, type RotateWebhookSecretRequest, type Subjects, type TriggerJobRequest } from '@cp/contracts';
import { serveCommands, type CommandServer } from '@cp/messaging';
import { LOGGER, NATS_CONNECTION, SUBJECTS } from '@cp/runtime';
import { CreateJobRequest } from './create-job/create-job.handler';
import { DeleteJobRequest } from './delete-job/delete-job.handler';
import { SetJobEnabledRequest } from './set-job-enabled/set-job-enabled.handler';
import { UpdateJobRequest } from './update-job/update-job.handler';
import { TriggerJobCommand } from './trigger-job/trigger-job.handler';
import { RotateWebhookSecretCommand } from './rotate-webhook-secret/rotate-webhook-secret.handler';

/** NATS request/reply adapter: maps `cmd.jobs.<name>` requests onto the CQRS command bus. */
@Injectable()
export class JobsCommandServer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private server: CommandServer | null = null;

  constructor(
    private readonly commandBus: CommandBus,
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(SUBJECTS) private readonly subjects: Subjects,
    @Inject(LOGGER) private readonly logger: JsonLogger,
  ) {}

  onApplicationBootstrap(): void {
    const bus = this.commandBus;
    this.server = serveCommands(this.nats, this.subjects, JOBS_SERVICE, {
      create: (p) => { const r = p as JobsServiceRequests['create']; return bus.execute(new CreateJobRequest(r.context, r.definition)); },
      update: (p) => { const r = p as JobsServiceRequests['update']; return bus.execute(new UpdateJobRequest(r.context, r.job_id, r.patch)); },
      delete: (p) => { const r = p as JobsServiceRequests['delete']; return bus.execute(new DeleteJobRequest(r.context, r.job_id)); },
      enable: (p) => { const r = p as JobsServiceRequests['enable']; return bus.execute(new SetJobEnabledRequest(r.context, r.job_id, true)); },
      disable: (p) => { const r = p as JobsServiceRequests['disable']; return bus.execute(new SetJobEnabledRequest(r.context, r.job_id, false)); },
      trigger: (p) => bus.execute(new TriggerJobCommand(p as TriggerJobRequest)),
      [ROTATE_WEBHOOK_SECRET_COMMAND]: (p) => { const r = p as RotateWebhookSecretRequest; return bus.execute(new RotateWebhookSecretCommand(r.context, r.job_id, r.grace_period_seconds)); },
    }, { logger: this.logger });
  }

  /** Before the shared connections close: stop taking commands and let the running ones reply. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.server?.stop();
  }
}
