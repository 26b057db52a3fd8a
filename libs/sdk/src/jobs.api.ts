import type { HttpTransport } from './http-transport';
import { triggerWebhook } from './webhook-delivery';
import type {
  GetJobOptions,
  JobCreateInput,
  JobExecutionsResponse,
  JobResponse,
  JobTriggerResponse,
  JobUpdateInput,
  ListJobsOptions,
  PageOptions,
  TriggerOptions,
  WebhookAuth,
  WebhookPayload,
} from './types';

const JOBS = '/api/v1/jobs';
const jobPath = (jobId: string, suffix = ''): string => `${JOBS}/${encodeURIComponent(jobId)}${suffix}`;

/** `client.jobs`: the Python SDK's JobsService (seed 001), one method per endpoint. */
export class JobsApi {
  constructor(private readonly http: HttpTransport) {}

  list(options: ListJobsOptions = {}): Promise<JobResponse[]> {
    return this.http.json({ method: 'GET', path: JOBS, query: { enabled: options.enabled, trigger_type: options.triggerType } });
  }

  get(jobId: string, options: GetJobOptions = {}): Promise<JobResponse> {
    const asOf = options.asOf instanceof Date ? options.asOf.toISOString() : options.asOf;
    return this.http.json({ method: 'GET', path: jobPath(jobId), query: { as_of: asOf } });
  }

  /** For webhook jobs the answer carries `webhook_url` and the one-time `webhook_secret`. */
  create(job: JobCreateInput): Promise<JobResponse> {
    return this.http.json({ method: 'POST', path: JOBS, json: job });
  }

  update(jobId: string, patch: JobUpdateInput): Promise<JobResponse> {
    return this.http.json({ method: 'PATCH', path: jobPath(jobId), json: patch });
  }

  async delete(jobId: string): Promise<void> {
    await this.http.json({ method: 'DELETE', path: jobPath(jobId) });
  }

  trigger(jobId: string, options: TriggerOptions = {}): Promise<JobTriggerResponse> {
    const body: Record<string, unknown> = { parameters: options.parameters ?? {} };
    if (options.configOverride !== undefined) body.config_override = options.configOverride;
    return this.http.json({ method: 'POST', path: jobPath(jobId, '/trigger'), json: body });
  }

  enable(jobId: string): Promise<JobResponse> {
    return this.http.json({ method: 'POST', path: jobPath(jobId, '/enable'), json: {} });
  }

  disable(jobId: string): Promise<JobResponse> {
    return this.http.json({ method: 'POST', path: jobPath(jobId, '/disable'), json: {} });
  }

  getExecutions(jobId: string, options: PageOptions = {}): Promise<JobExecutionsResponse> {
    return this.http.json({ method: 'GET', path: jobPath(jobId, '/executions'), query: { limit: options.limit ?? 50, offset: options.offset ?? 0 } });
  }

  /**
   * POSTs a webhook delivery. `pathOrUrl` is the job's `webhook_url`, its path, or only the token (its last segment).
   * A payload object is serialised like Python's json.dumps; a string or bytes is sent unchanged. With `{secret}`
   * the SDK signs exactly the bytes it sends.
   */
  triggerWebhook(pathOrUrl: string, payload: WebhookPayload | string | Uint8Array, auth: WebhookAuth): Promise<JobTriggerResponse> {
    return triggerWebhook(this.http, pathOrUrl, payload, auth);
  }
}
