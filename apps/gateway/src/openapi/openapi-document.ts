import { JOB_COMPONENT_SCHEMAS } from '@cp/contracts';

const json = (ref: string) => ({ content: { 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } } });
const validationError = { '422': { description: 'Validation Error', ...json('HTTPValidationError') } };
const jobIdParam = { name: 'job_id', in: 'path', required: true, schema: { type: 'string', title: 'Job Id' } };

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
      '/api/v1/jobs/{job_id}/trigger': { post: { summary: 'Trigger Job', operationId: 'trigger_job_api_v1_jobs__job_id__trigger_post', tags: ['jobs'], parameters: [jobIdParam], requestBody: { required: true, ...json('JobTriggerRequest') }, responses: { '200': { description: 'Successful Response', ...json('JobTriggerResponse') }, ...validationError } } },
    },
    components: {
      schemas: JOB_COMPONENT_SCHEMAS,
      securitySchemes: { BearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Bearer <token> (UserKey <token> is accepted too)' } },
    },
  };
}
