import { JsonLogger, SecretBox } from '@cp/config';
import { WebhookMetrics } from '../metrics/webhook-metrics';
import { MemoryExecutions, MemoryJobs, MemoryRateLimiter, TEST_SETTINGS } from '../testing/in-memory-ports';
import { signHex } from '../verification/signature';
import { WebhookDeliveryService } from './webhook-delivery.service';

const SECRET = 'log-secret-log-secret-log-secret-log-secret';
const BODY = '{"parameters": {"a": 1}}';

function capture(run: () => Promise<void>): Promise<string> {
  const original = process.stdout.write.bind(process.stdout);
  let out = '';
  process.stdout.write = ((chunk: string | Uint8Array) => { out += chunk.toString(); return true; }) as typeof process.stdout.write;
  return run().then(() => out).finally(() => { process.stdout.write = original; });
}

describe('webhook delivery logs', () => {
  it('never carry the secret or a signature, at debug level, for accepted, refused and failed deliveries', async () => {
    const box = new SecretBox(Buffer.alloc(32, 3));
    const jobs = new MemoryJobs();
    jobs.byToken.set('tok', { id: 'job_1', organizationId: 'o', enabled: true, config: {}, secretEncrypted: box.encrypt(SECRET), previousSecretEncrypted: null, previousSecretValidUntil: null, revision: 0 });
    const executions = new MemoryExecutions();
    const logger = new JsonLogger('webhooks', 'debug');
    const service = new WebhookDeliveryService(jobs, executions, new MemoryRateLimiter(), executions, box, { now: () => new Date() }, TEST_SETTINGS, new WebhookMetrics(false), logger);
    const signature = signHex(SECRET, BODY);
    const logs = await capture(async () => {
      await service.deliver({ token: 'tok', headers: { 'x-webhook-signature': signature }, body: Buffer.from(BODY), correlationId: 'c' });
      await service.deliver({ token: 'tok', headers: { 'x-webhook-signature': signHex('x', BODY) }, body: Buffer.from(BODY), correlationId: 'c' });
      jobs.findByToken = async () => { throw new Error('database down'); };
      await service.deliver({ token: 'tok', headers: { 'x-webhook-signature': signature }, body: Buffer.from(BODY), correlationId: 'c' });
      logger.info('a careless line', { webhook_secret: SECRET, headers: { 'x-webhook-signature': signature } });
    });
    expect(logs.split('\n').filter(Boolean).length).toBeGreaterThanOrEqual(4);
    expect(logs).toContain('"reason":"accepted"');
    expect(logs).toContain('database down');
    expect(logs).not.toContain(SECRET);
    expect(logs).not.toContain(signature);
  });
});
