import type { EventMetadata } from '@cp/contracts';
import { currentSchemaVersion, storedSchemaVersion, upcastEvent } from './upcasting';

const metadata = (schemaVersion: number, occurredAt = '2025-03-01T12:00:00.000Z'): EventMetadata => ({
  organizationId: 'org-1', actor: { id: 'user-1', email: null }, correlationId: 'c-1', causationId: null, schemaVersion, occurredAt,
});
const rotatedV1 = { type: 'WebhookSecretRotated', data: { job_id: 'job_1', secret_encrypted: 'new', previous_secret_encrypted: 'old', previous_valid_until: '2025-03-01T13:30:00.000Z' }, metadata: metadata(1) };

describe('upcasting events to their current schema version', () => {
  it('writes WebhookSecretRotated at version 2 and every type without an upcaster at version 1', () => {
    expect(currentSchemaVersion('WebhookSecretRotated')).toBe(2);
    expect(currentSchemaVersion('JobCreated')).toBe(1);
  });

  it('given a v1 WebhookSecretRotated, when read, then it has the grace period its rotation asked for', () => {
    const read = upcastEvent(rotatedV1);
    expect(read.data).toEqual({ ...rotatedV1.data, grace_period_seconds: 5400 });
    expect(read.metadata.schemaVersion).toBe(2);
    expect(storedSchemaVersion(read)).toBe(1);
  });

  it('given a v1 rotation with no grace period, when read, then the grace period is 0', () => {
    const read = upcastEvent({ ...rotatedV1, data: { ...rotatedV1.data, previous_valid_until: '2025-03-01T12:00:00.000Z' } });
    expect((read.data as Record<string, unknown>).grace_period_seconds).toBe(0);
  });

  it('given a v2 event, when read, then it is returned as stored', () => {
    const v2 = { ...rotatedV1, data: { ...rotatedV1.data, grace_period_seconds: 60 }, metadata: metadata(2) };
    expect(upcastEvent(v2)).toBe(v2);
    expect(storedSchemaVersion(v2)).toBeNull();
  });

  it('leaves events of types without an upcaster untouched', () => {
    const created = { type: 'JobCreated', data: { job_id: 'job_1' }, metadata: metadata(1) };
    expect(upcastEvent(created)).toBe(created);
  });

  it('does not modify the stored event', () => {
    upcastEvent(rotatedV1);
    expect(rotatedV1.data).not.toHaveProperty('grace_period_seconds');
    expect(rotatedV1.metadata.schemaVersion).toBe(1);
  });
});
