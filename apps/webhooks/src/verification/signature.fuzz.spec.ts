import fc from 'fast-check';
import { readDeliveryHeaders } from './delivery-headers';
import { signHex, signStandard, verifyWebhookSignature, type WebhookSecrets } from './signature';

const SECRET = 'fuzz-current-secret-0123456789abcdefghijklmnopq';
const PREVIOUS = 'fuzz-previous-secret-0123456789abcdefghijklmno';
const NOW = new Date('2030-06-01T12:00:00Z');
const NOW_S = Math.floor(NOW.getTime() / 1000);
const secrets: WebhookSecrets = { current: SECRET, previous: PREVIOUS, previousValidUntil: new Date(NOW.getTime() - 1) };

const body = fc.oneof(
  fc.uint8Array({ maxLength: 2048 }),
  fc.json().map((text) => new TextEncoder().encode(text)),
  fc.string({ unit: 'binary', maxLength: 512 }).map((text) => new TextEncoder().encode(text)),
);
const headerValue = fc.oneof(
  fc.string({ maxLength: 100 }),
  fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 }),
  fc.base64String({ minLength: 44, maxLength: 44 }).map((b64) => `v1,${b64}`),
  fc.integer({ min: NOW_S - 600, max: NOW_S + 600 }).map(String),
  fc.constant(''),
);
const headerNames = ['x-webhook-signature', 'webhook-id', 'webhook-timestamp', 'webhook-signature', 'content-type', 'x-webhook-delivery', 'idempotency-key'];
const headers = fc.dictionary(fc.constantFrom(...headerNames, 'x-other'), headerValue, { maxKeys: 7 });

/** A MAC the attacker cannot know: none of the random inputs is signed with either key. */
function verifies(bytes: Uint8Array, map: Record<string, string>): boolean {
  return verifyWebhookSignature({ body: bytes, headers: readDeliveryHeaders(map), secrets, now: NOW, toleranceSeconds: 300 }).ok;
}

describe('verifyWebhookSignature under fuzzing', () => {
  it('accepts none of 10,000 random bodies and headers, and never throws', () => {
    fc.assert(fc.property(body, headers, (bytes, map) => !verifies(bytes, map)), { numRuns: 10_000 });
  });

  it('refuses a correct hex signature once one byte of the body changes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 512 }), fc.nat(), fc.integer({ min: 1, max: 255 }), (bytes, at, flip) => {
        const signature = signHex(SECRET, bytes);
        const tampered = Uint8Array.from(bytes);
        tampered[at % tampered.length] ^= flip;
        return verifies(bytes, { 'x-webhook-signature': signature }) && !verifies(tampered, { 'x-webhook-signature': signature });
      }),
      { numRuns: 2_000 },
    );
  });

  it('refuses signatures made with the expired previous secret', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => !verifies(bytes, { 'x-webhook-signature': signHex(PREVIOUS, bytes) })), { numRuns: 1_000 });
  });

  it('accepts every Standard Webhooks delivery signed right within the window, and refuses it outside', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/), fc.integer({ min: -900, max: 900 }), (bytes, id, skew) => {
        const ts = NOW_S + skew;
        const map = { 'webhook-id': id, 'webhook-timestamp': String(ts), 'webhook-signature': signStandard(SECRET, id, ts, bytes) };
        return verifies(bytes, map) === Math.abs(skew) <= 300;
      }),
      { numRuns: 2_000 },
    );
  });
});
