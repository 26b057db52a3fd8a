import type { SecretBox } from '@cp/config';
import type { AgentRuntime, AgentRuntimeChange, AgentRuntimeInput } from '@cp/contracts';

/**
 * Seals the plain OpenAI key of an API request before it reaches an event (DESIGN.md §3: no secret in clear).
 * `undefined` (key not sent) stays undefined so an update keeps the stored key; null clears it.
 */
export function sealRuntimeChange(secretBox: SecretBox, runtime: AgentRuntimeInput): AgentRuntimeChange {
  if (runtime.type !== 'openai') return runtime;
  const { api_key_secret, ...rest } = runtime;
  if (api_key_secret === undefined) return rest;
  return { ...rest, api_key_encrypted: api_key_secret === null ? null : secretBox.encrypt(api_key_secret) };
}

export function sealRuntime(secretBox: SecretBox, runtime: AgentRuntimeInput): AgentRuntime {
  const sealed = sealRuntimeChange(secretBox, runtime);
  return sealed.type === 'openai' ? { ...sealed, api_key_encrypted: sealed.api_key_encrypted ?? null } : sealed;
}
