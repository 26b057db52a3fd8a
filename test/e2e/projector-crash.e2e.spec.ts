import { Client } from 'pg';
import { launchServices, testDatabaseUrl, type LaunchedServices } from '@cp/testing';
import { apiClient, tokenFor } from './support/api-client';

type Job = { id: string; name: string };

/** Issue 3: kill -9 the projector while 500 jobs are being created; after a restart the read model equals the events. */
describe('projector crash while jobs are being created', () => {
  let services: LaunchedServices;
  let db: Client;

  beforeAll(async () => {
    // Creates wait (read-your-writes) while the projector is down instead of answering 503.
    services = await launchServices({ services: ['projector', 'jobs', 'gateway'], env: { READ_YOUR_WRITES_TIMEOUT_MS: '60000' } });
    db = new Client({ connectionString: testDatabaseUrl() });
    await db.connect();
  }, 120_000);
  afterAll(async () => {
    await db?.end();
    await services?.stop();
  }, 60_000);

  it('loses nothing and doubles nothing', async () => {
    const api = apiClient(services.gatewayUrl, tokenFor('org-crash'));
    const total = 500;
    let next = 0;
    const created: string[] = [];
    const failures: number[] = [];
    const creator = async () => {
      while (next < total) {
        const n = next++;
        const res = await api.post<Job>('/api/v1/jobs', { name: `job ${n}`, trigger_type: 'manual', planning_mode: 'on_the_fly', prompt_template: `run ${n}` });
        if (res.status === 201) created.push(res.body.id);
        else failures.push(res.status);
      }
    };
    const creating = Promise.all(Array.from({ length: 8 }, creator));
    while (created.length < 100) await new Promise((r) => setTimeout(r, 20));
    await services.killService('projector', 'SIGKILL');
    await new Promise((r) => setTimeout(r, 1000));
    await services.service('projector').restart();
    await creating;

    expect(failures).toEqual([]);
    expect(created).toHaveLength(total);
    const schema = services.env.DB_SCHEMA;
    const events = await db.query<{ stream_id: string }>(`SELECT stream_id FROM "${schema}".events WHERE type = 'JobCreated'`);
    const fromEvents = events.rows.map((r) => r.stream_id.replace(/^job-/, '')).sort();
    const rows = await db.query<{ id: string; stream_revision: number }>(`SELECT id, stream_revision FROM "${schema}".jobs WHERE organization_id = 'org-crash'`);
    const fromReadModel = rows.rows.map((r) => r.id).sort();
    expect(fromReadModel).toEqual(fromEvents);
    expect(new Set(fromReadModel).size).toBe(total);
    expect([...created].sort()).toEqual(fromEvents);
    const listed = await api.get<Job[]>('/api/v1/jobs');
    expect(listed.body).toHaveLength(total);
    const checkpoint = await db.query<{ position: string }>(`SELECT position FROM "${schema}".projection_checkpoints WHERE name = 'read-model'`);
    const head = await db.query<{ max: string }>(`SELECT max(global_position)::text AS max FROM "${schema}".events`);
    expect(checkpoint.rows[0].position).toBe(head.rows[0].max);
  }, 240_000);
});
