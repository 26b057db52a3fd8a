import fc from 'fast-check';
import { deliveryHarness } from '../testing/in-memory-ports';

const NOW = new Date('2030-03-01T10:00:00Z');
const TOKEN = 'tok_fuzzfuzzfuzzfuzzfuzz';
const SECRET = 'fuzz-secret-fuzz-secret-fuzz-secret-fuzz-sec';
const NOW_S = Math.floor(NOW.getTime() / 1000);

const headerValue = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 }),
  fc.base64String({ minLength: 44, maxLength: 44 }).map((b64) => `v1,${b64}`),
  fc.integer({ min: NOW_S - 600, max: NOW_S + 600 }).map(String),
  fc.constantFrom('application/json', 'text/plain', ''),
);
const names = ['x-webhook-signature', 'webhook-id', 'webhook-timestamp', 'webhook-signature', 'content-type', 'x-webhook-delivery', 'idempotency-key', 'authorization'];
const delivery = fc.record({
  token: fc.oneof(fc.constant(TOKEN), fc.string({ maxLength: 40 })),
  headers: fc.dictionary(fc.constantFrom(...names), headerValue, { maxKeys: 8 }),
  body: fc.oneof(fc.uint8Array({ maxLength: 1024 }), fc.json().map((t) => Buffer.from(t)), fc.constant(Buffer.from('{"parameters":{"a":1}}'))),
});

describe('WebhookDeliveryService under fuzzing (in-memory ports, same semantics as the real ones)', () => {
  it('starts no execution, answers no 2xx and no 5xx for 3,000 unsigned random deliveries', async () => {
    const h = deliveryHarness(NOW);
    h.jobs.byToken.set(TOKEN, { id: 'job_fuzz', organizationId: 'org', enabled: true, config: {}, secretEncrypted: h.secretBox.encrypt(SECRET), previousSecretEncrypted: null, previousSecretValidUntil: null, revision: 0 });
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(delivery, async ({ token, headers, body }) => {
        const answer = await h.service.deliver({ token, headers, body, correlationId: 'fuzz' });
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        return [401, 404].includes(answer.status);
      }),
      { numRuns: 3_000 },
    );
    expect(h.executions.started.size).toBe(0);
    expect([...statuses.keys()].sort()).toEqual([401, 404]);
  });
});
