import type { HttpTransport } from './http-transport';
import type { AuditEventsOptions, AuditEventsResponse, ExecutionAuditResponse, StreamVerificationResponse } from './types';

const asOfParam = (asOf: string | Date | undefined): string | undefined => (asOf instanceof Date ? asOf.toISOString() : asOf);
const pageQuery = (options: AuditEventsOptions) => ({ from_revision: options.fromRevision, limit: options.limit, as_of: asOfParam(options.asOf) });

/** `client.audit`: recorded event streams, paginated by revision, secrets redacted (issue 8). */
export class AuditApi {
  constructor(private readonly http: HttpTransport) {}

  /** One page of a job's events; pass `next_revision` as `fromRevision` for the next. */
  events(jobId: string, options: AuditEventsOptions = {}): Promise<AuditEventsResponse> {
    return this.http.json({ method: 'GET', path: `/api/v1/jobs/${encodeURIComponent(jobId)}/events`, query: pageQuery(options) });
  }

  /** One page of an execution's events, with what caused the run. */
  executionEvents(executionId: string, options: AuditEventsOptions = {}): Promise<ExecutionAuditResponse> {
    return this.http.json({ method: 'GET', path: `/api/v1/executions/${encodeURIComponent(executionId)}/events`, query: pageQuery(options) });
  }

  /** Whether the job's hash chain is intact, and where it breaks. */
  verify(jobId: string): Promise<StreamVerificationResponse> {
    return this.http.json({ method: 'GET', path: `/api/v1/jobs/${encodeURIComponent(jobId)}/events/verify` });
  }
}
