import { Controller, Get, Param, Query } from '@nestjs/common';
import { executionStreamId, notFound, type ExecutionAuditResponse, type ExecutionRequested, type RecordedEvent, type RequestContext } from '@cp/contracts';
import { Caller } from '../auth/auth.guard';
import { parseAuditPageQuery } from './audit-query';
import { AuditStreamReader } from './audit-stream.reader';
import { ExecutionCauseService } from './execution-cause.service';

type PageQuery = { from_revision?: unknown; limit?: unknown; as_of?: unknown };

/** Issue 8: an execution's event stream with the chain of what caused it. */
@Controller('api/v1/executions')
export class ExecutionAuditController {
  constructor(
    private readonly streams: AuditStreamReader,
    private readonly causes: ExecutionCauseService,
  ) {}

  @Get(':executionId/events')
  async events(@Caller() caller: RequestContext, @Param('executionId') executionId: string, @Query() query: PageQuery): Promise<ExecutionAuditResponse> {
    const page = parseAuditPageQuery(query);
    const streamId = executionStreamId(executionId);
    const first = await this.streams.firstEvent(streamId, caller.organizationId, page.asOf);
    if (!first || first.type !== 'ExecutionRequested') {
      throw notFound(page.asOf ? `Execution ${executionId} not found as of ${page.asOf.toISOString()}` : `Execution ${executionId} not found`);
    }
    const requested = first as unknown as RecordedEvent<ExecutionRequested>;
    const [events, cause] = await Promise.all([this.streams.page(streamId, page), this.causes.causeOf(requested)]);
    return { ...events, execution_id: executionId, job_id: requested.data.job_id, cause };
  }
}
