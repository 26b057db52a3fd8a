import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { validationFailed, type RequestContext } from '@cp/contracts';
import { Caller } from '../auth/auth.guard';
import { validateBody } from '../validation/request-validator';
import { TriggerClient } from './trigger.client';

type JobTriggerRequest = { parameters?: Record<string, unknown>; config_override?: Record<string, unknown> | null };
type JobTriggerResponse = { job_id: string; execution_id: string; workflow_id: string; status: string; message: string };

/** Seed 003: POST /api/v1/jobs/{job_id}/trigger. An empty body is a trigger without parameters. */
@Controller('api/v1/jobs')
export class TriggerController {
  constructor(private readonly client: TriggerClient) {}

  @Post(':jobId/trigger')
  @HttpCode(200)
  async trigger(@Caller() caller: RequestContext, @Param('jobId') jobId: string, @Body() body: unknown): Promise<JobTriggerResponse> {
    const input = validateBody<JobTriggerRequest>('JobTriggerRequest', body ?? {});
    if (!input.ok) throw validationFailed(input.issues);
    const result = await this.client.trigger({
      context: caller,
      job_id: jobId,
      parameters: input.value.parameters ?? {},
      config_override: input.value.config_override ?? null,
      source: 'manual',
      trigger_metadata: { triggered_by: caller.actor.email ?? caller.actor.id, user_id: caller.actor.id, user_email: caller.actor.email },
    });
    return { job_id: result.job_id, execution_id: result.execution_id, workflow_id: result.workflow_id, status: result.status, message: result.message };
  }
}
