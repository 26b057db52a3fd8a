import { Inject, Injectable } from '@nestjs/common';
import { jobStreamId, notFound, type JobResponse, type RequestContext } from '@cp/contracts';
import { JobAsOfReader, toJobResponse } from '@cp/read-model';
import { parseAsOf } from './audit-query';
import { AuditStreamReader } from './audit-stream.reader';

/** `GET /api/v1/jobs/{job_id}?as_of=`: the JobResponse rebuilt from the events recorded up to that instant. */
@Injectable()
export class JobAsOfService {
  constructor(
    @Inject(JobAsOfReader) private readonly reader: JobAsOfReader,
    private readonly streams: AuditStreamReader,
  ) {}

  async jobAsOf(caller: RequestContext, jobId: string, rawAsOf: unknown, publicBaseUrl: string): Promise<JobResponse> {
    const asOf = parseAsOf(rawAsOf);
    if (!asOf) throw new Error('jobAsOf needs an as_of instant');
    const at = asOf.toISOString();
    // Organization check first: nobody can make the gateway replay another organization's job.
    if (!(await this.streams.firstEvent(jobStreamId(jobId), caller.organizationId, asOf))) throw notFound(`Job ${jobId} not found as of ${at}`);
    const result = await this.reader.read(jobId, asOf);
    if (!result) throw notFound(`Job ${jobId} not found as of ${at}`);
    if (result.row.deleted_at) throw notFound(`Job ${jobId} was deleted at ${result.row.deleted_at.toISOString()}, before ${at}`);
    return toJobResponse(result.row, publicBaseUrl);
  }
}
