import { createHmac, timingSafeEqual } from 'node:crypto';
import type { DeliveryHeaders } from './delivery-headers';

/** Plain secrets of one job: the current one, and the previous one while its grace period lasts. */
export type WebhookSecrets = { current: string; previous: string | null; previousValidUntil: Date | null };

export type SignatureScheme = 'hex' | 'standard';
export type SignatureRejection = 'missing_signature' | 'invalid_signature' | 'invalid_timestamp' | 'stale_timestamp';

export type VerificationResult =
  | { ok: true; scheme: SignatureScheme; secret: 'current' | 'previous' }
  | { ok: false; reason: SignatureRejection; detail: string };

export type VerificationInput = {
  body: Uint8Array;
  headers: DeliveryHeaders;
  secrets: WebhookSecrets;
  now: Date;
  /** Standard Webhooks: a webhook-timestamp further than this from `now` (either way) is refused. */
  toleranceSeconds: number;
};

const HEX_SIGNATURE = /^(?:sha256=)?([0-9a-fA-F]{64})$/;
const BASE64 = /^[A-Za-z0-9+/]{43}=$/;
const TIMESTAMP = /^\d{1,12}$/;

const reject = (reason: SignatureRejection, detail: string): VerificationResult => ({ ok: false, reason, detail });

/** The keys that may sign right now: HMAC keys are the UTF-8 bytes of the secret string, as the reference service uses. */
function activeKeys(secrets: WebhookSecrets, now: Date): { name: 'current' | 'previous'; key: string }[] {
  const keys: { name: 'current' | 'previous'; key: string }[] = [{ name: 'current', key: secrets.current }];
  if (secrets.previous !== null && secrets.previousValidUntil !== null && now.getTime() < secrets.previousValidUntil.getTime()) {
    keys.push({ name: 'previous', key: secrets.previous });
  }
  return keys;
}

const hmac = (key: string, parts: (string | Uint8Array)[]): Buffer => {
  const mac = createHmac('sha256', key);
  for (const part of parts) mac.update(part);
  return mac.digest();
};

/** Constant-time equality of two MACs (the length of a MAC is public). */
const sameMac = (expected: Buffer, given: Buffer): boolean => expected.length === given.length && timingSafeEqual(expected, given);

function firstMatch(keys: ReturnType<typeof activeKeys>, parts: (string | Uint8Array)[], candidates: Buffer[]): 'current' | 'previous' | null {
  for (const { name, key } of keys) {
    const expected = hmac(key, parts);
    if (candidates.some((candidate) => sameMac(expected, candidate))) return name;
  }
  return null;
}

function checkTimestamp(raw: string, now: Date, toleranceSeconds: number): VerificationResult | null {
  if (!TIMESTAMP.test(raw)) return reject('invalid_timestamp', 'Invalid webhook-timestamp header: expected Unix seconds');
  const skew = Math.abs(now.getTime() / 1000 - Number(raw));
  if (skew > toleranceSeconds) return reject('stale_timestamp', `Webhook timestamp is outside the allowed window of ${toleranceSeconds} seconds`);
  return null;
}

function verifyStandard(input: VerificationInput, keys: ReturnType<typeof activeKeys>): VerificationResult {
  const { id, timestamp, signature } = input.headers.standard;
  if (id === null || timestamp === null) return reject('missing_signature', 'Missing webhook-id or webhook-timestamp header');
  const candidates = (signature ?? '')
    .split(' ')
    .map((entry) => entry.split(','))
    .filter(([version, sig]) => version === 'v1' && sig !== undefined && BASE64.test(sig))
    .map(([, sig]) => Buffer.from(sig, 'base64'));
  const match = firstMatch(keys, [`${id}.${timestamp}.`, input.body], candidates);
  return match ? { ok: true, scheme: 'standard', secret: match } : reject('invalid_signature', 'Invalid webhook signature');
}

function verifyHex(input: VerificationInput, keys: ReturnType<typeof activeKeys>): VerificationResult {
  const parsed = HEX_SIGNATURE.exec(input.headers.hexSignature ?? '');
  const candidates = parsed ? [Buffer.from(parsed[1], 'hex')] : [];
  const match = firstMatch(keys, [input.body], candidates);
  return match ? { ok: true, scheme: 'hex', secret: match } : reject('invalid_signature', 'Invalid webhook signature');
}

/**
 * Verifies a delivery over the exact bytes received (never re-serialised JSON). Pure: the clock comes in.
 * Standard Webhooks headers win when `webhook-signature` is present; otherwise `X-Webhook-Signature` (reference
 * scheme). A `webhook-timestamp`, when sent, must be within the tolerance whatever the scheme.
 */
export function verifyWebhookSignature(input: VerificationInput): VerificationResult {
  const { standard, hexSignature } = input.headers;
  if (standard.signature === null && hexSignature === null) return reject('missing_signature', 'Missing X-Webhook-Signature header');
  if (standard.timestamp !== null) {
    const stale = checkTimestamp(standard.timestamp, input.now, input.toleranceSeconds);
    if (stale) return stale;
  }
  const keys = activeKeys(input.secrets, input.now);
  return standard.signature !== null ? verifyStandard(input, keys) : verifyHex(input, keys);
}

/** What a sender computes (used by tests, benchmarks and the docs' examples). */
export const signHex = (secret: string, body: Uint8Array | string): string => createHmac('sha256', secret).update(body).digest('hex');
export const signStandard = (secret: string, id: string, timestamp: number | string, body: Uint8Array | string): string =>
  `v1,${createHmac('sha256', secret).update(`${id}.${timestamp}.`).update(body).digest('base64')}`;
