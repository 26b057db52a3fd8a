import { natsSubjects } from '@cp/contracts';
import { closeNats, connectNats, ensureStreams } from '@cp/messaging';
import { cleanupNamespace, randomNamespace, testNatsUrl } from './test-nats';

describe('test NATS namespaces', () => {
  it('are unique and valid NATS_NAMESPACE values', () => {
    const a = randomNamespace('e2e');
    expect(a).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(a).not.toBe(randomNamespace('e2e'));
  });

  it('cleanupNamespace deletes the namespace streams and leaves other namespaces alone', async () => {
    const mine = natsSubjects(randomNamespace('mine'));
    const theirs = natsSubjects(randomNamespace('theirs'));
    const nc = await connectNats(testNatsUrl(), 'test-nats-spec');
    const jsm = await nc.jetstreamManager();
    try {
      await ensureStreams(jsm, mine);
      await ensureStreams(jsm, theirs);

      await cleanupNamespace(mine.namespace);

      const names: string[] = [];
      for await (const name of jsm.streams.names()) names.push(name);
      expect(names).not.toContain(mine.eventsStream);
      expect(names).not.toContain(mine.workStream);
      expect(names).toEqual(expect.arrayContaining([theirs.eventsStream, theirs.workStream]));
    } finally {
      await cleanupNamespace(theirs.namespace);
      await closeNats(nc);
    }
  });
});
