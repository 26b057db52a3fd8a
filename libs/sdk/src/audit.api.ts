import type { HttpTransport } from './http-transport';
import type { AuditEventsOptions, AuditEventsPage } from './types';

/** `client.audit`: a job's recorded event stream, paginated by revision (issue 8). */
export class AuditApi {
  constructor(private readonly http: HttpTransport) {}

  async events(jobId: string, options: AuditEventsOptions = {}): Promise<AuditEventsPage> {
    const asOf = options.asOf instanceof Date ? options.asOf.toISOString() : options.asOf;
    const query = { from_revision: options.fromRevision, limit: options.limit, as_of: asOf };
    const body = await this.http.json<AuditEventsPage | AuditEventsPage['events']>({ method: 'GET', path: `/api/v1/jobs/${encodeURIComponent(jobId)}/events`, query });
    return Array.isArray(body) ? { job_id: jobId, events: body } : body;
  }
}
