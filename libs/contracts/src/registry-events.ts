import type { Event } from './messages';
import type { AgentDefinition, TeamDefinition, WorkflowDefinition } from './registry';

export type AgentRegistered = Event<'AgentRegistered', { agent_id: string; organization_id: string; definition: AgentDefinition }>;
/** Only the fields that changed. */
export type AgentUpdated = Event<'AgentUpdated', { agent_id: string; changes: Partial<AgentDefinition> }>;
export type AgentRemoved = Event<'AgentRemoved', { agent_id: string }>;
export type AgentEvent = AgentRegistered | AgentUpdated | AgentRemoved;

export type TeamRegistered = Event<'TeamRegistered', { team_id: string; organization_id: string; definition: TeamDefinition }>;
export type TeamUpdated = Event<'TeamUpdated', { team_id: string; changes: Partial<TeamDefinition> }>;
export type TeamRemoved = Event<'TeamRemoved', { team_id: string }>;
export type TeamEvent = TeamRegistered | TeamUpdated | TeamRemoved;

export type WorkflowRegistered = Event<'WorkflowRegistered', { workflow_id: string; organization_id: string; definition: WorkflowDefinition }>;
export type WorkflowUpdated = Event<'WorkflowUpdated', { workflow_id: string; changes: Partial<WorkflowDefinition> }>;
export type WorkflowRemoved = Event<'WorkflowRemoved', { workflow_id: string }>;
export type WorkflowEvent = WorkflowRegistered | WorkflowUpdated | WorkflowRemoved;

export type RegistryEvent = AgentEvent | TeamEvent | WorkflowEvent;
export type RegistryEventType = RegistryEvent['type'];

export const REGISTRY_EVENT_TYPES: readonly RegistryEventType[] = [
  'AgentRegistered', 'AgentUpdated', 'AgentRemoved',
  'TeamRegistered', 'TeamUpdated', 'TeamRemoved',
  'WorkflowRegistered', 'WorkflowUpdated', 'WorkflowRemoved',
];
