import type { WorkItem } from '@cp/contracts';
import { planRun, type AgentSpec } from './run-plan';

const item = (overrides: Partial<WorkItem> = {}): WorkItem => ({
  execution_id: 'e-1', job_id: 'job_1', organization_id: 'org-1', attempt: 1, queue: 'default', planning_mode: 'predefined_agent',
  entity: { type: 'agent', id: 'a-1', name: 'A' }, selection: null, prompt: 'Check db', system_prompt: null, parameters: { db: 'orders' },
  config: {}, timeout_seconds: null, heartbeat_interval_ms: 1000, env_vars: {}, secret_names: [], integration_ids: [], mcp_servers: {},
  dispatched_at: '2026-01-01T00:00:00.000Z', correlation_id: 'c-1', ...overrides,
});
const agent = (id: string): AgentSpec => ({ id, name: `Agent ${id}`, runtime: { type: 'command', command: 'cat', args: [] } });

describe('planRun', () => {
  it('runs a single agent on the rendered prompt', () => {
    const steps = planRun(item(), { kind: 'agent', agent: agent('a-1') });
    expect(steps.map((s) => [s.agent.id, s.prompt(null)])).toEqual([['a-1', 'Check db']]);
  });

  it('runs team members in order, each seeing the previous output after the prompt', () => {
    const steps = planRun(item(), { kind: 'team', name: 'Ops', members: [agent('a-2'), agent('a-1')] });
    expect(steps.map((s) => s.agent.id)).toEqual(['a-2', 'a-1']);
    expect(steps[0].prompt(null)).toBe('Check db');
    expect(steps[1].prompt('db is fine')).toBe('Check db\n\nOutput of the previous team member:\ndb is fine');
    expect(steps[1].label).toBe('team Ops, member 2/2: Agent a-1');
  });

  it('renders each workflow step from the parameters, the job prompt and the previous output', () => {
    const steps = planRun(item(), {
      kind: 'workflow', name: 'Report',
      steps: [{ agent: agent('a-1'), prompt_template: 'Dump {{db}} for: {{ prompt }}' }, { agent: agent('a-2'), prompt_template: 'Summarise {{previous_output}}' }],
    });
    expect(steps[0].prompt(null)).toBe('Dump orders for: Check db');
    expect(steps[1].prompt('42 rows')).toBe('Summarise 42 rows');
  });

  it('refuses a workflow whose templates use variables nobody provides, naming each step', () => {
    expect(() => planRun(item(), { kind: 'workflow', name: 'Report', steps: [{ agent: agent('a-1'), prompt_template: 'ok {{db}}' }, { agent: agent('a-1'), prompt_template: '{{table}} {{limit}}' }] }))
      .toThrow('Workflow Report: step 2 uses {{table}}, {{limit}}, which the job parameters do not provide');
  });
});
