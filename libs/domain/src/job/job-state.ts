import type { JobDefinition, JobEvent, WebhookCredentials } from '@cp/contracts';

/** State is a union keyed on status (emmett style). */
export type JobState =
  | { status: 'absent' }
  | {
      status: 'active' | 'disabled';
      jobId: string;
      organizationId: string;
      definition: JobDefinition;
      webhook: WebhookCredentials | null;
    }
  | { status: 'deleted'; jobId: string; organizationId: string };

export const initialJobState = (): JobState => ({ status: 'absent' });

export function evolveJob(state: JobState, event: JobEvent): JobState {
  switch (event.type) {
    case 'JobCreated':
      return {
        status: event.data.definition.enabled ? 'active' : 'disabled',
        jobId: event.data.job_id,
        organizationId: event.data.organization_id,
        definition: event.data.definition,
        webhook: event.data.webhook,
      };
    case 'JobUpdated': {
      if (state.status !== 'active' && state.status !== 'disabled') return state;
      const definition = { ...state.definition, ...event.data.changes };
      const webhook = event.data.webhook === undefined ? state.webhook : event.data.webhook;
      return { ...state, definition, webhook, status: definition.enabled ? 'active' : 'disabled' };
    }
    case 'JobEnabled':
    case 'JobDisabled': {
      if (state.status !== 'active' && state.status !== 'disabled') return state;
      const enabled = event.type === 'JobEnabled';
      return { ...state, status: enabled ? 'active' : 'disabled', definition: { ...state.definition, enabled } };
    }
    case 'JobDeleted':
      if (state.status === 'absent') return state;
      return { status: 'deleted', jobId: state.jobId, organizationId: state.organizationId };
    case 'ScheduledRunSkipped':
      return state;
    case 'WebhookSecretRotated':
      if ((state.status !== 'active' && state.status !== 'disabled') || !state.webhook) return state;
      return { ...state, webhook: { ...state.webhook, secret_encrypted: event.data.secret_encrypted } };
    default: {
      const unreachable: never = event;
      return unreachable;
    }
  }
}
