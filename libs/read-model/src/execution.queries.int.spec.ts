import { RegistryEntryRow } from './entities';
import { ExecutionQueries } from './execution.queries';
import { openReadModelFixture, type ReadModelFixture } from './testing/read-model.fixture';

describe('ExecutionQueries.agentDefaultQueue (real PostgreSQL read model)', () => {
  let fx: ReadModelFixture;
  let queries: ExecutionQueries;
  const at = new Date('2026-01-01T00:00:00Z');
  const agent = (id: string, organization_id: string, default_worker_queue: string | null, removed_at: Date | null = null) => ({
    kind: 'agent' as const, id, organization_id, name: id, description: null, created_by: null, updated_by: null,
    definition: { name: id, description: null, capabilities: [], runtime: { type: 'command', command: '/bin/true', args: [] }, default_worker_queue } as never,
    created_at: at, updated_at: at, removed_at, stream_revision: 0,
  });

  beforeAll(async () => {
    fx = await openReadModelFixture('execution_queries');
    queries = new ExecutionQueries(fx.dataSource);
    await fx.dataSource.getRepository(RegistryEntryRow).insert([
      agent('a-gpu', 'org-1', 'gpu'), agent('a-plain', 'org-1', null), agent('a-gone', 'org-1', 'old', at), agent('a-other', 'org-2', 'theirs'),
    ]);
  });
  afterAll(() => fx.close());

  it("reads the agent's default worker queue in its organization", async () => {
    expect(await queries.agentDefaultQueue('org-1', 'a-gpu')).toBe('gpu');
  });
  it('is null for an agent without one, a removed agent, another organization\'s agent and an unknown one', async () => {
    expect(await queries.agentDefaultQueue('org-1', 'a-plain')).toBeNull();
    expect(await queries.agentDefaultQueue('org-1', 'a-gone')).toBeNull();
    expect(await queries.agentDefaultQueue('org-1', 'a-other')).toBeNull();
    expect(await queries.agentDefaultQueue('org-1', 'nobody')).toBeNull();
  });
});
