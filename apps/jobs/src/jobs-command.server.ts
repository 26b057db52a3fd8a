import { Injectable } from '@nestjs/common';
import { JOBS_SERVICE, ROTATE_WEBHOOK_SECRET_COMMAND, type JobsServiceRequests, type RotateWebhookSecretRequest, type TriggerJobRequest } from '@cp/contracts';
import { CommandBusBridge } from './shared/command-bus-bridge';
import { CreateJobRequest } from './create-job/create-job.handler';
import { DeleteJobRequest } from './delete-job/delete-job.handler';
import { SetJobEnabledRequest } from './set-job-enabled/set-job-enabled.handler';
import { UpdateJobRequest } from './update-job/update-job.handler';
import { TriggerJobCommand } from './trigger-job/trigger-job.handler';
import { RotateWebhookSecretCommand } from './rotate-webhook-secret/rotate-webhook-secret.handler';

/** Maps each `cmd.jobs.<name>` payload onto its CQRS request. */
const TO_REQUEST = {
  create: (p: JobsServiceRequests['create']) => new CreateJobRequest(p.context, p.definition),
  update: (p: JobsServiceRequests['update']) => new UpdateJobRequest(p.context, p.job_id, p.patch),
  delete: (p: JobsServiceRequests['delete']) => new DeleteJobRequest(p.context, p.job_id),
  enable: (p: JobsServiceRequests['enable']) => new SetJobEnabledRequest(p.context, p.job_id, true),
  disable: (p: JobsServiceRequests['disable']) => new SetJobEnabledRequest(p.context, p.job_id, false),
  trigger: (p: TriggerJobRequest) => new TriggerJobCommand(p),
  [ROTATE_WEBHOOK_SECRET_COMMAND]: (p: RotateWebhookSecretRequest) => new RotateWebhookSecretCommand(p.context, p.job_id, p.grace_period_seconds),
};

/** NATS request/reply adapter of the jobs service. */
@Injectable()
export class JobsCommandServer extends CommandBusBridge {
  protected readonly service = JOBS_SERVICE;
  protected readonly requests = TO_REQUEST;
}
