import type { WebhookJob } from '../delivery/ports';
import { MemoryJobs } from '../testing/in-memory-ports';
import { CachedJobDirectory } from './cached-job-directory';

const job = (revision: number, overrides: Partial<WebhookJob> = {}): WebhookJob => ({
  id: 'job-1', organizationId: 'org', enabled: true, config: {}, secretEncrypted: `sealed-${revision}`,
  previousSecretEncrypted: null, previousSecretValidUntil: null, revision, ...overrides,
});

function setup(ttlMs = 10_000, maxEntries = 100) {
  const source = new MemoryJobs();
  let now = 1_000_000;
  const cache = new CachedJobDirectory(source, { ttlMs, maxEntries, now: () => now });
  return { source, cache, advance: (ms: number) => (now += ms) };
}

describe('CachedJobDirectory', () => {
  it('reads a token from the read model once, then answers from memory', async () => {
    const { source, cache } = setup();
    source.byToken.set('tok', job(3));
    expect(await cache.findByToken('tok')).toEqual(job(3));
    expect(await cache.findByToken('tok')).toEqual(job(3));
    expect(source.lookups).toBe(1);
  });

  it('reads again after the time to live', async () => {
    const { source, cache, advance } = setup(5_000);
    source.byToken.set('tok', job(3));
    await cache.findByToken('tok');
    advance(5_001);
    source.byToken.set('tok', job(4));
    expect(await cache.findByToken('tok')).toEqual(job(4));
    expect(source.lookups).toBe(2);
  });

  it('forgets a job as soon as an event changes it', async () => {
    const { source, cache } = setup();
    source.byToken.set('tok', job(3));
    await cache.findByToken('tok');
    source.byToken.set('tok', job(4, { enabled: false }));
    cache.jobChanged('job-1', 4);
    expect(await cache.findByToken('tok')).toEqual(job(4, { enabled: false }));
  });

  it('does not cache a row older than the newest change heard of (the projector is behind), but still answers with it', async () => {
    const { source, cache } = setup();
    source.byToken.set('tok', job(3));
    cache.jobChanged('job-1', 4);
    expect(await cache.findByToken('tok')).toEqual(job(3));
    expect(await cache.findByToken('tok')).toEqual(job(3));
    expect(source.lookups).toBe(2);
    source.byToken.set('tok', job(4));
    await cache.findByToken('tok');
    await cache.findByToken('tok');
    expect(source.lookups).toBe(3);
  });

  it('reads past the cache when asked for a fresh answer', async () => {
    const { source, cache } = setup();
    source.byToken.set('tok', job(3));
    await cache.findByToken('tok');
    source.byToken.set('tok', job(4, { secretEncrypted: 'rotated' }));
    expect(await cache.findByToken('tok', { fresh: true })).toMatchObject({ secretEncrypted: 'rotated' });
    expect(await cache.findByToken('tok')).toMatchObject({ secretEncrypted: 'rotated' });
    expect(source.lookups).toBe(2);
  });

  it('never caches an unknown token, so a webhook created a moment later is found', async () => {
    const { source, cache } = setup();
    expect(await cache.findByToken('tok')).toBeNull();
    source.byToken.set('tok', job(0));
    expect(await cache.findByToken('tok')).toEqual(job(0));
  });

  it('forgets everything when the change feed was interrupted', async () => {
    const { source, cache } = setup();
    source.byToken.set('tok', job(3));
    await cache.findByToken('tok');
    cache.clear();
    await cache.findByToken('tok');
    expect(source.lookups).toBe(2);
  });

  it('keeps at most maxEntries tokens, dropping the oldest first', async () => {
    const { source, cache } = setup(10_000, 2);
    for (const n of [1, 2, 3]) source.byToken.set(`tok-${n}`, job(0, { id: `job-${n}` }));
    for (const n of [1, 2, 3]) await cache.findByToken(`tok-${n}`);
    expect(cache.size).toBe(2);
    await cache.findByToken('tok-1');
    expect(source.lookups).toBe(4);
  });
});
