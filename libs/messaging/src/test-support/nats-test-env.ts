import { randomBytes } from 'node:crypto';
import type { JetStreamClient, JetStreamManager, NatsConnection } from 'nats';
import { natsSubjects, type Subjects } from '@cp/contracts';
import { closeNats, connectNats } from '../connection';
import { deleteStreams } from '../streams';

/** Used by this lib's own integration tests (libs/testing depends on messaging, so it cannot be used here). */
export type NatsTestEnv = { nc: NatsConnection; js: JetStreamClient; jsm: JetStreamManager; subjects: Subjects; close(): Promise<void> };

export const TEST_NATS_URL = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function natsTestEnv(prefix: string): Promise<NatsTestEnv> {
  const subjects = natsSubjects(`t_${prefix}_${randomBytes(5).toString('hex')}`);
  const nc = await connectNats(TEST_NATS_URL, `test-${prefix}`);
  const jsm = await nc.jetstreamManager();
  return {
    nc,
    js: nc.jetstream(),
    jsm,
    subjects,
    async close() {
      await deleteStreams(jsm, subjects);
      await closeNats(nc);
    },
  };
}

/** Polls until `check` returns true, failing with `description` after `timeoutMs`. */
export async function eventually(check: () => Promise<boolean> | boolean, description: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
