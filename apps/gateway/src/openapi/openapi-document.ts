import { JOB_COMPONENT_SCHEMAS, REGISTRY_COMPONENT_SCHEMAS } from '@cp/contracts';

const json = (ref: string) => ({ content: { 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } } });
const validationError = { '422': { description: 'Validation Error', ...json('HTTPValidationError') } };
const jobIdParam = { name: 'job_id', in: 'path', required: true, schema: { type: 'string', title: 'Job Id' } };
const pathParam = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } });
const queryParam = (name: string, schema: Record<string, unknown>) => ({ name, in: 'query', required: false, schema });
const anyJson = (description: string) => ({ description, content: { 'application/json': { schema: { type: 'object', additionalProperties: true } } } });
const ok = (description = 'Successful Response') => ({ '200': anyJson(description) });

/** CRUD paths of one registry kind (agents, teams, workflows). */
function registryPaths(plural: string, kind: string) {
  const idParam = pathParam(`${kind.toLowerCase()}_id`);
  const tag = [plural];
  return {
    [`/api/v1/${plural}`]: {
      get: { summary: `List ${plural}`, tags: tag, parameters: [queryParam('limit', { type: 'integer' }), queryParam('offset', { type: 'integer' })], responses: { '200': { description: 'Successful Response', content: { 'application/json': { schema: { type: 'array', items: { $ref: `#/components/schemas/${kind}Response` } } } } } } },
      post: { summary: `Create ${kind}`, tags: tag, requestBody: { required: true, ...json(`${kind}Create`) }, responses: { '201': { description: 'Created', ...json(`${kind}Response`) }, ...validationError } },
    },
    [`/api/v1/${plural}/{${kind.toLowerCase()}_id}`]: {
      get: { summary: `Get ${kind}`, tags: tag, parameters: [idParam], responses: { '200': { description: 'Successful Response', ...json(`${kind}Response`) } } },
      patch: { summary: `Update ${kind}`, tags: tag, parameters: [idParam], requestBody: { required: true, ...json(`${kind}Update`) }, responses: { '200': { description: 'Successful Response', ...json(`${kind}Response`) }, ...validationError } },
      delete: { summary: `Delete ${kind}`, tags: tag, parameters: [idParam], responses: { '204': { description: 'Deleted' } } },
    },
  };
}

/** OpenAPI 3.1 of the Jobs API; the component schemas are the very objects the gateway validates with. */
export function openApiDocument() {
  return {
    openapi: '3.1.0',
    info: { title: 'Job Control Plane API', description: 'Event-sourced jobs: cron, webhook and manual triggers with full audit history', version: '1.0.0' },
    security: [{ BearerAuth: [] }],
    paths: {
      '/api/v1/jobs': {
        get: {
          summary: 'List Jobs', operationId: 'list_jobs_api_v1_jobs_get', tags: ['jobs'],
          parameters: [
            { name: 'enabled', in: 'query', required: false, schema: { anyOf: [{ type: 'boolean' }, { type: 'null' }], title: 'Enabled' } },
            { name: 'trigger_type', in: 'query', required: false, schema: { anyOf: [{ type: 'string' }, { type: 'null' }], title: 'Trigger Type' } },
          ],
          responses: { '200': { description: 'Successful Response', content: { 'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/JobResponse' } } } } }, ...validationError },
        },
        post: {
          summary: 'Create Job', operationId: 'create_job_api_v1_jobs_post', tags: ['jobs'],
          requestBody: { required: true, ...json('JobCreate') },
          responses: { '201': { description: 'Successful Response', ...json('JobResponse') }, ...validationError },
        },
      },
      '/api/v1/jobs/{job_id}': {
        get: { summary: 'Get Job', operationId: 'get_job_api_v1_jobs__job_id__get', tags: ['jobs'], parameters: [jobIdParam], responses: { '200': { description: 'Successful Response', ...json('JobResponse') }, ...validationError } },
        patch: { summary: 'Update Job', operationId: 'update_job_api_v1_jobs__job_id__patch', tags: ['jobs'], parameters: [jobIdParam], requestBody: { required: true, ...json('JobUpdate') }, responses: { '200': { description: 'Successful Response', ...json('JobResponse') }, ...validationError } },
        delete: { summary: 'Delete Job', operationId: 'delete_job_api_v1_jobs__job_id__delete', tags: ['jobs'], parameters: [jobIdParam], responses: { '204': { description: 'Successful Response' }, ...validationError } },
      },
      '/api/v1/jobs/{job_id}/enable': { post: { summary: 'Enable Job', operationId: 'enable_job_api_v1_jobs__job_id__enable_post', tags: ['jobs'], parameters: [jobIdParam], responses: { '200': { description: 'Successful Response', ...json('JobResponse') }, ...validationError } } },
      '/api/v1/jobs/{job_id}/disable': { post: { summary: 'Disable Job', operationId: 'disable_job_api_v1_jobs__job_id__disable_post', tags: ['jobs'], parameters: [jobIdParam], responses: { '200': { description: 'Successful Response', ...json('JobResponse') }, ...validationError } } },
      '/api/v1/jobs/{job_id}/executions': { get: { summary: 'Get Job Executions', tags: ['jobs'], parameters: [jobIdParam, queryParam('limit', { type: 'integer', default: 50 }), queryParam('offset', { type: 'integer', default: 0 })], responses: ok('{job_id, total_count, total, executions[]} newest first') } },
      '/api/v1/jobs/{job_id}/executions/{execution_id}/cancel': { post: { summary: 'Cancel Execution', tags: ['executions'], parameters: [jobIdParam, pathParam('execution_id')], responses: { ...ok('The execution'), '409': { description: 'Already finished' } } } },
      '/api/v1/jobs/{job_id}/schedule/preview': { get: { summary: 'Preview Cron Slots', tags: ['jobs'], parameters: [jobIdParam, queryParam('count', { type: 'integer', default: 10 })], responses: ok('The next slots in the job time zone') } },
      '/api/v1/jobs/{job_id}/webhook/rotate-secret': { post: { summary: 'Rotate Webhook Secret', tags: ['jobs'], parameters: [jobIdParam], responses: ok('The new secret, shown once; the old one keeps working for the grace period') } },
      '/api/v1/jobs/webhook/{webhook_path}': { post: { summary: 'Trigger Job via Webhook', tags: ['jobs'], security: [], parameters: [pathParam('webhook_path'), { name: 'X-Webhook-Signature', in: 'header', required: true, schema: { type: 'string' }, description: 'lowercase hex HMAC-SHA256(webhook_secret, raw body)' }], requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', properties: { parameters: { type: 'object' }, config_override: { type: 'object' }, metadata: { type: 'object' } } } } } }, responses: { '200': { description: 'Successful Response', ...json('JobTriggerResponse') }, '400': { description: 'Job is disabled' }, '401': { description: 'Missing or invalid signature' }, '404': { description: 'Webhook not found' }, '413': { description: 'Body over 1 MiB' }, '429': { description: 'Rate limited (Retry-After)' } } } },
      '/api/v1/jobs/{job_id}/events': { get: { summary: 'Job Event Stream (audit)', tags: ['audit'], parameters: [jobIdParam, queryParam('from_revision', { type: 'integer', default: 0 }), queryParam('limit', { type: 'integer', default: 100 }), queryParam('as_of', { type: 'string', format: 'date-time' })], responses: ok('{stream_id, events[], next_revision}') } },
      '/api/v1/jobs/{job_id}/events/verify': { get: { summary: 'Verify Job Event Hash Chain', tags: ['audit'], parameters: [jobIdParam], responses: ok('{intact, checked, first_broken_revision, reason}') } },
      '/api/v1/executions': { get: { summary: 'List Executions', tags: ['executions'], parameters: [queryParam('job_id', { type: 'string' }), queryParam('status', { type: 'string' })], responses: ok('Array of executions') } },
      '/api/v1/executions/{execution_id}': { get: { summary: 'Get Execution', tags: ['executions'], parameters: [pathParam('execution_id')], responses: ok('The execution') } },
      '/api/v1/executions/{execution_id}/logs': { get: { summary: 'Execution Logs', tags: ['executions'], parameters: [pathParam('execution_id'), queryParam('after', { type: 'integer' }), queryParam('limit', { type: 'integer' })], responses: ok('{execution_id, status, lines[], next_after, has_more}') } },
      '/api/v1/executions/{execution_id}/stream': { get: { summary: 'Execution Live Stream (SSE)', tags: ['executions'], parameters: [pathParam('execution_id'), { name: 'Last-Event-ID', in: 'header', required: false, schema: { type: 'string' } }], responses: { '200': { description: 'text/event-stream: connected, status, chunk (log line), complete | error', content: { 'text/event-stream': { schema: { type: 'string' } } } } } } },
      '/api/v1/executions/{execution_id}/events': { get: { summary: 'Execution Event Stream (audit)', tags: ['audit'], parameters: [pathParam('execution_id')], responses: ok('{stream_id, events[], cause}') } },
      ...registryPaths('agents', 'Agent'),
      ...registryPaths('teams', 'Team'),
      ...registryPaths('workflows', 'Workflow'),
      '/health': { get: { summary: 'Readiness per dependency', tags: ['health'], security: [], responses: { ...ok('All dependencies up'), '503': anyJson('A dependency is down') } } },
      '/api/v1/jobs/{job_id}/trigger': { post: { summary: 'Trigger Job', operationId: 'trigger_job_api_v1_jobs__job_id__trigger_post', tags: ['jobs'], parameters: [jobIdParam], requestBody: { required: true, ...json('JobTriggerRequest') }, responses: { '200': { description: 'Successful Response', ...json('JobTriggerResponse') }, ...validationError } } },
    },
    components: {
      schemas: { ...JOB_COMPONENT_SCHEMAS, ...REGISTRY_COMPONENT_SCHEMAS },
      securitySchemes: { BearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Bearer <token> (UserKey <token> is accepted too)' } },
    },
  };
}
