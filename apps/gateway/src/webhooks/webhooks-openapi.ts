/**
 * OpenAPI 3.1 path items of the webhook endpoints, to merge into openApiDocument().paths
 * (`...WEBHOOK_OPENAPI_PATHS`). The delivery route is public: `security: []`.
 */
const detail = (description: string) => ({ description, content: { 'application/json': { schema: { type: 'object', properties: { detail: {} } } } } });

export const WEBHOOK_OPENAPI_PATHS = {
  '/api/v1/jobs/webhook/{webhook_path}': {
    post: {
      summary: 'Trigger Webhook', operationId: 'trigger_webhook_api_v1_jobs_webhook__webhook_path__post', tags: ['jobs'], security: [],
      description:
        'Starts the job whose webhook_url ends in {webhook_path}. Sign the exact body bytes: X-Webhook-Signature = hex(HMAC-SHA256(webhook_secret, body)), ' +
        'or Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature: v1,<base64 HMAC of "id.timestamp.body">, 5-minute window). ' +
        'A repeated delivery id (webhook-id, X-Webhook-Delivery or Idempotency-Key) returns the first execution.',
      parameters: [
        { name: 'webhook_path', in: 'path', required: true, schema: { type: 'string', title: 'Webhook Path' } },
        { name: 'X-Webhook-Signature', in: 'header', required: false, schema: { type: 'string', pattern: '^(sha256=)?[0-9a-fA-F]{64}$' } },
        { name: 'webhook-id', in: 'header', required: false, schema: { type: 'string', maxLength: 255 } },
        { name: 'webhook-timestamp', in: 'header', required: false, schema: { type: 'string', pattern: '^[0-9]+$' } },
        { name: 'webhook-signature', in: 'header', required: false, schema: { type: 'string' } },
        { name: 'X-Webhook-Delivery', in: 'header', required: false, schema: { type: 'string', maxLength: 255 } },
        { name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 255 } },
      ],
      requestBody: {
        required: false,
        content: { 'application/json': { schema: { type: 'object', title: 'WebhookPayload', properties: {
          parameters: { type: 'object', additionalProperties: true, title: 'Parameters' },
          config_override: { anyOf: [{ type: 'object', additionalProperties: true }, { type: 'null' }], title: 'Config Override' },
          metadata: { type: 'object', additionalProperties: true, title: 'Metadata' },
        } } } },
      },
      responses: {
        '200': { description: 'Execution started (or, for a repeated delivery id, the first one; header Webhook-Duplicate: true)', content: { 'application/json': { schema: { $ref: '#/components/schemas/JobTriggerResponse' } } } },
        '400': detail('Job is disabled'),
        '401': detail('Missing X-Webhook-Signature header | Invalid webhook signature | timestamp outside the window'),
        '404': detail('Webhook not found'),
        '413': detail('Body over 1 MiB, or parameters + metadata too large for an execution'),
        '415': detail('Content type is not JSON'),
        '422': detail('Body is not JSON or has fields of the wrong type'),
        '429': detail('Per-job rate limit reached; see Retry-After'),
      },
    },
  },
  '/api/v1/jobs/{job_id}/webhook/rotate-secret': {
    post: {
      summary: 'Rotate Webhook Secret', operationId: 'rotate_webhook_secret_api_v1_jobs__job_id__webhook_rotate_secret_post', tags: ['jobs'],
      description: 'Returns a new webhook secret, shown only in this response. The previous secret keeps working for grace_period_seconds (default 86400).',
      parameters: [{ name: 'job_id', in: 'path', required: true, schema: { type: 'string', title: 'Job Id' } }],
      requestBody: { required: false, content: { 'application/json': { schema: { type: 'object', properties: { grace_period_seconds: { type: 'integer', minimum: 0, maximum: 2_592_000, default: 86_400 } } } } } },
      responses: {
        '200': { description: 'New secret', content: { 'application/json': { schema: { type: 'object', properties: {
          job_id: { type: 'string' }, webhook_url: { anyOf: [{ type: 'string' }, { type: 'null' }] }, webhook_secret: { type: 'string' }, previous_secret_valid_until: { type: 'string', format: 'date-time' },
        } } } } },
        '400': detail('The job has no webhook'),
        '404': detail('Job not found'),
        '422': detail('Invalid grace_period_seconds'),
      },
    },
  },
} as const;
