import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { launchServices, type LaunchedServices } from '@cp/testing';
import { apiClient, tokenFor, type ApiClient } from './support/api-client';

type Job = Record<string, unknown> & { id: string };
type Detail = { detail: { loc: (string | number)[]; msg: string; type: string }[] };

const manualJob = (overrides: Record<string, unknown> = {}) => ({ name: 'Emergency Rollback', trigger_type: 'manual', planning_mode: 'on_the_fly', prompt_template: 'Rollback {{service_name}}', ...overrides });
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

describe('Jobs REST API (seed 000/001/002), end to end', () => {
  let services: LaunchedServices;
  let api: ApiClient;
  let otherOrg: ApiClient;

  beforeAll(async () => {
    services = await launchServices({ services: ['projector', 'jobs', 'gateway'] });
    api = apiClient(services.gatewayUrl, tokenFor('org-a', 'alice', 'alice@example.com'));
    otherOrg = apiClient(services.gatewayUrl, tokenFor('org-b'));
  }, 120_000);
  afterAll(() => services?.stop(), 60_000);

  describe('authentication', () => {
    it('refuses a request without a token', async () => {
      const res = await apiClient(services.gatewayUrl, null).get('/api/v1/jobs');
      expect(res.status).toBe(401);
      expect(JSON.stringify(res.body)).toMatch(/Authorization header is required/);
    });
    it('refuses a token signed with another secret', async () => {
      const jwt = await import('jsonwebtoken');
      const forged = jwt.default.sign({ org_id: 'org-a', sub: 'mallory' }, 'not-the-secret');
      expect((await apiClient(services.gatewayUrl, forged).get('/api/v1/jobs')).status).toBe(401);
    });
    it('accepts the UserKey scheme the Python SDK sends', async () => {
      const res = await api.get('/api/v1/jobs', { headers: { Authorization: `UserKey ${tokenFor('org-a')}` } });
      expect(res.status).toBe(200);
    });
    it('exposes Prometheus metrics labelled by route template, not by id', async () => {
      await api.get('/api/v1/jobs/job_00000000-0000-4000-8000-000000000000');
      const text = (await apiClient(services.gatewayUrl, null).get('/metrics')).text;
      expect(text).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/jobs\/:jobId",status="404"\} \d+/);
      expect(text).not.toContain('job_00000000');
    });
    it('serves health and the OpenAPI document without a token', async () => {
      const anonymous = apiClient(services.gatewayUrl, null);
      expect((await anonymous.get('/health')).status).toBe(200);
      expect((await anonymous.get('/api/openapi.json')).status).toBe(200);
    });
  });

  describe('create', () => {
    it('returns 201 with every JobResponse field and the seed defaults', async () => {
      const res = await api.post<Job>('/api/v1/jobs', { name: 'Daily Health Check', trigger_type: 'cron', cron_schedule: '0 9 * * *', planning_mode: 'on_the_fly', prompt_template: 'Check the health of all production services' });
      expect(res.status).toBe(201);
      const job = res.body;
      expect(job.id).toMatch(/^job_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(job).toMatchObject({
        organization_id: 'org-a', enabled: true, status: 'active', cron_timezone: 'UTC', executor_type: 'auto', config: {},
        total_executions: 0, successful_executions: 0, failed_executions: 0, execution_history: [], webhook_url: null, webhook_secret: null,
        created_by: 'alice', updated_by: 'alice', created_by_email: 'alice@example.com', last_execution_id: null, last_triggered_at: null,
      });
      expect(job.created_at).toMatch(ISO_WITH_ZONE);
      expect(job.updated_at).toMatch(ISO_WITH_ZONE);
    });
    it('defaults planning_mode to predefined_agent', async () => {
      const agent = await api.post<Job>('/api/v1/agents', { name: 'Echo', runtime: { type: 'command', command: 'cat' } });
      const res = await api.post<Job>('/api/v1/jobs', { name: 'x', trigger_type: 'manual', prompt_template: 'p', entity_type: 'agent', entity_id: agent.body.id });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ planning_mode: 'predefined_agent', entity_name: 'Echo' });
    });
    it('gives a webhook job a URL and a secret that is shown only once', async () => {
      const res = await api.post<Job>('/api/v1/jobs', manualJob({ trigger_type: 'webhook' }));
      expect(res.status).toBe(201);
      expect(res.body.webhook_url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1\/jobs\/webhook\/[A-Za-z0-9_-]{20,}$/);
      expect(typeof res.body.webhook_secret).toBe('string');
      expect((res.body.webhook_secret as string).length).toBeGreaterThanOrEqual(40);
      const again = await api.get<Job>(`/api/v1/jobs/${res.body.id}`);
      expect(again.body.webhook_url).toBe(res.body.webhook_url);
      expect(again.body.webhook_secret).toBeNull();
      expect(JSON.stringify((await api.get('/api/v1/jobs')).body)).not.toContain(res.body.webhook_secret as string);
    });
    it('ignores unknown fields, as the seed service does', async () => {
      const res = await api.post<Job>('/api/v1/jobs', manualJob({ color: 'blue' }));
      expect(res.status).toBe(201);
      expect(res.body).not.toHaveProperty('color');
    });
    it('stores SQL-looking and unicode text verbatim', async () => {
      const name = "Robert'); DROP TABLE jobs;-- 🚀 Ünïcødé 日本";
      const res = await api.post<Job>('/api/v1/jobs', manualJob({ name, description: '\' OR 1=1 --' }));
      expect(res.status).toBe(201);
      const read = await api.get<Job>(`/api/v1/jobs/${res.body.id}`);
      expect(read.body.name).toBe(name);
      expect(read.body.description).toBe('\' OR 1=1 --');
    });
  });

  describe('validation (422 in the seed shape)', () => {
    const cases: [string, Record<string, unknown>, (string | number)[], string][] = [
      ['missing name', { trigger_type: 'manual', prompt_template: 'p' }, ['body', 'name'], 'missing'],
      ['empty name', manualJob({ name: '' }), ['body', 'name'], 'string_too_short'],
      ['name over 255', manualJob({ name: 'n'.repeat(256) }), ['body', 'name'], 'string_too_long'],
      ['name of the wrong type', manualJob({ name: 7 }), ['body', 'name'], 'string_type'],
      ['unknown trigger type', manualJob({ trigger_type: 'sometimes' }), ['body', 'trigger_type'], 'literal_error'],
      ['unknown planning mode', manualJob({ planning_mode: 'smart' }), ['body', 'planning_mode'], 'literal_error'],
      ['unknown executor type', manualJob({ executor_type: 'cloud' }), ['body', 'executor_type'], 'literal_error'],
      ['cron without schedule', manualJob({ trigger_type: 'cron' }), ['body', 'cron_schedule'], 'value_error'],
      ['invalid cron', manualJob({ trigger_type: 'cron', cron_schedule: '99 * * * *' }), ['body', 'cron_schedule'], 'value_error'],
      ['cron with 7 fields', manualJob({ trigger_type: 'cron', cron_schedule: '* * * * * * *' }), ['body', 'cron_schedule'], 'value_error'],
      ['unknown time zone', manualJob({ trigger_type: 'cron', cron_schedule: '0 9 * * *', cron_timezone: 'Europe/Atlantis' }), ['body', 'cron_timezone'], 'value_error'],
      ['specific_queue without queue', manualJob({ executor_type: 'specific_queue' }), ['body', 'worker_queue_name'], 'value_error'],
      ['environment without name', manualJob({ executor_type: 'environment' }), ['body', 'environment_name'], 'value_error'],
      ['predefined mode without entity', manualJob({ planning_mode: 'predefined_team' }), ['body', 'entity_id'], 'value_error'],
      ['mismatched entity type', manualJob({ planning_mode: 'predefined_team', entity_type: 'agent', entity_id: 'a-1' }), ['body', 'entity_type'], 'value_error'],
      ['config that is not an object', manualJob({ config: 'fast' }), ['body', 'config'], 'dict_type'],
      ['enabled that is not a boolean', manualJob({ enabled: 'maybe' }), ['body', 'enabled'], 'bool_type'],
    ];
    it.each(cases)('%s', async (_name, body, loc, type) => {
      const before = ((await api.get<Job[]>('/api/v1/jobs')).body).length;
      const res = await api.post<Detail>('/api/v1/jobs', body);
      expect(res.status).toBe(422);
      expect(res.body.detail).toEqual(expect.arrayContaining([expect.objectContaining({ loc, type, msg: expect.any(String) })]));
      expect(((await api.get<Job[]>('/api/v1/jobs')).body).length).toBe(before);
    });
  });

  describe('bad input', () => {
    it('answers malformed JSON with 422 json_invalid', async () => {
      const res = await api.post<Detail>('/api/v1/jobs', undefined, { rawBody: '{"name": "x",', headers: { 'Content-Type': 'application/json' } });
      expect(res.status).toBe(422);
      expect(res.body.detail[0].type).toBe('json_invalid');
    });
    it('answers a body over 1 MiB with 413', async () => {
      const res = await api.post('/api/v1/jobs', undefined, { rawBody: JSON.stringify(manualJob({ description: 'x'.repeat(1024 * 1024) })), headers: { 'Content-Type': 'application/json' } });
      expect(res.status).toBe(413);
    });
    it('answers a non-JSON content type with 415', async () => {
      const res = await api.post('/api/v1/jobs', undefined, { rawBody: 'name=x', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
      expect(res.status).toBe(415);
    });
    it('answers a JSON array body with 422', async () => {
      expect((await api.post('/api/v1/jobs', [manualJob()])).status).toBe(422);
    });
  });

  describe('list', () => {
    let cronId: string;
    let disabledId: string;
    beforeAll(async () => {
      cronId = (await api.post<Job>('/api/v1/jobs', manualJob({ trigger_type: 'cron', cron_schedule: '*/15 * * * *', name: 'list-cron' }))).body.id;
      disabledId = (await api.post<Job>('/api/v1/jobs', manualJob({ enabled: false, name: 'list-disabled' }))).body.id;
    });
    it('returns a JSON array, newest first', async () => {
      const res = await api.get<Job[]>('/api/v1/jobs');
      expect(Array.isArray(res.body)).toBe(true);
      const created = res.body.map((j) => j.created_at as string);
      expect([...created].sort().reverse()).toEqual(created);
    });
    it.each(['True', 'true', '1'])('filters enabled=%s', async (value) => {
      const ids = (await api.get<Job[]>(`/api/v1/jobs?enabled=${value}`)).body.map((j) => j.id);
      expect(ids).toContain(cronId);
      expect(ids).not.toContain(disabledId);
    });
    it.each(['False', 'false', '0'])('filters enabled=%s', async (value) => {
      const jobs = (await api.get<Job[]>(`/api/v1/jobs?enabled=${value}`)).body;
      expect(jobs.map((j) => j.id)).toContain(disabledId);
      expect(jobs.every((j) => j.enabled === false && j.status === 'disabled')).toBe(true);
    });
    it('filters by trigger_type', async () => {
      const jobs = (await api.get<Job[]>('/api/v1/jobs?trigger_type=cron')).body;
      expect(jobs.map((j) => j.id)).toContain(cronId);
      expect(jobs.every((j) => j.trigger_type === 'cron')).toBe(true);
    });
    it('rejects a filter value it cannot read', async () => {
      expect((await api.get('/api/v1/jobs?enabled=perhaps')).status).toBe(422);
      expect((await api.get('/api/v1/jobs?trigger_type=hourly')).status).toBe(422);
    });
  });

  describe('get / update / enable / disable / delete', () => {
    it('answers an unknown job with 404 {detail}', async () => {
      const res = await api.get('/api/v1/jobs/job_00000000-0000-4000-8000-000000000000');
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ detail: 'Job job_00000000-0000-4000-8000-000000000000 not found' });
    });
    it('updates only the given fields and shows the change at once (read-your-writes)', async () => {
      const job = (await api.post<Job>('/api/v1/jobs', manualJob({ description: 'before' }))).body;
      const res = await api.patch<Job>(`/api/v1/jobs/${job.id}`, { name: 'Midday Analytics Job' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ name: 'Midday Analytics Job', description: 'before', prompt_template: job.prompt_template });
      expect((await api.get<Job>(`/api/v1/jobs/${job.id}`)).body.name).toBe('Midday Analytics Job');
    });
    it('refuses an update with nothing to change', async () => {
      const job = (await api.post<Job>('/api/v1/jobs', manualJob())).body;
      expect((await api.patch(`/api/v1/jobs/${job.id}`, {})).status).toBe(400);
    });
    it('validates the job as it would be after the update', async () => {
      const job = (await api.post<Job>('/api/v1/jobs', manualJob())).body;
      const res = await api.patch<Detail>(`/api/v1/jobs/${job.id}`, { trigger_type: 'cron' });
      expect(res.status).toBe(422);
      expect(res.body.detail[0].loc).toEqual(['body', 'cron_schedule']);
      expect((await api.get<Job>(`/api/v1/jobs/${job.id}`)).body.trigger_type).toBe('manual');
    });
    it('creates and retires the webhook when trigger_type changes', async () => {
      const job = (await api.post<Job>('/api/v1/jobs', manualJob())).body;
      const toWebhook = await api.patch<Job>(`/api/v1/jobs/${job.id}`, { trigger_type: 'webhook' });
      expect(toWebhook.body.webhook_url).toMatch(/\/api\/v1\/jobs\/webhook\//);
      expect(typeof toWebhook.body.webhook_secret).toBe('string');
      const back = await api.patch<Job>(`/api/v1/jobs/${job.id}`, { trigger_type: 'manual' });
      expect(back.body.webhook_url).toBeNull();
    });
    it('disables and enables with no body, with {} and with a bare JSON content type', async () => {
      const job = (await api.post<Job>('/api/v1/jobs', manualJob())).body;
      const disabled = await api.post<Job>(`/api/v1/jobs/${job.id}/disable`, undefined, { headers: { 'Content-Type': 'application/json' } });
      expect(disabled.status).toBe(200);
      expect(disabled.body).toMatchObject({ enabled: false, status: 'disabled' });
      const enabled = await api.post<Job>(`/api/v1/jobs/${job.id}/enable`, {});
      expect(enabled.body).toMatchObject({ enabled: true, status: 'active' });
      const again = await api.post<Job>(`/api/v1/jobs/${job.id}/enable`);
      expect(again.status).toBe(200);
    });
    it('disables through PATCH {enabled:false}, as the SDK example does', async () => {
      const job = (await api.post<Job>('/api/v1/jobs', manualJob())).body;
      expect((await api.patch<Job>(`/api/v1/jobs/${job.id}`, { enabled: false })).body).toMatchObject({ enabled: false, status: 'disabled' });
    });
    it('deletes with 204 and an empty body; the job is gone', async () => {
      const job = (await api.post<Job>('/api/v1/jobs', manualJob())).body;
      const res = await api.delete(`/api/v1/jobs/${job.id}`);
      expect(res.status).toBe(204);
      expect(res.text).toBe('');
      expect((await api.get(`/api/v1/jobs/${job.id}`)).status).toBe(404);
      expect((await api.delete(`/api/v1/jobs/${job.id}`)).status).toBe(404);
      expect((await api.post(`/api/v1/jobs/${job.id}/enable`)).status).toBe(404);
      expect((await api.get<Job[]>('/api/v1/jobs')).body.map((j) => j.id)).not.toContain(job.id);
    });
    it('never loses one of many concurrent updates of one job', async () => {
      const job = (await api.post<Job>('/api/v1/jobs', manualJob())).body;
      const patches = [{ name: 'n2' }, { description: 'd2' }, { system_prompt: 's2' }, { prompt_template: 'p2' }, { cron_timezone: 'Europe/Berlin' }, { enabled: false }];
      const results = await Promise.all(patches.map((p) => api.patch(`/api/v1/jobs/${job.id}`, p)));
      expect(results.map((r) => r.status)).toEqual(patches.map(() => 200));
      expect((await api.get<Job>(`/api/v1/jobs/${job.id}`)).body).toMatchObject(Object.assign({}, ...patches));
    });
  });

  describe('organization isolation', () => {
    it('hides one organization\'s jobs from another', async () => {
      const job = (await api.post<Job>('/api/v1/jobs', manualJob())).body;
      expect((await otherOrg.get(`/api/v1/jobs/${job.id}`)).status).toBe(404);
      expect((await otherOrg.patch(`/api/v1/jobs/${job.id}`, { name: 'stolen' })).status).toBe(404);
      expect((await otherOrg.post(`/api/v1/jobs/${job.id}/disable`)).status).toBe(404);
      expect((await otherOrg.delete(`/api/v1/jobs/${job.id}`)).status).toBe(404);
      expect((await otherOrg.get<Job[]>('/api/v1/jobs')).body.map((j) => j.id)).not.toContain(job.id);
      expect((await api.get<Job>(`/api/v1/jobs/${job.id}`)).body).toMatchObject({ name: job.name, enabled: true });
    });
  });

  describe('OpenAPI document', () => {
    const seedSchemas = (() => {
      const markdown = readFileSync(join(__dirname, '..', 'fixtures', 'seeds', '000-create-job-openapi.md'), 'utf8');
      const yamlText = markdown.slice(markdown.indexOf('````yaml'), markdown.lastIndexOf('````')).split('\n').slice(1).join('\n');
      return (parseYaml(yamlText) as { components: { schemas: Record<string, Record<string, unknown>> } }).components.schemas;
    })();
    const typeOf = (schema: Record<string, unknown>): unknown =>
      schema.anyOf ? (schema.anyOf as Record<string, unknown>[]).map((s) => s.type ?? 'ref') : schema.type ?? 'ref';

    it.each(['JobCreate', 'JobResponse'])('%s has the seed\'s properties, types, defaults and required list', async (name) => {
      const doc = (await api.get<{ openapi: string; components: { schemas: Record<string, Record<string, unknown>> } }>('/api/openapi.json')).body;
      expect(doc.openapi).toBe('3.1.0');
      const ours = doc.components.schemas[name];
      const seed = seedSchemas[name];
      const ourProps = ours.properties as Record<string, Record<string, unknown>>;
      const seedProps = seed.properties as Record<string, Record<string, unknown>>;
      expect(Object.keys(ourProps).sort()).toEqual(Object.keys(seedProps).sort());
      for (const [prop, seedProp] of Object.entries(seedProps)) {
        expect([prop, typeOf(ourProps[prop])]).toEqual([prop, typeOf(seedProp)]);
        expect([prop, ourProps[prop].default]).toEqual([prop, seedProp.default]);
      }
      expect([...((ours.required as string[]) ?? [])].sort()).toEqual([...((seed.required as string[]) ?? [])].sort());
    });
  });
});
