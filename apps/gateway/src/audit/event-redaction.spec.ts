import { REDACTED } from '@cp/contracts';
import { redactEventData } from './event-redaction';

describe('redacting event data for the audit API', () => {
  it('hides the webhook token and the encrypted secret of JobCreated', () => {
    const data = { job_id: 'job_1', definition: { name: 'n' }, webhook: { token: 'tok-123', secret_encrypted: 'v1.a.b.c' } };
    expect(redactEventData(data)).toEqual({ job_id: 'job_1', definition: { name: 'n' }, webhook: { token: REDACTED, secret_encrypted: REDACTED } });
  });

  it('hides both secrets of WebhookSecretRotated but keeps the grace period', () => {
    const data = { job_id: 'j', secret_encrypted: 'new', previous_secret_encrypted: 'old', previous_valid_until: '2025-01-01T00:00:00.000Z' };
    expect(redactEventData(data)).toEqual({ job_id: 'j', secret_encrypted: REDACTED, previous_secret_encrypted: REDACTED, previous_valid_until: '2025-01-01T00:00:00.000Z' });
  });

  it('hides execution_environment secrets and secret-looking env vars at any depth, in arrays too', () => {
    const data = { changes: { execution_environment: { env_vars: { REGION: 'eu', DB_PASSWORD: 'p', API_KEY: 'k' }, secrets: ['vault/db'], integration_ids: [] } }, list: [{ client_secret: 's' }] };
    expect(redactEventData(data)).toEqual({
      changes: { execution_environment: { env_vars: { REGION: 'eu', DB_PASSWORD: REDACTED, API_KEY: REDACTED }, secrets: REDACTED, integration_ids: [] } },
      list: [{ client_secret: REDACTED }],
    });
  });

  it('hides the webhook token kept in a webhook execution trigger metadata and API keys of agents', () => {
    const data = { trigger_metadata: { webhook_path: 'tok', delivery_id: 'd-1' }, runtime: { type: 'openai', api_key_encrypted: 'v1.x', model: 'm' } };
    expect(redactEventData(data)).toEqual({ trigger_metadata: { webhook_path: REDACTED, delivery_id: 'd-1' }, runtime: { type: 'openai', api_key_encrypted: REDACTED, model: 'm' } });
  });

  it('keeps null credentials visible as null, and leaves ordinary fields such as max_tokens alone', () => {
    expect(redactEventData({ webhook: null, config: { max_tokens: 5 } })).toEqual({ webhook: null, config: { max_tokens: 5 } });
  });

  it('does not modify the event it was given', () => {
    const data = { webhook: { token: 't', secret_encrypted: 's' } };
    redactEventData(data);
    expect(data.webhook.token).toBe('t');
  });
});
