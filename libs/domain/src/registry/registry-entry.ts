import { notFound, validationFailed, type RegistryKind, type ValidationIssue } from '@cp/contracts';

/** State of one registry entry (agent, team or workflow), a union keyed on status like the job state. */
export type RegistryEntryState<D> =
  | { status: 'absent' }
  | { status: 'live'; id: string; organizationId: string; definition: D }
  | { status: 'removed'; id: string; organizationId: string };

export type LiveEntry<D> = Extract<RegistryEntryState<D>, { status: 'live' }>;

const LABEL: Record<RegistryKind, string> = { agent: 'Agent', team: 'Team', workflow: 'Workflow' };

/** Another organization's entry is indistinguishable from a missing one (404, never 403). */
export function requireLiveEntry<D>(kind: RegistryKind, state: RegistryEntryState<D>, id: string, organizationId: string): LiveEntry<D> {
  if (state.status !== 'live' || state.organizationId !== organizationId) throw notFound(`${LABEL[kind]} ${id} not found`);
  return state;
}

export function registeredEntry<D>(id: string, organizationId: string, definition: D): RegistryEntryState<D> {
  return { status: 'live', id, organizationId, definition };
}

export function updatedEntry<D>(state: RegistryEntryState<D>, changes: Partial<D>): RegistryEntryState<D> {
  return state.status === 'live' ? { ...state, definition: { ...state.definition, ...changes } } : state;
}

export function removedEntry<D>(state: RegistryEntryState<D>): RegistryEntryState<D> {
  return state.status === 'live' ? { status: 'removed', id: state.id, organizationId: state.organizationId } : state;
}

/** The fields of `next` whose value differs from `current` (JSON comparison). */
export function changedFields<D extends object>(current: D, next: D): Partial<D> {
  const changes: Partial<D> = {};
  for (const key of Object.keys(next) as (keyof D)[]) {
    if (JSON.stringify(current[key]) !== JSON.stringify(next[key])) changes[key] = next[key];
  }
  return changes;
}

export function definedFields<P extends object>(patch: P): P {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as P;
}

/** Every referenced agent must exist in the organization: one 422 issue per missing reference, at its place. */
export function missingAgentIssues(references: { agentId: string; loc: (string | number)[] }[], existingAgentIds: readonly string[]): ValidationIssue[] {
  const existing = new Set(existingAgentIds);
  return references
    .filter((ref) => !existing.has(ref.agentId))
    .map((ref) => ({ loc: ['body', ...ref.loc], msg: `Value error, Agent ${ref.agentId} not found in this organization`, type: 'value_error' }));
}

export function throwIfIssues(issues: ValidationIssue[]): void {
  if (issues.length > 0) throw validationFailed(issues);
}
