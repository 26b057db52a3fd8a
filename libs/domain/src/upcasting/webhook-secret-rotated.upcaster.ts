import type { Upcaster } from './upcaster';

/**
 * WebhookSecretRotated v1 -> v2: v2 adds `grace_period_seconds`, the grace period the rotation asked for, so the
 * audit trail shows it without date arithmetic. A v1 event only kept `previous_valid_until`, which the decider set
 * to the command's time plus the grace period; that time is the event's `occurredAt`, so the value is recovered exactly.
 */
export const webhookSecretRotatedV1ToV2: Upcaster = {
  type: 'WebhookSecretRotated',
  fromVersion: 1,
  upcast(data, metadata) {
    const validUntil = Date.parse(String(data.previous_valid_until));
    const rotatedAt = Date.parse(metadata.occurredAt);
    const grace = Number.isFinite(validUntil) && Number.isFinite(rotatedAt) ? Math.max(0, Math.round((validUntil - rotatedAt) / 1000)) : 0;
    return { ...data, grace_period_seconds: grace };
  },
};
