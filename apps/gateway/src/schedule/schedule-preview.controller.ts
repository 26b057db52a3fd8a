import { Controller, Get, Param, Query } from '@nestjs/common';
import { badRequest, notFound, type RequestContext, type SchedulePreviewResponse } from '@cp/contracts';
import { localIsoString, nextCronSlots, schedulePolicyOf } from '@cp/domain';
import { JobQueries } from '@cp/read-model';
import { Caller } from '../auth/auth.guard';
import { parseIntegerQuery } from '../validation/query-params';

/** The next slots of a cron job, computed with the scheduler's own slot maths (one parser for everything). */
@Controller('api/v1/jobs')
export class SchedulePreviewController {
  constructor(private readonly queries: JobQueries) {}

  @Get(':jobId/schedule/preview')
  async preview(@Caller() caller: RequestContext, @Param('jobId') jobId: string, @Query('count') countParam: unknown): Promise<SchedulePreviewResponse> {
    const count = parseIntegerQuery('count', countParam, 10, 1, 100);
    const row = await this.queries.findJob(caller.organizationId, jobId);
    if (!row) throw notFound(`Job ${jobId} not found`);
    if (row.trigger_type !== 'cron' || !row.cron_schedule) throw badRequest(`Job ${jobId} has no cron schedule (trigger_type is '${row.trigger_type}')`);
    const timeZone = row.cron_timezone ?? 'UTC';
    const policy = schedulePolicyOf(row.config);
    const slots = nextCronSlots(row.cron_schedule, timeZone, new Date(), count, row.id);
    return {
      job_id: row.id,
      cron_schedule: row.cron_schedule,
      cron_timezone: timeZone,
      enabled: row.enabled,
      next_execution_at: row.next_execution_at ? row.next_execution_at.toISOString() : null,
      concurrency_policy: policy.concurrencyPolicy,
      catchup_window_seconds: policy.catchupWindowSeconds,
      slots: slots.map((slot) => ({ at: slot.toISOString(), local: localIsoString(slot.getTime(), timeZone) })),
    };
  }
}
