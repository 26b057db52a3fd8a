import { Controller, Get, Param, Query } from '@nestjs/common';
import { EXECUTION_STATUSES, notFound, type ExecutionResponse, type RequestContext } from '@cp/contracts';
import { ExecutionQueries, toExecutionResponse } from '@cp/read-model';
import { Caller } from '../auth/auth.guard';
import { parseEnumQuery, parseIntegerQuery } from '../validation/query-params';

/** The generic executions API the Go CLI follows: GET /api/v1/executions and /api/v1/executions/{id}. */
@Controller('api/v1/executions')
export class ExecutionsController {
  constructor(private readonly executions: ExecutionQueries) {}

  /** Organization-wide, newest first; a plain array (the CLI decodes one). */
  @Get()
  async list(
    @Caller() caller: RequestContext,
    @Query('job_id') jobId: unknown,
    @Query('status') status: unknown,
    @Query('limit') limit: unknown,
    @Query('offset') offset: unknown,
  ): Promise<ExecutionResponse[]> {
    const rows = await this.executions.listExecutions(caller.organizationId, {
      jobId: typeof jobId === 'string' && jobId !== '' ? jobId : undefined,
      status: parseEnumQuery('status', typeof status === 'string' ? status.toLowerCase() : status, EXECUTION_STATUSES),
      limit: parseIntegerQuery('limit', limit, 50, 1, 1000),
      offset: parseIntegerQuery('offset', offset, 0, 0, Number.MAX_SAFE_INTEGER),
    });
    return rows.map(toExecutionResponse);
  }

  /** One object with both `id` and `execution_id`; another organization's execution is a 404. */
  @Get(':executionId')
  async get(@Caller() caller: RequestContext, @Param('executionId') executionId: string): Promise<ExecutionResponse> {
    const row = await this.executions.findExecution(caller.organizationId, executionId);
    if (!row) throw notFound(`Execution ${executionId} not found`);
    return toExecutionResponse(row);
  }
}
