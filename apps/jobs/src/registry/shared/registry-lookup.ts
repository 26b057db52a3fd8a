import { registryStreamId, type JobDefinition, type RegistryDefinitions, type RegistryEvent, type RegistryKind, type ResolvedEntity } from '@cp/contracts';
import { foldRegistryEntry, normalizeJobDefinition, type LiveEntry } from '@cp/domain';
import type { EventStore } from '@cp/event-store';

/**
 * Registry entries read straight from their streams (not the read model), so a command never acts on a stale
 * view: an agent created a moment ago can be a team member at once.
 */
export async function loadLiveEntry<K extends RegistryKind>(
  eventStore: EventStore,
  organizationId: string,
  kind: K,
  id: string,
): Promise<LiveEntry<RegistryDefinitions[K]> | null> {
  const events = await eventStore.readStream(registryStreamId(kind, id));
  const state = foldRegistryEntry(kind, events as unknown as RegistryEvent[]);
  return state.status === 'live' && state.organizationId === organizationId ? state : null;
}

/** Which of `agentIds` are live agents of the organization. */
export async function existingAgentIds(eventStore: EventStore, organizationId: string, agentIds: readonly string[]): Promise<string[]> {
  const unique = [...new Set(agentIds)];
  const found = await Promise.all(unique.map((id) => loadLiveEntry(eventStore, organizationId, 'agent', id)));
  return unique.filter((_, index) => found[index] !== null);
}

/** The entity a job refers to, or null when it is not a live entry of that type in the organization. */
export async function resolveEntity(eventStore: EventStore, organizationId: string, type: RegistryKind, id: string): Promise<ResolvedEntity | null> {
  const entry = await loadLiveEntry(eventStore, organizationId, type, id);
  return entry ? { type, id, name: entry.definition.name } : null;
}

/** The registry entry a job definition names (entity_type + entity_id), or null when it names none or it is not live. */
export async function resolveJobEntity(eventStore: EventStore, organizationId: string, definition: JobDefinition): Promise<ResolvedEntity | null> {
  const normalized = normalizeJobDefinition(definition);
  if (!normalized.entity_id || !normalized.entity_type) return null;
  return resolveEntity(eventStore, organizationId, normalized.entity_type, normalized.entity_id);
}
