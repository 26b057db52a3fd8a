import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { notFound, type ExecutionResponse, type JobExecutionsResponse, type RequestContext } from '@cp/contracts';
import { ExecutionQueries, JobQueries, toExecutionResponse, toJobExecutionItem } from '@cp/read-model';
import { Caller } from '../auth/auth.guard';
import { parseIntegerQuery } from '../validation/query-params';
import { ExecutorCommandsClient } from './executor-commands.client';

/** Seed 001 get_executions and cancel, under /api/v1/jobs/{job_id}/executions. */
@Controller('api/v1/jobs')
export class JobExecutionsController {
  constructor(private readonly jobs: JobQueries, private readonly executions: ExecutionQueries, private readonly executor: ExecutorCommandsClient) {}

  /** Newest first; `total` repeats `total_count` because the Go CLI reads `total`. */
  @Get(':jobId/executions')
  async list(@Caller() caller: RequestContext, @Param('jobId') jobId: string, @Query('limit') limit: unknown, @Query('offset') offset: unknown): Promise<JobExecutionsResponse> {
    const page = { limit: parseIntegerQuery('limit', limit, 50, 1, 1000), offset: parseIntegerQuery('offset', offset, 0, 0, Number.MAX_SAFE_INTEGER) };
    if (!(await this.jobs.findJob(caller.organizationId, jobId))) throw notFound(`Job ${jobId} not found`);
    const { total, rows } = await this.executions.listJobExecutions(caller.organizationId, jobId, page);
    return { job_id: jobId, total_count: total, total, executions: rows.map(toJobExecutionItem) };
  }

  @Post(':jobId/executions/:executionId/cancel')
  @HttpCode(200)
  async cancel(@Caller() caller: RequestContext, @Param('jobId') jobId: string, @Param('executionId') executionId: string, @Body() body: unknown): Promise<ExecutionResponse> {
    const reason = typeof body === 'object' && body !== null && typeof (body as { reason?: unknown }).reason === 'string' ? (body as { reason: string }).reason : null;
    await this.executor.cancel({ context: caller, job_id: jobId, execution_id: executionId, reason });
    const row = await this.executions.findExecution(caller.organizationId, executionId);
    if (!row) throw notFound(`Execution ${executionId} not found`);
    return toExecutionResponse(row);
  }
}
