import { createHash } from 'node:crypto';

/** UUIDv5 (RFC 9562 §5.5): SHA-1 of namespace bytes + name, version and variant bits set. */
export function uuidV5(name: string, namespace: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  if (ns.length !== 16) throw new Error(`Not a UUID namespace: ${namespace}`);
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Namespace of webhook delivery execution ids (cron slots use another), so the two can never collide. */
export const WEBHOOK_DELIVERY_NAMESPACE = '3c1f9a52-6d0e-4b8e-9f3a-1f6c2d7e8b40';

/**
 * The execution a delivery starts: the same job and delivery id always give the same execution id, so a repeated
 * delivery finds the execution stream already there ("no stream" append) and starts nothing new (DESIGN.md §3).
 */
export const deliveryExecutionId = (jobId: string, deliveryId: string): string => uuidV5(`${jobId}:${deliveryId}`, WEBHOOK_DELIVERY_NAMESPACE);
