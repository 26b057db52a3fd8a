import { AuditApi } from './audit.api';
import { resolveClientOptions, type ControlPlaneClientOptions } from './client-options';
import { ExecutionsApi } from './executions.api';
import { HttpTransport } from './http-transport';
import { JobsApi } from './jobs.api';

/**
 * The TypeScript counterpart of the Python SDK's `ControlPlaneClient` (seed 001):
 * `new ControlPlaneClient()` reads CONTROL_PLANE_URL and CONTROL_PLANE_API_KEY.
 */
export class ControlPlaneClient {
  readonly jobs: JobsApi;
  readonly executions: ExecutionsApi;
  readonly audit: AuditApi;
  readonly baseUrl: string;

  constructor(options: ControlPlaneClientOptions = {}) {
    const http = new HttpTransport(resolveClientOptions(options));
    this.baseUrl = http.options.baseUrl;
    this.jobs = new JobsApi(http);
    this.executions = new ExecutionsApi(http);
    this.audit = new AuditApi(http);
  }
}
