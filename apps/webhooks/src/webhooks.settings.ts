import { readPositiveInteger } from '@cp/config';
/**
 * Settings of the webhooks service, read and validated once at start-up (STYLE.md rule 10).
 * The shared ones (database, NATS, ports, secrets key) come from loadConfig() in @cp/config.
 */
export type WebhooksSettings = {
  /** Per-job limit when the job's config has no `webhook_rate_limit_per_minute`. */
  defaultRateLimitPerMinute: number;
  /** Standard Webhooks replay window: |now - webhook-timestamp| must not exceed this. */
  timestampToleranceSeconds: number;
  /** How long a delivery waits for the jobs service to start the execution. */
  triggerTimeoutMs: number;
  /**
   * Largest JSON size of parameters + config_override + metadata. They are copied several times into the
   * ExecutionRequested event (parameters, trigger_metadata, rendered prompt), which must still fit in one NATS
   * message for the command and the event relay: max_payload / 8 (128 KiB with the default 1 MiB).
   */
  maxPayloadFieldsBytes: number;
  /** How long a webhook job stays cached at most; any change to the job evicts it at once (job events). */
  jobCacheTtlMs: number;
};

export const WEBHOOKS_SETTINGS = Symbol('WEBHOOKS_SETTINGS');

export const payloadFieldsBudget = (natsMaxPayload: number): number => Math.floor(natsMaxPayload / 8);

export function loadWebhooksSettings(natsMaxPayload: number, env: NodeJS.ProcessEnv = process.env): WebhooksSettings {
  const problems: string[] = [];
  const settings = {
    defaultRateLimitPerMinute: readPositiveInteger(env, 'WEBHOOK_RATE_LIMIT_PER_MINUTE', 60, problems),
    timestampToleranceSeconds: readPositiveInteger(env, 'WEBHOOK_TIMESTAMP_TOLERANCE_SECONDS', 300, problems),
    triggerTimeoutMs: readPositiveInteger(env, 'WEBHOOK_TRIGGER_TIMEOUT_MS', 10_000, problems),
    maxPayloadFieldsBytes: payloadFieldsBudget(natsMaxPayload),
    jobCacheTtlMs: readPositiveInteger(env, 'WEBHOOK_JOB_CACHE_TTL_MS', 10_000, problems),
  };
  if (problems.length > 0) throw new Error(`Invalid webhooks configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return settings;
}

/** The job's own limit (`config.webhook_rate_limit_per_minute`, a positive integer) or the default. */
export function rateLimitFor(config: Record<string, unknown>, fallback: number): number {
  const value = config.webhook_rate_limit_per_minute;
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : fallback;
}
