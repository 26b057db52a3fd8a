import { registryStreamId, type ExecutionEntity, type RegistryDefinitions, type RegistryEvent, type RegistryKind } from '@cp/contracts';
import { foldRegistryEntry } from '@cp/domain';
import type { EventStore } from '@cp/event-store';
import type { AgentSpec, RunTarget } from './run-plan';

export class RegistryEntryMissing extends Error {}

const LABEL: Record<RegistryKind, string> = { agent: 'Agent', team: 'Team', workflow: 'Workflow' };

/**
 * Reads what an execution runs straight from the registry streams (the source of truth, never behind), so an
 * agent changed a moment before the run is run as changed. Only live entries of the execution's organization count.
 */
export class RegistryReader {
  constructor(private readonly eventStore: EventStore) {}

  async target(organizationId: string, entity: ExecutionEntity): Promise<RunTarget> {
    switch (entity.type) {
      case 'agent':
        return { kind: 'agent', agent: await this.agent(organizationId, entity.id) };
      case 'team': {
        const team = await this.entry(organizationId, 'team', entity.id);
        return { kind: 'team', name: team.name, members: await Promise.all(team.member_agent_ids.map((id) => this.agent(organizationId, id))) };
      }
      case 'workflow': {
        const workflow = await this.entry(organizationId, 'workflow', entity.id);
        const steps = await Promise.all(workflow.steps.map(async (step) => ({ agent: await this.agent(organizationId, step.agent_id), prompt_template: step.prompt_template })));
        return { kind: 'workflow', name: workflow.name, steps };
      }
      default: {
        const unreachable: never = entity.type;
        return unreachable;
      }
    }
  }

  private async agent(organizationId: string, id: string): Promise<AgentSpec> {
    const definition = await this.entry(organizationId, 'agent', id);
    return { id, name: definition.name, runtime: definition.runtime };
  }

  private async entry<K extends RegistryKind>(organizationId: string, kind: K, id: string): Promise<RegistryDefinitions[K]> {
    const events = await this.eventStore.readStream(registryStreamId(kind, id));
    const state = foldRegistryEntry(kind, events as unknown as RegistryEvent[]);
    if (state.status !== 'live' || state.organizationId !== organizationId) {
      throw new RegistryEntryMissing(`${LABEL[kind]} ${id} is not in the registry of this organization (removed?)`);
    }
    return state.definition;
  }
}
