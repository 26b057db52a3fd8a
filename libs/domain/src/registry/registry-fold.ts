import type { AgentEvent, RegistryDefinitions, RegistryEvent, RegistryKind, TeamEvent, WorkflowEvent } from '@cp/contracts';
import { agentDecider } from './agent-decider';
import type { RegistryEntryState } from './registry-entry';
import { teamDecider } from './team-decider';
import { workflowDecider } from './workflow-decider';

/** Folds the events of one registry stream (`<kind>-<id>`) into its current state. */
export function foldRegistryEntry<K extends RegistryKind>(kind: K, events: readonly RegistryEvent[]): RegistryEntryState<RegistryDefinitions[K]> {
  switch (kind) {
    case 'agent':
      return events.reduce((s, e) => agentDecider.evolve(s, e as AgentEvent), agentDecider.initialState()) as RegistryEntryState<RegistryDefinitions[K]>;
    case 'team':
      return events.reduce((s, e) => teamDecider.evolve(s, e as TeamEvent), teamDecider.initialState()) as RegistryEntryState<RegistryDefinitions[K]>;
    case 'workflow':
      return events.reduce((s, e) => workflowDecider.evolve(s, e as WorkflowEvent), workflowDecider.initialState()) as RegistryEntryState<RegistryDefinitions[K]>;
    default: {
      const unreachable: never = kind;
      return unreachable;
    }
  }
}
