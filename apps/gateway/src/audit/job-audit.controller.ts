import { Controller, Get, Param, Query } from '@nestjs/common';
import { jobStreamId, notFound, type AuditEventsResponse, type RequestContext, type StreamVerificationResponse } from '@cp/contracts';
import { Caller } from '../auth/auth.guard';
import { parseAuditPageQuery } from './audit-query';
import { AuditStreamReader } from './audit-stream.reader';
import { StreamVerifierService } from './stream-verifier.service';

type PageQuery = { from_revision?: unknown; limit?: unknown; as_of?: unknown };

/** Issue 8: a job's event stream (deleted jobs included) and the check of its hash chain. */
@Controller('api/v1/jobs')
export class JobAuditController {
  constructor(
    private readonly streams: AuditStreamReader,
    private readonly verifier: StreamVerifierService,
  ) {}

  @Get(':jobId/events')
  async events(@Caller() caller: RequestContext, @Param('jobId') jobId: string, @Query() query: PageQuery): Promise<AuditEventsResponse> {
    const page = parseAuditPageQuery(query);
    await this.requireJob(caller, jobId, page.asOf);
    return this.streams.page(jobStreamId(jobId), page);
  }

  @Get(':jobId/events/verify')
  async verify(@Caller() caller: RequestContext, @Param('jobId') jobId: string): Promise<StreamVerificationResponse> {
    await this.requireJob(caller, jobId, null);
    return this.verifier.verifyJob(jobId);
  }

  private async requireJob(caller: RequestContext, jobId: string, asOf: Date | null): Promise<void> {
    if (!(await this.streams.firstEvent(jobStreamId(jobId), caller.organizationId, asOf))) {
      throw notFound(asOf ? `Job ${jobId} not found as of ${asOf.toISOString()}` : `Job ${jobId} not found`);
    }
  }
}
