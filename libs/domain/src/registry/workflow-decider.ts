import { conflict, type RegisterWorkflow, type RemoveWorkflow, type WorkflowCommand, type WorkflowDefinition, type WorkflowEvent, type WorkflowStep, type UpdateWorkflow } from '@cp/contracts';
import {
  changedFields,
  definedFields,
  missingAgentIssues,
  registeredEntry,
  removedEntry,
  requireLiveEntry,
  throwIfIssues,
  updatedEntry,
  type RegistryEntryState,
} from './registry-entry';

export type WorkflowState = RegistryEntryState<WorkflowDefinition>;

export const initialWorkflowState = (): WorkflowState => ({ status: 'absent' });

export function evolveWorkflow(state: WorkflowState, event: WorkflowEvent): WorkflowState {
  switch (event.type) {
    case 'WorkflowRegistered':
      return registeredEntry(event.data.workflow_id, event.data.organization_id, event.data.definition);
    case 'WorkflowUpdated':
      return updatedEntry(state, event.data.changes);
    case 'WorkflowRemoved':
      return removedEntry(state);
    default: {
      const unreachable: never = event;
      return unreachable;
    }
  }
}

function requireStepAgents(steps: WorkflowStep[], existingAgentIds: string[]): void {
  const references = steps.map((step, index) => ({ agentId: step.agent_id, loc: ['steps', index, 'agent_id'] }));
  throwIfIssues(missingAgentIssues(references, existingAgentIds));
}

function registerWorkflow(command: RegisterWorkflow, state: WorkflowState): WorkflowEvent[] {
  if (state.status !== 'absent') throw conflict(`Workflow ${command.data.workflow_id} already exists`);
  const { workflow_id, definition, existing_agent_ids } = command.data;
  requireStepAgents(definition.steps, existing_agent_ids);
  return [{ type: 'WorkflowRegistered', data: { workflow_id, organization_id: command.metadata.organizationId, definition } }];
}

function updateWorkflow(command: UpdateWorkflow, state: WorkflowState): WorkflowEvent[] {
  const workflow = requireLiveEntry('workflow', state, command.data.workflow_id, command.metadata.organizationId);
  const patch = definedFields(command.data.patch);
  if (patch.steps) requireStepAgents(patch.steps, command.data.existing_agent_ids);
  const changes = changedFields(workflow.definition, { ...workflow.definition, ...patch });
  if (Object.keys(changes).length === 0) return [];
  return [{ type: 'WorkflowUpdated', data: { workflow_id: workflow.id, changes } }];
}

function removeWorkflow(command: RemoveWorkflow, state: WorkflowState): WorkflowEvent[] {
  const workflow = requireLiveEntry('workflow', state, command.data.workflow_id, command.metadata.organizationId);
  return [{ type: 'WorkflowRemoved', data: { workflow_id: workflow.id } }];
}

export function decideWorkflow(command: WorkflowCommand, state: WorkflowState): WorkflowEvent[] {
  switch (command.type) {
    case 'RegisterWorkflow':
      return registerWorkflow(command, state);
    case 'UpdateWorkflow':
      return updateWorkflow(command, state);
    case 'RemoveWorkflow':
      return removeWorkflow(command, state);
    default: {
      const unreachable: never = command;
      return unreachable;
    }
  }
}

export const workflowDecider = { decide: decideWorkflow, evolve: evolveWorkflow, initialState: initialWorkflowState };
