import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted at every depth and no whitespace, so the same value always hashes the same,
 * whatever key order jsonb hands back.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)) ?? 'null';
}

function sortKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  const withToJson = value as { toJSON?: () => unknown };
  if (typeof withToJson.toJSON === 'function') return sortKeys(withToJson.toJSON());
  if (Array.isArray(value)) return value.map(sortKeys);
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
  return sorted;
}

const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export function eventDataHash(event: { type: string; data: unknown; metadata: unknown }): string {
  return sha256Hex(canonicalJson({ type: event.type, data: event.data, metadata: event.metadata }));
}

/** `previousChainHash` is the chain hash of the stream's previous event, or '' for its first event. */
export function eventChainHash(previousChainHash: string, dataHash: string): string {
  return sha256Hex(previousChainHash + dataHash);
}
