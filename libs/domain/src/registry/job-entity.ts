import { validationFailed, type JobDefinition, type ResolvedEntity } from '@cp/contracts';

const LABEL = { agent: 'Agent', team: 'Team', workflow: 'Workflow' } as const;

/** The fields that decide which registry entry a job runs. */
export function entityReferenceChanged(current: JobDefinition, next: JobDefinition): boolean {
  return current.entity_id !== next.entity_id || current.entity_type !== next.entity_type || current.planning_mode !== next.planning_mode;
}

/**
 * Checks a job's entity reference against what the jobs service found in the registry (`entity`, null when nothing
 * live of that type and id exists in the organization) and fills entity_name. Pure: the lookup happened before.
 */
export function withResolvedEntity(definition: JobDefinition, entity: ResolvedEntity | null): JobDefinition {
  if (!definition.entity_id) return { ...definition, entity_name: null };
  if (!definition.entity_type) {
    throw validationFailed([{ loc: ['body', 'entity_type'], msg: 'Value error, entity_type is required when entity_id is set', type: 'value_error' }]);
  }
  if (!entity || entity.id !== definition.entity_id || entity.type !== definition.entity_type) {
    const msg = `Value error, ${LABEL[definition.entity_type]} ${definition.entity_id} not found in this organization`;
    throw validationFailed([{ loc: ['body', 'entity_id'], msg, type: 'value_error' }]);
  }
  return { ...definition, entity_name: entity.name };
}

/** On an update that keeps the reference, refresh the name when the registry still has the entry; never fail. */
export function refreshedEntityName(definition: JobDefinition, entity: ResolvedEntity | null): JobDefinition {
  const same = entity !== null && entity.id === definition.entity_id && entity.type === definition.entity_type;
  return same ? { ...definition, entity_name: entity.name } : definition;
}
