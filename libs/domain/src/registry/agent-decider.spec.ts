import { DomainFailure, type AgentCommand, type AgentDefinition, type AgentEvent, type CommandMetadata } from '@cp/contracts';
import { agentDecider } from './agent-decider';

const meta: CommandMetadata = { organizationId: 'org-1', actor: { id: 'user-1', email: 'u@example.com' }, now: '2026-01-01T00:00:00.000Z', correlationId: 'c-1' };
const otherOrg: CommandMetadata = { ...meta, organizationId: 'org-2' };
const AGENT = '7d0c7a52-0000-4000-8000-000000000001';

const definition = (overrides: Partial<AgentDefinition> = {}): AgentDefinition => ({
  name: 'Backup bot', description: null, capabilities: ['backup', 'postgres'], runtime: { type: 'command', command: 'pg_dump', args: ['--schema-only'] },
  default_worker_queue: null, ...overrides,
});
const openai = (key: string | null) => ({ type: 'openai' as const, base_url: 'http://llm.local/v1', model: 'gpt-x', api_key_encrypted: key, temperature: null });
const registered = (overrides: Partial<AgentDefinition> = {}): AgentEvent => ({ type: 'AgentRegistered', data: { agent_id: AGENT, organization_id: 'org-1', definition: definition(overrides) } });
const removed: AgentEvent = { type: 'AgentRemoved', data: { agent_id: AGENT } };

function given(...events: AgentEvent[]) {
  const state = events.reduce(agentDecider.evolve, agentDecider.initialState());
  return {
    when: (command: AgentCommand) => ({
      then: (expected: AgentEvent[]) => expect(agentDecider.decide(command, state)).toEqual(expected),
      thenFails: (code: string, detail?: RegExp) => {
        let failure: unknown;
        try { agentDecider.decide(command, state); } catch (error) { failure = error; }
        expect(failure).toBeInstanceOf(DomainFailure);
        expect((failure as DomainFailure).error.code).toBe(code);
        if (detail) expect(JSON.stringify((failure as DomainFailure).error.detail)).toMatch(detail);
      },
    }),
  };
}

const update = (patch: Extract<AgentCommand, { type: 'UpdateAgent' }>['data']['patch'], metadata = meta): AgentCommand => ({ type: 'UpdateAgent', data: { agent_id: AGENT, patch }, metadata });

describe('agent decider', () => {
  describe('RegisterAgent', () => {
    it('registers a new agent in the caller organization', () =>
      given().when({ type: 'RegisterAgent', data: { agent_id: AGENT, definition: definition() }, metadata: meta }).then([registered()]));
    it('refuses an id that is taken', () =>
      given(registered()).when({ type: 'RegisterAgent', data: { agent_id: AGENT, definition: definition() }, metadata: meta }).thenFails('conflict'));
  });

  describe('UpdateAgent', () => {
    it('records only the fields that changed', () =>
      given(registered()).when(update({ name: 'Renamed', capabilities: ['backup', 'postgres'] }))
        .then([{ type: 'AgentUpdated', data: { agent_id: AGENT, changes: { name: 'Renamed' } } }]));
    it('records nothing when nothing changed', () => given(registered()).when(update({ name: 'Backup bot' })).then([]));
    it('replaces the runtime as a whole', () =>
      given(registered()).when(update({ runtime: { type: 'http', url: 'http://agent.local/run', headers: {} } }))
        .then([{ type: 'AgentUpdated', data: { agent_id: AGENT, changes: { runtime: { type: 'http', url: 'http://agent.local/run', headers: {} } } } }]));
    it('keeps the stored OpenAI key when a new OpenAI runtime comes without one', () => {
      const { api_key_encrypted: _key, ...withoutKey } = { ...openai(null), temperature: 0.2 };
      given(registered({ runtime: openai('sealed-key') })).when(update({ runtime: withoutKey }))
        .then([{ type: 'AgentUpdated', data: { agent_id: AGENT, changes: { runtime: { ...openai('sealed-key'), temperature: 0.2 } } } }]);
    });
    it('clears the OpenAI key when asked to with null', () =>
      given(registered({ runtime: openai('sealed-key') })).when(update({ runtime: openai(null) }))
        .then([{ type: 'AgentUpdated', data: { agent_id: AGENT, changes: { runtime: openai(null) } } }]));
    it('does not find an agent of another organization', () => given(registered()).when(update({ name: 'x' }, otherOrg)).thenFails('not_found', /Agent .* not found/));
    it('does not find a removed agent', () => given(registered(), removed).when(update({ name: 'x' })).thenFails('not_found'));
  });

  describe('RemoveAgent', () => {
    it('removes a live agent', () => given(registered()).when({ type: 'RemoveAgent', data: { agent_id: AGENT }, metadata: meta }).then([removed]));
    it('does not remove twice', () => given(registered(), removed).when({ type: 'RemoveAgent', data: { agent_id: AGENT }, metadata: meta }).thenFails('not_found'));
    it('does not remove an agent of another organization', () =>
      given(registered()).when({ type: 'RemoveAgent', data: { agent_id: AGENT }, metadata: otherOrg }).thenFails('not_found'));
    it('does not find what never existed', () => given().when({ type: 'RemoveAgent', data: { agent_id: AGENT }, metadata: meta }).thenFails('not_found'));
  });

  describe('evolve', () => {
    it('folds registration, updates and removal', () => {
      const state = [registered(), { type: 'AgentUpdated', data: { agent_id: AGENT, changes: { name: 'B' } } } as AgentEvent].reduce(agentDecider.evolve, agentDecider.initialState());
      expect(state).toEqual({ status: 'live', id: AGENT, organizationId: 'org-1', definition: definition({ name: 'B' }) });
      expect(agentDecider.evolve(state, removed)).toEqual({ status: 'removed', id: AGENT, organizationId: 'org-1' });
    });
  });
});
