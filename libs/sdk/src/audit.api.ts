import type { HttpTransport } from './http-transport';
import type { AuditEventsOptions, AuditEventsResponse, ExecutionAuditResponse, JobResponse, StreamVerificationResponse } from './types';

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

  /** Every event of a job (all pages), up to `asOf` when given. */
  async allEvents(jobId: string, options: Omit<AuditEventsOptions, 'limit'> = {}): Promise<AuditEventsResponse> {
    const first = await this.events(jobId, { ...options, limit: 1000 });
    const events = [...first.events];
    let next = first.next_revision;
    while (next !== null) {
      const page = await this.events(jobId, { ...options, fromRevision: next, limit: 1000 });
      events.push(...page.events);
      next = page.next_revision;
    }
    return { stream_id: first.stream_id, events, next_revision: null };
  }

  /** The job as it was at `asOf`, rebuilt from its events (a deleted job too, before its deletion). */
  jobAsOf(jobId: string, asOf: string | Date): Promise<JobResponse> {
    return this.http.json({ method: 'GET', path: `/api/v1/jobs/${encodeURIComponent(jobId)}`, query: { as_of: asOfParam(asOf) } });
  }

  /** Whether the job's hash chain is intact, and where it breaks. */
  verify(jobId: string): Promise<StreamVerificationResponse> {
    return this.http.json({ method: 'GET', path: `/api/v1/jobs/${encodeURIComponent(jobId)}/events/verify` });
  }
}
