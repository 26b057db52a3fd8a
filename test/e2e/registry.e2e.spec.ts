import { launchServices, type LaunchedServices } from '@cp/testing';
import { apiClient, tokenFor, type ApiClient } from './support/api-client';

type Entry = Record<string, unknown> & { id: string };
type Issues = { detail: { loc: (string | number)[]; msg: string; type: string }[] };

const commandAgent = (overrides: Record<string, unknown> = {}) => ({
  name: 'Echo bot', description: 'Repeats the prompt', capabilities: ['echo', 'text'], runtime: { type: 'command', command: 'cat', args: [] }, ...overrides,
});
const openAiRuntime = { type: 'openai', base_url: 'http://127.0.0.1:9/v1', model: 'tiny', api_key_secret: 'sk-very-secret', temperature: 0.1 };

describe('Registry of agents, teams and workflows (issue 4 §1), end to end', () => {
  let services: LaunchedServices;
  let api: ApiClient;
  let otherOrg: ApiClient;

  beforeAll(async () => {
    services = await launchServices({ services: ['projector', 'jobs', 'gateway'] });
    api = apiClient(services.gatewayUrl, tokenFor('org-a', 'alice'));
    otherOrg = apiClient(services.gatewayUrl, tokenFor('org-b'));
  }, 120_000);
  afterAll(() => services?.stop(), 60_000);

  const createAgent = async (body: Record<string, unknown> = commandAgent()): Promise<Entry> => {
    const res = await api.post<Entry>('/api/v1/agents', body);
    expect(res.status).toBe(201);
    return res.body;
  };

  describe('agents', () => {
    it('creates (201), reads and lists an agent', async () => {
      const agent = await createAgent();
      expect(agent).toMatchObject({ organization_id: 'org-a', name: 'Echo bot', capabilities: ['echo', 'text'], runtime: { type: 'command', command: 'cat', args: [] }, default_worker_queue: null, created_by: 'alice' });
      expect((await api.get(`/api/v1/agents/${agent.id}`)).body).toEqual(agent);
      const list = await api.get<Entry[]>('/api/v1/agents');
      expect(list.status).toBe(200);
      expect(list.body.map((a) => a.id)).toContain(agent.id);
    });

    it('answers the MCP start-up probe GET /api/v1/agents?limit=1 with a short array', async () => {
      await createAgent();
      await createAgent();
      const res = await api.get<Entry[]>('/api/v1/agents?limit=1');
      expect(res.status).toBe(200);
      expect(res.body).toHaveLength(1);
      expect((await api.get<Issues>('/api/v1/agents?limit=0')).status).toBe(422);
    });

    it('keeps an OpenAI key secret: never returned, kept across updates that do not resend it, cleared with null', async () => {
      const res = await api.post<Entry>('/api/v1/agents', commandAgent({ runtime: openAiRuntime }));
      expect(res.status).toBe(201);
      expect(res.text).not.toContain('sk-very-secret');
      expect(res.body.runtime).toEqual({ type: 'openai', base_url: 'http://127.0.0.1:9/v1', model: 'tiny', temperature: 0.1, has_api_key_secret: true });
      const { api_key_secret: _k, ...withoutKey } = openAiRuntime;
      const kept = await api.patch<Entry>(`/api/v1/agents/${res.body.id}`, { runtime: { ...withoutKey, model: 'bigger' } });
      expect(kept.body.runtime).toMatchObject({ model: 'bigger', has_api_key_secret: true });
      const cleared = await api.patch<Entry>(`/api/v1/agents/${res.body.id}`, { runtime: { ...openAiRuntime, api_key_secret: null } });
      expect(cleared.body.runtime).toMatchObject({ has_api_key_secret: false });
    });

    it('updates only what a PATCH names, and refuses an empty PATCH', async () => {
      const agent = await createAgent();
      const res = await api.patch<Entry>(`/api/v1/agents/${agent.id}`, { name: 'Renamed', default_worker_queue: 'gpu', runtime: { type: 'http', url: 'http://127.0.0.1:9/run', headers: { 'X-Team': 'ops' } } });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ name: 'Renamed', description: 'Repeats the prompt', default_worker_queue: 'gpu', runtime: { type: 'http', url: 'http://127.0.0.1:9/run', headers: { 'X-Team': 'ops' } } });
      expect((await api.patch(`/api/v1/agents/${agent.id}`, {})).status).toBe(400);
    });

    it('deletes (204), after which the agent is gone', async () => {
      const agent = await createAgent();
      const res = await api.delete(`/api/v1/agents/${agent.id}`);
      expect(res.status).toBe(204);
      expect(res.text).toBe('');
      expect((await api.get(`/api/v1/agents/${agent.id}`)).status).toBe(404);
      expect((await api.get<Entry[]>('/api/v1/agents')).body.map((a) => a.id)).not.toContain(agent.id);
      expect((await api.delete(`/api/v1/agents/${agent.id}`)).status).toBe(404);
    });

    it.each([
      ['no body', undefined, ['body'], 'model_attributes_type'],
      ['no name', { runtime: { type: 'command', command: 'cat' } }, ['body', 'name'], 'missing'],
      ['no runtime', { name: 'x' }, ['body', 'runtime'], 'missing'],
      ['unknown runtime type', { name: 'x', runtime: { type: 'ssh' } }, ['body', 'runtime', 'type'], 'literal_error'],
      ['command runtime without a command', { name: 'x', runtime: { type: 'command' } }, ['body', 'runtime', 'command'], 'missing'],
      ['http runtime without a url', { name: 'x', runtime: { type: 'http' } }, ['body', 'runtime', 'url'], 'missing'],
      ['http runtime with a non-http url', { name: 'x', runtime: { type: 'http', url: 'file:///etc/passwd' } }, ['body', 'runtime', 'url'], 'string_pattern_mismatch'],
      ['openai runtime without a model', { name: 'x', runtime: { type: 'openai', base_url: 'http://x/v1' } }, ['body', 'runtime', 'model'], 'missing'],
      ['args that are not strings', { name: 'x', runtime: { type: 'command', command: 'echo', args: [1] } }, ['body', 'runtime', 'args', 0], 'string_type'],
      ['capabilities that are not a list', { name: 'x', capabilities: 'all', runtime: { type: 'command', command: 'cat' } }, ['body', 'capabilities'], 'list_type'],
    ])('answers 422 for %s, at the field', async (_case, body, loc, type) => {
      const res = await api.post<Issues>('/api/v1/agents', body);
      expect(res.status).toBe(422);
      expect(res.body.detail).toEqual(expect.arrayContaining([expect.objectContaining({ loc, type })]));
    });
  });

  describe('teams and workflows', () => {
    it('creates a team of existing agents, in the given order', async () => {
      const [first, second] = [await createAgent(), await createAgent()];
      const res = await api.post<Entry>('/api/v1/teams', { name: 'Ops', member_agent_ids: [second.id, first.id] });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ name: 'Ops', description: null, member_agent_ids: [second.id, first.id] });
      expect((await api.get<Entry[]>('/api/v1/teams?limit=10&offset=0')).body.map((t) => t.id)).toContain(res.body.id);
    });

    it('refuses members that do not exist or belong to another organization, naming each', async () => {
      const mine = await createAgent();
      const theirs = (await otherOrg.post<Entry>('/api/v1/agents', commandAgent())).body;
      const res = await api.post<Issues>('/api/v1/teams', { name: 'Ops', member_agent_ids: [mine.id, 'no-such-agent', theirs.id] });
      expect(res.status).toBe(422);
      expect(res.body.detail.map((i) => i.loc)).toEqual([['body', 'member_agent_ids', 1], ['body', 'member_agent_ids', 2]]);
      expect((await api.post<Issues>('/api/v1/teams', { name: 'Empty', member_agent_ids: [] })).body.detail[0]).toMatchObject({ loc: ['body', 'member_agent_ids'], type: 'too_short' });
    });

    it('creates, updates and deletes a workflow whose steps name existing agents', async () => {
      const agent = await createAgent();
      const steps = [{ agent_id: agent.id, prompt_template: 'Collect {{what}}' }, { agent_id: agent.id, prompt_template: 'Summarise {{previous_output}}' }];
      const created = await api.post<Entry>('/api/v1/workflows', { name: 'Report', steps });
      expect(created.status).toBe(201);
      expect(created.body.steps).toEqual(steps);
      const updated = await api.patch<Entry>(`/api/v1/workflows/${created.body.id}`, { steps: [steps[0]], description: 'one step' });
      expect(updated.body).toMatchObject({ steps: [steps[0]], description: 'one step' });
      const missing = await api.patch<Issues>(`/api/v1/workflows/${created.body.id}`, { steps: [{ agent_id: 'ghost', prompt_template: 'x' }] });
      expect(missing.status).toBe(422);
      expect(missing.body.detail[0].loc).toEqual(['body', 'steps', 0, 'agent_id']);
      expect((await api.delete(`/api/v1/workflows/${created.body.id}`)).status).toBe(204);
      expect((await api.get(`/api/v1/workflows/${created.body.id}`)).status).toBe(404);
    });
  });

  describe('organization isolation', () => {
    it('hides every entry of another organization (404) and never lists it', async () => {
      const agent = await createAgent();
      const team = (await api.post<Entry>('/api/v1/teams', { name: 'Ops', member_agent_ids: [agent.id] })).body;
      for (const path of [`/api/v1/agents/${agent.id}`, `/api/v1/teams/${team.id}`]) {
        expect((await otherOrg.get(path)).status).toBe(404);
        expect((await otherOrg.patch(path, { name: 'stolen' })).status).toBe(404);
        expect((await otherOrg.delete(path)).status).toBe(404);
      }
      expect((await otherOrg.get<Entry[]>('/api/v1/agents')).body.map((a) => a.id)).not.toContain(agent.id);
      expect((await api.get<Entry>(`/api/v1/agents/${agent.id}`)).body.name).toBe('Echo bot');
    });
  });

  describe('jobs refer to registry entries', () => {
    const job = (overrides: Record<string, unknown>) => ({ name: 'Run it', trigger_type: 'manual', prompt_template: 'Do {{x}}', ...overrides });

    it('fills entity_name from the registry', async () => {
      const agent = await createAgent(commandAgent({ name: 'Deployer' }));
      const res = await api.post<Entry>('/api/v1/jobs', job({ planning_mode: 'predefined_agent', entity_id: agent.id }));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ entity_type: 'agent', entity_id: agent.id, entity_name: 'Deployer' });
    });

    it('refuses an entity that does not exist, has another type, or belongs to another organization', async () => {
      const agent = await createAgent();
      const theirs = (await otherOrg.post<Entry>('/api/v1/agents', commandAgent())).body;
      for (const body of [
        job({ planning_mode: 'predefined_agent', entity_id: 'no-such-agent' }),
        job({ planning_mode: 'predefined_team', entity_id: agent.id }),
        job({ planning_mode: 'predefined_agent', entity_id: theirs.id }),
      ]) {
        const res = await api.post<Issues>('/api/v1/jobs', body);
        expect(res.status).toBe(422);
        expect(res.body.detail).toEqual([expect.objectContaining({ loc: ['body', 'entity_id'], msg: expect.stringMatching(/not found in this organization/) })]);
      }
    });

    it('checks the new entity when a job is switched to a team, and fills its name', async () => {
      const agent = await createAgent();
      const team = (await api.post<Entry>('/api/v1/teams', { name: 'Night shift', member_agent_ids: [agent.id] })).body;
      const created = (await api.post<Entry>('/api/v1/jobs', job({ planning_mode: 'predefined_agent', entity_id: agent.id }))).body;
      const wrong = await api.patch<Issues>(`/api/v1/jobs/${created.id}`, { planning_mode: 'predefined_team', entity_type: 'team', entity_id: 'ghost-team' });
      expect(wrong.status).toBe(422);
      const res = await api.patch<Entry>(`/api/v1/jobs/${created.id}`, { planning_mode: 'predefined_team', entity_type: 'team', entity_id: team.id });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ entity_type: 'team', entity_id: team.id, entity_name: 'Night shift' });
    });
  });
});
