import { randomUUID } from 'node:crypto';
import { registryStreamId, type AgentDefinition, type RegistryEvent } from '@cp/contracts';
import type { EventToAppend } from '@cp/event-store';
import { ProjectionRunner } from '../projection-runner';
import { RegistryQueries } from '../registry.queries';
import { toAgentResponse } from '../registry-response.mapper';
import { alice, bob } from '../testing/job-events.fixture';
import { memoryLogger, openReadModelFixture, type ReadModelFixture } from '../testing/read-model.fixture';
import { registryProjection } from './registry.projection';

const NAME = 'read-model';
const agent = (overrides: Partial<AgentDefinition> = {}): AgentDefinition => ({
  name: 'Backup bot', description: null, capabilities: ['backup'], default_worker_queue: null,
  runtime: { type: 'openai', base_url: 'http://llm/v1', model: 'm', api_key_encrypted: 'v1.sealed', temperature: null }, ...overrides,
});

function event(e: RegistryEvent, org: string, at: string, actor = alice): EventToAppend {
  return { id: randomUUID(), type: e.type, data: e.data, metadata: { organizationId: org, actor, correlationId: randomUUID(), causationId: null, schemaVersion: 1, occurredAt: at } };
}

describe('registry projection and queries', () => {
  let fx: ReadModelFixture;
  let runner: ProjectionRunner;
  let queries: RegistryQueries;

  beforeAll(async () => {
    fx = await openReadModelFixture('rm_registry');
    runner = new ProjectionRunner({ dataSource: fx.dataSource, eventStore: fx.store, name: NAME, projections: [registryProjection], logger: memoryLogger() });
    await runner.start();
    queries = new RegistryQueries(fx.dataSource);
  });
  afterAll(async () => {
    await runner.stop();
    await fx.close();
  });

  it('keeps agents per organization, newest first, with updates applied and removed ones hidden', async () => {
    const [older, newer, removed, foreign] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await fx.store.append(registryStreamId('agent', older), [
      event({ type: 'AgentRegistered', data: { agent_id: older, organization_id: 'org-a', definition: agent() } }, 'org-a', '2026-01-01T00:00:00.000Z'),
      event({ type: 'AgentUpdated', data: { agent_id: older, changes: { name: 'Renamed', capabilities: ['backup', 'pg'] } } }, 'org-a', '2026-01-03T00:00:00.000Z', bob),
    ], 'no_stream');
    await fx.store.append(registryStreamId('agent', newer), [event({ type: 'AgentRegistered', data: { agent_id: newer, organization_id: 'org-a', definition: agent({ name: 'Newer' }) } }, 'org-a', '2026-01-02T00:00:00.000Z')], 'no_stream');
    await fx.store.append(registryStreamId('agent', removed), [
      event({ type: 'AgentRegistered', data: { agent_id: removed, organization_id: 'org-a', definition: agent() } }, 'org-a', '2026-01-02T00:00:00.000Z'),
      event({ type: 'AgentRemoved', data: { agent_id: removed } }, 'org-a', '2026-01-04T00:00:00.000Z'),
    ], 'no_stream');
    await fx.store.append(registryStreamId('agent', foreign), [event({ type: 'AgentRegistered', data: { agent_id: foreign, organization_id: 'org-b', definition: agent() } }, 'org-b', '2026-01-05T00:00:00.000Z')], 'no_stream');
    await fx.caughtUp(NAME);

    expect((await queries.listEntries('org-a', 'agent')).map((r) => r.id)).toEqual([newer, older]);
    expect((await queries.listEntries('org-a', 'agent', { limit: 1, offset: 1 })).map((r) => r.id)).toEqual([older]);
    expect(await queries.findEntry('org-b', 'agent', older)).toBeNull();
    expect(await queries.findEntry('org-a', 'agent', removed)).toBeNull();
    expect(await queries.findEntry('org-a', 'team', older)).toBeNull();
    const row = await queries.findEntry('org-a', 'agent', older);
    expect(toAgentResponse(row!)).toMatchObject({
      name: 'Renamed', capabilities: ['backup', 'pg'], created_by: alice.id, updated_by: bob.id, updated_at: '2026-01-03T00:00:00.000Z',
      runtime: { type: 'openai', base_url: 'http://llm/v1', model: 'm', temperature: null, has_api_key_secret: true },
    });
    expect(JSON.stringify(toAgentResponse(row!))).not.toContain('sealed');
    expect((await queries.listAgents('org-a')).map((a) => a.definition.name).sort()).toEqual(['Newer', 'Renamed']);
  });

  it('applies each event once, even when it is delivered again', async () => {
    const id = randomUUID();
    await fx.store.append(registryStreamId('team', id), [
      event({ type: 'TeamRegistered', data: { team_id: id, organization_id: 'org-a', definition: { name: 'Ops', description: null, member_agent_ids: ['a'] } } }, 'org-a', '2026-02-01T00:00:00.000Z'),
      event({ type: 'TeamUpdated', data: { team_id: id, changes: { member_agent_ids: ['a', 'b'] } } }, 'org-a', '2026-02-02T00:00:00.000Z'),
    ], 'no_stream');
    await fx.caughtUp(NAME);
    const stored = await fx.store.readStream(registryStreamId('team', id));
    await fx.dataSource.transaction(async (manager) => {
      for (const e of stored) await registryProjection.apply(e, manager);
    });
    expect((await queries.findEntry('org-a', 'team', id))?.definition).toEqual({ name: 'Ops', description: null, member_agent_ids: ['a', 'b'] });
  });
});
