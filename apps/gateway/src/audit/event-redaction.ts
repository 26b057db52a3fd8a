import { REDACTED } from '@cp/contracts';

/**
 * Keys whose value is a credential wherever they appear: webhook secrets (encrypted or not), execution_environment
 * secrets, encrypted API keys, passwords, authorization headers, and the webhook token (the last segment of
 * webhook_url, which alone lets anyone deliver to the job; `webhook_path` in trigger metadata holds it too).
 */
const SENSITIVE_KEY = /secret|password|passwd|authorization|api_?key|_encrypted$|^token$|_token$|^webhook_path$/i;

/** A deep copy of event data with every sensitive value replaced by "[redacted]" (null and absent stay as they are). */
export function redactEventData(data: Record<string, unknown>): Record<string, unknown> {
  return redactObject(data);
}

function redactObject(object: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) {
    copy[key] = SENSITIVE_KEY.test(key) && value !== null && value !== undefined ? REDACTED : redactValue(value);
  }
  return copy;
}

function redactValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactValue);
  if (value !== null && typeof value === 'object') return redactObject(value as Record<string, unknown>);
  return value;
}
