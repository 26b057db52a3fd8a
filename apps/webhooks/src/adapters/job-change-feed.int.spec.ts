import type { NatsConnection } from 'nats';
import { JsonLogger } from '@cp/config';
import { natsSubjects, type RecordedEvent } from '@cp/contracts';
import { closeNats, connectNats, encodeJson, ensureStreams } from '@cp/messaging';
import { cleanupNamespace, randomNamespace, testNatsUrl, waitFor } from '@cp/testing';
import { JobChangeFeed } from './job-change-feed';

const event = (streamId: string, type: string, revision: number, data: Record<string, unknown>): RecordedEvent => ({
  id: crypto.randomUUID(), streamId, revision, position: String(revision + 1), type, data, recordedAt: new Date().toISOString(),
  metadata: { organizationId: 'org', actor: { id: 'u', email: null }, correlationId: 'c', causationId: null, schemaVersion: 1, occurredAt: new Date().toISOString() },
});

describe('JobChangeFeed (real NATS JetStream)', () => {
  const namespace = randomNamespace('job_change_feed');
  const subjects = natsSubjects(namespace);
  let nats: NatsConnection;

  beforeAll(async () => {
    nats = await connectNats(testNatsUrl(), 'job-change-feed-test');
    await ensureStreams(await nats.jetstreamManager(), subjects);
  });
  afterAll(async () => {
    await closeNats(nats);
    await cleanupNamespace(namespace);
  });

  it('tells of job events published from its start on, and of nothing else', async () => {
    const js = nats.jetstream();
    await js.publish(subjects.event('job', 'JobUpdated'), encodeJson(event('job-old', 'JobUpdated', 1, { job_id: 'old' })));
    const heard: [string, number][] = [];
    const feed = new JobChangeFeed(nats, subjects, { jobChanged: (jobId, revision) => heard.push([jobId, revision]), clear: () => undefined }, new JsonLogger('test', 'error'));
    await feed.start();
    try {
      await js.publish(subjects.event('execution', 'ExecutionRequested'), encodeJson(event('execution-e1', 'ExecutionRequested', 0, { job_id: 'job-1', execution_id: 'e1' })));
      await js.publish(subjects.event('job', 'JobDisabled'), encodeJson(event('job-job-1', 'JobDisabled', 3, { job_id: 'job-1' })));
      await js.publish(subjects.event('job', 'WebhookSecretRotated'), encodeJson(event('job-job-2', 'WebhookSecretRotated', 5, { job_id: 'job-2' })));
      await waitFor(() => heard.length >= 2, { timeoutMs: 5000 });
      expect(heard).toEqual([['job-1', 3], ['job-2', 5]]);
    } finally {
      await feed.stop();
    }
  });
});
