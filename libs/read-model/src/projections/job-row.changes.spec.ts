import type { JobCreated, JobEvent, RecordedEvent } from '@cp/contracts';
import { aDefinition, alice, bob } from '../testing/job-events.fixture';
import { jobRowChanges, jobRowFromCreated } from './job-row.changes';
import type { JobChangeEvent } from './job-row.changes';

const ORG = 'org-1';
const JOB = 'job_00000000-0000-4000-8000-000000000001';

function recorded<E extends JobEvent>(event: E, revision: number, occurredAt: string, actor = alice): RecordedEvent<E> {
  return {
    ...event,
    id: `event-${revision}`,
    streamId: `job-${JOB}`,
    revision,
    position: String(revision + 1),
    recordedAt: occurredAt,
    metadata: { organizationId: ORG, actor, correlationId: 'c', causationId: null, schemaVersion: 1, occurredAt },
  };
}

describe('job rows from job events', () => {
  it('JobCreated gives a row with the definition, zero counters and the creator as both creator and updater', () => {
    const created: JobCreated = { type: 'JobCreated', data: { job_id: JOB, organization_id: ORG, definition: aDefinition({ enabled: false }), webhook: null } };
    const row = jobRowFromCreated(recorded(created, 0, '2025-01-02T03:04:05.678Z'));
    expect(row).toMatchObject({
      id: JOB,
      organization_id: ORG,
      name: 'Nightly report',
      enabled: false,
      status: 'disabled',
      total_executions: 0,
      successful_executions: 0,
      failed_executions: 0,
      execution_history: [],
      created_by: 'user-alice',
      updated_by_email: 'alice@example.com',
      next_execution_at: null,
      webhook_token: null,
      deleted_at: null,
      stream_revision: 0,
    });
    expect(row.created_at.toISOString()).toBe('2025-01-02T03:04:05.678Z');
    expect(row.updated_at).toEqual(row.created_at);
  });

  it('JobCreated with webhook credentials keeps the token and only the encrypted secret', () => {
    const created: JobCreated = { type: 'JobCreated', data: { job_id: JOB, organization_id: ORG, definition: aDefinition({ trigger_type: 'webhook' }), webhook: { token: 'tok', secret_encrypted: 'enc' } } };
    const row = jobRowFromCreated(recorded(created, 0, '2025-01-02T00:00:00.000Z'));
    expect(row).toMatchObject({ webhook_token: 'tok', webhook_secret_encrypted: 'enc' });
    expect(Object.keys(row)).not.toContain('webhook_secret');
  });

  it('JobUpdated changes only the given fields, derives status from enabled and records the updater', () => {
    const updated: JobChangeEvent = recorded({ type: 'JobUpdated', data: { job_id: JOB, changes: { name: 'Renamed', enabled: false } } }, 1, '2025-02-01T00:00:00.000Z', bob);
    expect(jobRowChanges(updated)).toEqual({ name: 'Renamed', enabled: false, status: 'disabled', updated_by: 'user-bob', updated_by_email: null, updated_at: new Date('2025-02-01T00:00:00.000Z') });
  });

  it('JobUpdated with webhook null retires the token and every secret', () => {
    const updated: JobChangeEvent = recorded({ type: 'JobUpdated', data: { job_id: JOB, changes: { trigger_type: 'manual' }, webhook: null } }, 2, '2025-02-01T00:00:00.000Z');
    expect(jobRowChanges(updated)).toMatchObject({ trigger_type: 'manual', webhook_token: null, webhook_secret_encrypted: null, previous_webhook_secret_encrypted: null, previous_webhook_secret_valid_until: null });
  });

  it('JobUpdated ignores keys that are not definition fields', () => {
    const updated = recorded({ type: 'JobUpdated', data: { job_id: JOB, changes: { name: 'x', id: 'evil', stream_revision: 99 } as never } }, 1, '2025-02-01T00:00:00.000Z');
    expect(Object.keys(jobRowChanges(updated)).sort()).toEqual(['name', 'updated_at', 'updated_by', 'updated_by_email']);
  });

  it('JobEnabled and JobDisabled set enabled and status together', () => {
    expect(jobRowChanges(recorded({ type: 'JobEnabled', data: { job_id: JOB } }, 3, '2025-03-01T00:00:00.000Z'))).toMatchObject({ enabled: true, status: 'active' });
    expect(jobRowChanges(recorded({ type: 'JobDisabled', data: { job_id: JOB } }, 4, '2025-03-01T00:00:00.000Z'))).toMatchObject({ enabled: false, status: 'disabled' });
  });

  it('JobDeleted marks the row deleted and frees the webhook token', () => {
    expect(jobRowChanges(recorded({ type: 'JobDeleted', data: { job_id: JOB } }, 5, '2025-04-01T00:00:00.000Z'))).toMatchObject({ deleted_at: new Date('2025-04-01T00:00:00.000Z'), webhook_token: null });
  });

  it('WebhookSecretRotated keeps the previous secret with its grace period', () => {
    const rotated = recorded({ type: 'WebhookSecretRotated', data: { job_id: JOB, secret_encrypted: 'new', previous_secret_encrypted: 'old', previous_valid_until: '2025-05-02T00:00:00.000Z', grace_period_seconds: 86_400 } }, 6, '2025-05-01T00:00:00.000Z');
    expect(jobRowChanges(rotated)).toMatchObject({ webhook_secret_encrypted: 'new', previous_webhook_secret_encrypted: 'old', previous_webhook_secret_valid_until: new Date('2025-05-02T00:00:00.000Z') });
  });
});
