import { DomainFailure, type CommandMetadata, type WorkflowCommand, type WorkflowDefinition, type WorkflowEvent } from '@cp/contracts';
import { workflowDecider } from './workflow-decider';

const meta: CommandMetadata = { organizationId: 'org-1', actor: { id: 'user-1', email: null }, now: '2026-01-01T00:00:00.000Z', correlationId: 'c-1' };
const WF = 'wf-uuid-1';
const steps = [{ agent_id: 'a-1', prompt_template: 'Collect {{what}}' }, { agent_id: 'a-2', prompt_template: 'Summarise: {{previous_output}}' }];
const definition = (overrides: Partial<WorkflowDefinition> = {}): WorkflowDefinition => ({ name: 'Report', description: 'Daily', steps, ...overrides });
const registered: WorkflowEvent = { type: 'WorkflowRegistered', data: { workflow_id: WF, organization_id: 'org-1', definition: definition() } };

function decide(command: WorkflowCommand, ...events: WorkflowEvent[]) {
  return workflowDecider.decide(command, events.reduce(workflowDecider.evolve, workflowDecider.initialState()));
}
function failureOf(fn: () => unknown): DomainFailure {
  try { fn(); } catch (error) { return error as DomainFailure; }
  throw new Error('expected a failure');
}

describe('workflow decider', () => {
  it('registers a workflow whose step agents exist', () =>
    expect(decide({ type: 'RegisterWorkflow', data: { workflow_id: WF, definition: definition(), existing_agent_ids: ['a-1', 'a-2'] }, metadata: meta })).toEqual([registered]));
  it('points at the step whose agent is missing', () => {
    const failure = failureOf(() => decide({ type: 'RegisterWorkflow', data: { workflow_id: WF, definition: definition(), existing_agent_ids: ['a-1'] }, metadata: meta }));
    expect(failure).toBeInstanceOf(DomainFailure);
    expect(failure.error).toEqual({ code: 'validation', detail: [{ loc: ['body', 'steps', 1, 'agent_id'], msg: 'Value error, Agent a-2 not found in this organization', type: 'value_error' }] });
  });
  it('replaces the steps on update', () =>
    expect(decide({ type: 'UpdateWorkflow', data: { workflow_id: WF, patch: { steps: [steps[1]] }, existing_agent_ids: ['a-2'] }, metadata: meta }, registered))
      .toEqual([{ type: 'WorkflowUpdated', data: { workflow_id: WF, changes: { steps: [steps[1]] } } }]));
  it('clears the description with null', () =>
    expect(decide({ type: 'UpdateWorkflow', data: { workflow_id: WF, patch: { description: null }, existing_agent_ids: [] }, metadata: meta }, registered))
      .toEqual([{ type: 'WorkflowUpdated', data: { workflow_id: WF, changes: { description: null } } }]));
  it('removes a workflow, then no longer finds it', () => {
    const remove: WorkflowCommand = { type: 'RemoveWorkflow', data: { workflow_id: WF }, metadata: meta };
    expect(decide(remove, registered)).toEqual([{ type: 'WorkflowRemoved', data: { workflow_id: WF } }]);
    expect(failureOf(() => decide(remove, registered, { type: 'WorkflowRemoved', data: { workflow_id: WF } })).error.code).toBe('not_found');
  });
  it('does not find a workflow of another organization', () =>
    expect(failureOf(() => decide({ type: 'UpdateWorkflow', data: { workflow_id: WF, patch: { name: 'x' }, existing_agent_ids: [] }, metadata: { ...meta, organizationId: 'org-2' } }, registered)).error)
      .toEqual({ code: 'not_found', detail: `Workflow ${WF} not found` }));
});
