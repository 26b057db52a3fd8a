import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { jobStreamId, type AuditEventItem, type AuditEventsResponse, type StreamVerificationResponse } from '@cp/contracts';
import { PostgresEventStore } from '@cp/event-store';
import { launchServices, type LaunchedServices } from '@cp/testing';
import { apiClient, tokenFor, type ApiClient } from './support/api-client';
import { executionsApi, type Job } from './support/executions-api';
import { ScriptedWorker } from './support/executions-scripted-worker';

type Detail = { detail: unknown };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Issue 8 §1, §2, §7, §8: event streams over REST, state as of a time, upcasting, tamper evidence. */
describe('Audit replay, end to end', () => {
  let services: LaunchedServices;
  let alice: ApiClient;
  let bob: ApiClient;
  let otherOrg: ApiClient;
  let worker: ScriptedWorker;
  let running: ReturnType<ScriptedWorker['runAll']>;
  let pool: Pool;
  let agentId: string;

  beforeAll(async () => {
    services = await launchServices({ services: ['projector', 'jobs', 'gateway', 'executor'] });
    alice = apiClient(services.gatewayUrl, tokenFor('org-a', 'alice', 'alice@example.com'));
    bob = apiClient(services.gatewayUrl, tokenFor('org-a', 'bob', 'bob@example.com'));
    otherOrg = apiClient(services.gatewayUrl, tokenFor('org-b'));
    worker = await ScriptedWorker.connect(services.env.NATS_URL, services.env.NATS_NAMESPACE, 'default');
    running = worker.runAll({ workMs: 20, concurrency: 2 });
    pool = new Pool({ connectionString: services.env.DATABASE_URL, max: 2 });
    agentId = (await executionsApi(alice).createAgent()).id;
  }, 180_000);
  afterAll(async () => {
    await running?.stop();
    await worker?.close();
    await pool?.end();
    await services?.stop();
  }, 60_000);

  const events = async (api: ApiClient, jobId: string, query = ''): Promise<AuditEventsResponse> => {
    const res = await api.get<AuditEventsResponse>(`/api/v1/jobs/${jobId}/events${query}`);
    if (res.status !== 200) throw new Error(`events: ${res.status} ${res.text}`);
    return res.body;
  };
  const allEvents = async (jobId: string): Promise<AuditEventItem[]> => (await events(alice, jobId, '?limit=1000')).events;

  /** A webhook job with a history: created by alice, renamed by bob, disabled, enabled, secret rotated. */
  async function jobWithHistory(): Promise<{ job: Job; secret: string }> {
    const created = await alice.post<Job>('/api/v1/jobs', { name: 'Deploy', trigger_type: 'webhook', planning_mode: 'predefined_agent', entity_id: agentId, prompt_template: 'Deploy {{service}}' }, { headers: { 'X-Correlation-Id': 'corr-create' } });
    expect(created.status).toBe(201);
    const job = created.body;
    expect((await bob.patch(`/api/v1/jobs/${job.id}`, { name: 'Deploy v2', description: 'renamed' })).status).toBe(200);
    expect((await alice.post(`/api/v1/jobs/${job.id}/disable`)).status).toBe(200);
    expect((await alice.post(`/api/v1/jobs/${job.id}/enable`)).status).toBe(200);
    const rotated = await alice.post<{ webhook_secret: string }>(`/api/v1/jobs/${job.id}/webhook/rotate-secret`, { grace_period_seconds: 3600 });
    expect(rotated.status).toBe(200);
    return { job, secret: created.body.webhook_secret as string };
  }

  describe('a job event stream', () => {
    it('is served page by page with revision, position, ids, actor, correlation and schema version', async () => {
      const { job } = await jobWithHistory();
      const first = await events(alice, job.id, '?limit=2');
      expect(first.stream_id).toBe(jobStreamId(job.id));
      expect(first.events.map((e) => e.revision)).toEqual([0, 1]);
      expect(first.next_revision).toBe(2);
      const rest = await events(alice, job.id, `?from_revision=${first.next_revision}&limit=100`);
      expect(rest.events.map((e) => e.type)).toEqual(['JobDisabled', 'JobEnabled', 'WebhookSecretRotated']);
      expect(rest.next_revision).toBeNull();
      const [created, renamed] = first.events;
      expect(created).toMatchObject({ type: 'JobCreated', actor: { id: 'alice', email: 'alice@example.com' }, correlation_id: 'corr-create', causation_id: null, schema_version: 1, stored_schema_version: null });
      expect(created.event_id).toMatch(UUID);
      expect(created.position).toMatch(/^\d+$/);
      expect(Date.parse(created.recorded_at)).not.toBeNaN();
      expect(renamed).toMatchObject({ type: 'JobUpdated', actor: { id: 'bob' }, data: { changes: { name: 'Deploy v2', description: 'renamed' } } });
      expect(Number(renamed.position)).toBeGreaterThan(Number(created.position));
    });

    it('never shows a secret: the webhook token and every encrypted secret are redacted', async () => {
      const { job, secret } = await jobWithHistory();
      const served = await allEvents(job.id);
      const token = String(job.webhook_url).split('/').pop() as string;
      const text = JSON.stringify(served);
      expect(text).not.toContain(token);
      expect(text).not.toContain(secret);
      expect(served[0].data.webhook).toEqual({ token: '[redacted]', secret_encrypted: '[redacted]' });
      expect(served[4].data).toMatchObject({ secret_encrypted: '[redacted]', previous_secret_encrypted: '[redacted]', grace_period_seconds: 3600 });
      const stored = await pool.query(`SELECT data FROM "${services.env.DB_SCHEMA}".events WHERE stream_id = $1 AND revision = 0`, [jobStreamId(job.id)]);
      expect(stored.rows[0].data.webhook.token).toBe(token);
    });

    it("is a 404 for another organization's job and for a job that never existed, and validates its query", async () => {
      const { job } = await jobWithHistory();
      expect((await otherOrg.get(`/api/v1/jobs/${job.id}/events`)).status).toBe(404);
      expect((await alice.get(`/api/v1/jobs/job_${randomUUID()}/events`)).status).toBe(404);
      const bad = await alice.get<Detail>(`/api/v1/jobs/${job.id}/events?limit=0&as_of=soon`);
      expect(bad.status).toBe(422);
      expect(bad.body.detail).toEqual(expect.arrayContaining([expect.objectContaining({ loc: ['query', 'limit'] })]));
    });
  });

  describe('state as of a time', () => {
    it('rebuilds the job as it was after each of its events, and 404 before it existed', async () => {
      const { job } = await jobWithHistory();
      const history = await allEvents(job.id);
      const at = (revision: number) => encodeURIComponent(history[revision].recorded_at);
      const asOf = async (when: string) => alice.get<Job & Detail>(`/api/v1/jobs/${job.id}?as_of=${when}`);
      expect((await asOf(at(0))).body).toMatchObject({ id: job.id, name: 'Deploy', description: null, enabled: true, updated_by: 'alice' });
      expect((await asOf(at(1))).body).toMatchObject({ name: 'Deploy v2', description: 'renamed', enabled: true, updated_by: 'bob' });
      expect((await asOf(at(2))).body).toMatchObject({ name: 'Deploy v2', enabled: false, status: 'disabled' });
      expect((await asOf(at(3))).body).toMatchObject({ enabled: true, status: 'active' });
      const before = await asOf(new Date(Date.parse(history[0].recorded_at) - 1000).toISOString());
      expect(before.status).toBe(404);
      expect(before.body.detail).toMatch(/not found as of/);
      const invalid = await asOf('last-tuesday');
      expect(invalid.status).toBe(422);
      expect(invalid.body.detail).toEqual([{ loc: ['query', 'as_of'], msg: expect.stringContaining('valid datetime'), type: 'datetime_parsing' }]);
      expect((await otherOrg.get(`/api/v1/jobs/${job.id}?as_of=${at(3)}`)).status).toBe(404);
    });

    it('cuts the event stream at the instant too', async () => {
      const { job } = await jobWithHistory();
      const history = await allEvents(job.id);
      const cut = await events(alice, job.id, `?as_of=${encodeURIComponent(history[2].recorded_at)}&limit=2`);
      expect(cut.events.map((e) => e.revision)).toEqual([0, 1]);
      expect(cut.next_revision).toBe(2);
      const last = await events(alice, job.id, `?as_of=${encodeURIComponent(history[2].recorded_at)}&from_revision=2`);
      expect(last.events.map((e) => e.revision)).toEqual([2]);
      expect(last.next_revision).toBeNull();
    });

    it('as of now equals the live job, counters and history included', async () => {
      const x = executionsApi(alice);
      const job = await x.createJob(agentId);
      for (let n = 0; n < 3; n++) await x.waitForStatus((await x.trigger(job.id)).execution_id, ['completed']);
      const live = await x.job(job.id);
      const rebuilt = await alice.get<Job>(`/api/v1/jobs/${job.id}?as_of=${encodeURIComponent(new Date().toISOString())}`);
      expect(rebuilt.status).toBe(200);
      expect(live).toMatchObject({ total_executions: 3, successful_executions: 3 });
      expect(rebuilt.body).toEqual(live);
    });

    it('keeps a deleted job readable as of a time before its deletion', async () => {
      const { job } = await jobWithHistory();
      const beforeDelete = new Date().toISOString();
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect((await alice.delete(`/api/v1/jobs/${job.id}`)).status).toBe(204);
      expect((await alice.get(`/api/v1/jobs/${job.id}`)).status).toBe(404);
      const then = await alice.get<Job>(`/api/v1/jobs/${job.id}?as_of=${encodeURIComponent(beforeDelete)}`);
      expect(then.status).toBe(200);
      expect(then.body).toMatchObject({ id: job.id, name: 'Deploy v2' });
      const after = await alice.get<Detail>(`/api/v1/jobs/${job.id}?as_of=${encodeURIComponent(new Date().toISOString())}`);
      expect(after.status).toBe(404);
      expect(after.body.detail).toMatch(/was deleted at/);
      expect((await allEvents(job.id)).map((e) => e.type).pop()).toBe('JobDeleted');
    });
  });

  describe('schema versions', () => {
    it('reads an event stored in an old schema version in its current shape, and stores new ones in the current version', async () => {
      const { job } = await jobWithHistory();
      const store = new PostgresEventStore({ pool, schema: services.env.DB_SCHEMA });
      const head = (await store.readStream(jobStreamId(job.id), { direction: 'backwards', maxCount: 1 }))[0];
      const occurredAt = '2025-03-01T12:00:00.000Z';
      await store.append(jobStreamId(job.id), [{
        id: randomUUID(), type: 'WebhookSecretRotated',
        data: { job_id: job.id, secret_encrypted: 'v1.old', previous_secret_encrypted: 'v1.older', previous_valid_until: '2025-03-01T12:10:00.000Z' },
        metadata: { organizationId: 'org-a', actor: { id: 'alice', email: null }, correlationId: 'legacy', causationId: null, schemaVersion: 1, occurredAt },
      }], head.revision);
      const served = await allEvents(job.id);
      expect(served[4]).toMatchObject({ type: 'WebhookSecretRotated', schema_version: 2, stored_schema_version: null, data: { grace_period_seconds: 3600 } });
      expect(served[5]).toMatchObject({ type: 'WebhookSecretRotated', schema_version: 2, stored_schema_version: 1, data: { grace_period_seconds: 600 } });
      const stored = await pool.query<{ version: string }>(
        `SELECT metadata->>'schemaVersion' AS version FROM "${services.env.DB_SCHEMA}".events WHERE stream_id = $1 AND revision >= 4 ORDER BY revision`, [jobStreamId(job.id)]);
      expect(stored.rows.map((r) => r.version)).toEqual(['2', '1']);
    });
  });

  describe('tamper evidence', () => {
    it('reports an intact chain, then the revision someone edited directly in PostgreSQL', async () => {
      const { job } = await jobWithHistory();
      const intact = await alice.get<StreamVerificationResponse>(`/api/v1/jobs/${job.id}/events/verify`);
      expect(intact.status).toBe(200);
      expect(intact.body).toEqual({ job_id: job.id, stream_id: jobStreamId(job.id), intact: true, checked_events: 5, first_broken_revision: null, reason: null });
      await pool.query(
        `UPDATE "${services.env.DB_SCHEMA}".events SET data = jsonb_set(data, '{changes,name}', '"Deploy (forged)"') WHERE stream_id = $1 AND revision = 1`,
        [jobStreamId(job.id)],
      );
      const broken = await alice.get<StreamVerificationResponse>(`/api/v1/jobs/${job.id}/events/verify`);
      expect(broken.body).toMatchObject({ intact: false, first_broken_revision: 1, checked_events: 2 });
      expect(broken.body.reason).toMatch(/revision 1/);
      expect((await otherOrg.get(`/api/v1/jobs/${job.id}/events/verify`)).status).toBe(404);
    });
  });
});
