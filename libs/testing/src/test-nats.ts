import { randomBytes } from 'node:crypto';
import { natsSubjects } from '@cp/contracts';
import { closeNats, connectNats } from '@cp/messaging';

export const testNatsUrl = (): string => process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';

/** A NATS namespace of its own (subjects and JetStream streams), e.g. `t_jobs_1a2b3c4d5e`. */
export function randomNamespace(prefix = 'test'): string {
  const cleaned = prefix.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 40);
  return `t_${cleaned}_${randomBytes(5).toString('hex')}`;
}

/** Deletes every JetStream stream of the namespace: EVENTS, WORK and any other bound to its subjects. */
export async function cleanupNamespace(namespace: string, natsUrl = testNatsUrl()): Promise<void> {
  const subjects = natsSubjects(namespace);
  const nc = await connectNats(natsUrl, `cleanup-${subjects.namespace}`, { maxReconnectAttempts: 0 });
  try {
    const jsm = await nc.jetstreamManager();
    const doomed: string[] = [];
    for await (const info of jsm.streams.list()) {
      const own = info.config.name === subjects.eventsStream || info.config.name === subjects.workStream;
      const bound = (info.config.subjects ?? []).length > 0 && (info.config.subjects ?? []).every((s) => s.startsWith(`${subjects.namespace}.`));
      if (own || bound) doomed.push(info.config.name);
    }
    for (const name of doomed) await jsm.streams.delete(name);
  } finally {
    await closeNats(nc);
  }
}
