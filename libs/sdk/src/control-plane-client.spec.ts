import { resolveClientOptions } from './client-options';
import { ControlPlaneClient } from './control-plane-client';
import { sendJson, startRecordingServer, type RecordingServer } from './testing/recording-server';

describe('ControlPlaneClient', () => {
  let server: RecordingServer;
  beforeEach(async () => {
    server = await startRecordingServer((req, res) => sendJson(res, req.method === 'DELETE' ? 204 : 200, req.method === 'DELETE' ? undefined : []));
  });
  afterEach(() => server.close());
  const client = (prefix = '') => new ControlPlaneClient({ baseUrl: `${server.url}${prefix}`, apiKey: 'tok' });
  const last = () => server.requests[server.requests.length - 1];

  it.each([
    ['list', (c: ControlPlaneClient) => c.jobs.list(), 'GET', '/api/v1/jobs', undefined],
    ['list filtered', (c: ControlPlaneClient) => c.jobs.list({ enabled: false, triggerType: 'cron' }), 'GET', '/api/v1/jobs?enabled=false&trigger_type=cron', undefined],
    ['get', (c: ControlPlaneClient) => c.jobs.get('job_1'), 'GET', '/api/v1/jobs/job_1', undefined],
    ['get as of', (c: ControlPlaneClient) => c.jobs.get('job_1', { asOf: '2025-01-01T00:00:00Z' }), 'GET', '/api/v1/jobs/job_1?as_of=2025-01-01T00%3A00%3A00Z', undefined],
    ['create', (c: ControlPlaneClient) => c.jobs.create({ name: 'n', trigger_type: 'manual', prompt_template: 'p' }), 'POST', '/api/v1/jobs', { name: 'n', trigger_type: 'manual', prompt_template: 'p' }],
    ['update', (c: ControlPlaneClient) => c.jobs.update('job_1', { enabled: false }), 'PATCH', '/api/v1/jobs/job_1', { enabled: false }],
    ['delete', (c: ControlPlaneClient) => c.jobs.delete('job_1'), 'DELETE', '/api/v1/jobs/job_1', undefined],
    ['trigger', (c: ControlPlaneClient) => c.jobs.trigger('job_1', { parameters: { a: 1 }, configOverride: { timeout: 7200 } }), 'POST', '/api/v1/jobs/job_1/trigger', { parameters: { a: 1 }, config_override: { timeout: 7200 } }],
    ['trigger without options', (c: ControlPlaneClient) => c.jobs.trigger('job_1'), 'POST', '/api/v1/jobs/job_1/trigger', { parameters: {} }],
    ['enable', (c: ControlPlaneClient) => c.jobs.enable('job_1'), 'POST', '/api/v1/jobs/job_1/enable', {}],
    ['disable', (c: ControlPlaneClient) => c.jobs.disable('job_1'), 'POST', '/api/v1/jobs/job_1/disable', {}],
    ['executions (defaults like the Python SDK)', (c: ControlPlaneClient) => c.jobs.getExecutions('job_1'), 'GET', '/api/v1/jobs/job_1/executions?limit=50&offset=0', undefined],
    ['executions page', (c: ControlPlaneClient) => c.jobs.getExecutions('job_1', { limit: 5, offset: 10 }), 'GET', '/api/v1/jobs/job_1/executions?limit=5&offset=10', undefined],
    ['execution', (c: ControlPlaneClient) => c.executions.get('e-1'), 'GET', '/api/v1/executions/e-1', undefined],
    ['logs after', (c: ControlPlaneClient) => c.executions.logs('e-1', { after: 3 }), 'GET', '/api/v1/executions/e-1/logs?after=3', undefined],
    ['audit events', (c: ControlPlaneClient) => c.audit.events('job_1', { fromRevision: 2, limit: 10, asOf: new Date('2025-01-01T00:00:00Z') }), 'GET', '/api/v1/jobs/job_1/events?from_revision=2&limit=10&as_of=2025-01-01T00%3A00%3A00.000Z', undefined],
    ['execution events', (c: ControlPlaneClient) => c.audit.executionEvents('e-1', { limit: 5 }), 'GET', '/api/v1/executions/e-1/events?limit=5', undefined],
    ['verify', (c: ControlPlaneClient) => c.audit.verify('job_1'), 'GET', '/api/v1/jobs/job_1/events/verify', undefined],
  ])('%s calls the documented endpoint', async (_label, call, method, url, body) => {
    await call(client());
    expect(last()).toMatchObject({ method, url });
    expect(last().headers.authorization).toBe('Bearer tok');
    expect(last().body.length === 0 ? undefined : JSON.parse(last().body.toString())).toEqual(body);
  });

  it('keeps a path prefix of the base URL', async () => {
    await client('/cp/').jobs.list();
    expect(last().url).toBe('/cp/api/v1/jobs');
  });

  it('escapes ids in paths', async () => {
    await client().jobs.get('a/b');
    expect(last().url).toBe('/api/v1/jobs/a%2Fb');
  });

  it('allLogs follows next_after while has_more', async () => {
    const pages = [
      { execution_id: 'e-1', status: 'completed', lines: [{ seq: 1, stream: 'stdout', line: 'a', at: 't' }], next_after: 1, has_more: true },
      { execution_id: 'e-1', status: 'completed', lines: [{ seq: 2, stream: 'stdout', line: 'b', at: 't' }], next_after: 2, has_more: false },
    ];
    const paged = await startRecordingServer((_req, res, index) => sendJson(res, 200, pages[index]));
    const logs = await new ControlPlaneClient({ baseUrl: paged.url, apiKey: 't' }).executions.allLogs('e-1');
    await paged.close();
    expect(logs.lines.map((l) => l.line)).toEqual(['a', 'b']);
    expect(paged.requests.map((r) => r.url)).toEqual(['/api/v1/executions/e-1/logs', '/api/v1/executions/e-1/logs?after=1']);
  });
});

describe('client options', () => {
  it('fall back to CONTROL_PLANE_URL and CONTROL_PLANE_API_KEY', () => {
    expect(resolveClientOptions({}, { CONTROL_PLANE_URL: 'http://cp.example:9000/', CONTROL_PLANE_API_KEY: 'k' })).toMatchObject({ baseUrl: 'http://cp.example:9000', apiKey: 'k' });
  });
  it('prefer explicit options over the environment', () => {
    expect(resolveClientOptions({ baseUrl: 'http://a', apiKey: 'x' }, { CONTROL_PLANE_URL: 'http://b', CONTROL_PLANE_API_KEY: 'y' })).toMatchObject({ baseUrl: 'http://a', apiKey: 'x' });
  });
  it('default to the local gateway of npm start', () => {
    expect(resolveClientOptions({}, {})).toMatchObject({ baseUrl: 'http://localhost:8000', apiKey: null });
  });
  it('reject a URL that is not http(s)', () => {
    expect(() => resolveClientOptions({ baseUrl: 'localhost:8000' }, {})).toThrow(/Invalid control plane URL/);
  });
});
