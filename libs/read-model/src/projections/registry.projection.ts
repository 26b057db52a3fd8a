import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { REGISTRY_EVENT_TYPES } from '@cp/contracts';
import type { RecordedEvent, RegistryDefinitions, RegistryEvent, RegistryKind } from '@cp/contracts';
import { RegistryEntryRow } from '../entities';
import type { Projection } from '../projection';

type Change =
  | { kind: RegistryKind; id: string; action: 'registered'; organizationId: string; definition: RegistryDefinitions[RegistryKind] }
  | { kind: RegistryKind; id: string; action: 'updated'; changes: Partial<RegistryDefinitions[RegistryKind]> }
  | { kind: RegistryKind; id: string; action: 'removed' };

/** Registry events -> `registry_entries` rows. Idempotent: an event at or below the row's stream_revision is skipped. */
export const registryProjection: Projection = {
  name: 'registry',
  handles: REGISTRY_EVENT_TYPES,
  apply: (event, manager) => applyRegistryEvent(event as RecordedEvent<RegistryEvent>, manager),
};

export function registryChange(event: RegistryEvent): Change {
  switch (event.type) {
    case 'AgentRegistered':
      return { kind: 'agent', id: event.data.agent_id, action: 'registered', organizationId: event.data.organization_id, definition: event.data.definition };
    case 'TeamRegistered':
      return { kind: 'team', id: event.data.team_id, action: 'registered', organizationId: event.data.organization_id, definition: event.data.definition };
    case 'WorkflowRegistered':
      return { kind: 'workflow', id: event.data.workflow_id, action: 'registered', organizationId: event.data.organization_id, definition: event.data.definition };
    case 'AgentUpdated':
      return { kind: 'agent', id: event.data.agent_id, action: 'updated', changes: event.data.changes };
    case 'TeamUpdated':
      return { kind: 'team', id: event.data.team_id, action: 'updated', changes: event.data.changes };
    case 'WorkflowUpdated':
      return { kind: 'workflow', id: event.data.workflow_id, action: 'updated', changes: event.data.changes };
    case 'AgentRemoved':
      return { kind: 'agent', id: event.data.agent_id, action: 'removed' };
    case 'TeamRemoved':
      return { kind: 'team', id: event.data.team_id, action: 'removed' };
    case 'WorkflowRemoved':
      return { kind: 'workflow', id: event.data.workflow_id, action: 'removed' };
    default: {
      const unexpected: never = event;
      throw new Error(`Unhandled registry event ${(unexpected as { type: string }).type}`);
    }
  }
}

async function applyRegistryEvent(event: RecordedEvent<RegistryEvent>, manager: EntityManager): Promise<void> {
  const change = registryChange(event);
  const repository = manager.getRepository(RegistryEntryRow);
  const at = new Date(event.metadata.occurredAt);
  const actor = event.metadata.actor.id;
  if (change.action === 'registered') {
    if (await repository.existsBy({ kind: change.kind, id: change.id })) return;
    const { name, description } = change.definition;
    await repository.insert(asPartial({
      kind: change.kind, id: change.id, organization_id: change.organizationId, name, description, definition: change.definition,
      created_by: actor, updated_by: actor, created_at: at, updated_at: at, removed_at: null, stream_revision: event.revision,
    }));
    return;
  }
  const row = await repository.findOne({ where: { kind: change.kind, id: change.id }, lock: { mode: 'pessimistic_write' } });
  if (!row) throw new Error(`${change.kind} ${change.id} has no read-model row, so ${event.type} (revision ${event.revision}) cannot be applied; rebuild the read model`);
  if (event.revision <= row.stream_revision) return;
  const touched = { updated_by: actor, updated_at: at, stream_revision: event.revision };
  if (change.action === 'removed') {
    await repository.update({ kind: row.kind, id: row.id }, asPartial({ removed_at: at, ...touched }));
    return;
  }
  const definition = { ...row.definition, ...change.changes } as RegistryDefinitions[RegistryKind];
  await repository.update({ kind: row.kind, id: row.id }, asPartial({ definition, name: definition.name, description: definition.description, ...touched }));
}

/** TypeORM's deep-partial type rejects unions inside jsonb columns; the values are plain JSON. */
const asPartial = (row: Partial<RegistryEntryRow>): QueryDeepPartialEntity<RegistryEntryRow> => row as QueryDeepPartialEntity<RegistryEntryRow>;
